package dev.perimeter.match;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;

/** The reference matcher: every entry in order, the first that decides wins. Plain on purpose. */
public final class LinearMatcher implements Matcher {
    private final AccessListEntry[] entries;

    public LinearMatcher(AccessList list) {
        this.entries = list.entries().toArray(new AccessListEntry[0]);
    }

    @Override
    public int match(PacketKey packet) {
        for (int i = 0; i < entries.length; i++) {
            if (EntryTest.decides(entries[i], packet)) {
                return i;
            }
        }
        return NO_MATCH;
    }
}
