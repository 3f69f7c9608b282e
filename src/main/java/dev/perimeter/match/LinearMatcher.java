package dev.perimeter.match;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;

/**
 * The reference matcher: every plain entry in order (an entry naming object groups stands for one per
 * combination of their members), the first that decides wins and its written entry is the answer. Plain on
 * purpose.
 */
public final class LinearMatcher implements Matcher {
    private final AccessListEntry[] entries;
    /** The written entry of each plain one; null when they are the same list. */
    private final int[] written;

    public LinearMatcher(AccessList list) {
        this.entries = list.plainEntries().toArray(new AccessListEntry[0]);
        this.written = list.writtenIndexes();
    }

    @Override
    public int match(PacketKey packet) {
        for (int i = 0; i < entries.length; i++) {
            if (EntryTest.decides(entries[i], packet)) {
                return written == null ? i : written[i];
            }
        }
        return NO_MATCH;
    }
}
