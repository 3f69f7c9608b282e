package dev.perimeter.stats;

import dev.perimeter.acl.AccessList;

/**
 * The match counters of one access list, as {@code show access-lists} prints them, plus the frames the implicit
 * deny at its end dropped (IOS does not show those). One writer, the pipeline's handler thread; other threads
 * read plain longs and may see a value a few frames old.
 */
public final class ListCounters {
    private final AccessList list;
    private final long[] matches;
    private final boolean[] denies;
    private long implicitDenies;

    public ListCounters(AccessList list) {
        this.list = list;
        this.matches = new long[list.size()];
        this.denies = new boolean[list.size()];
        for (int i = 0; i < denies.length; i++) {
            denies[i] = !list.entry(i).permits();
        }
    }

    public AccessList list() {
        return list;
    }

    public void countMatch(int entryIndex) {
        matches[entryIndex]++;
    }

    /** Entry {@code entryIndex} decided a frame that stands for {@code packets} packets (coalesced). */
    public void countMatch(int entryIndex, int packets) {
        matches[entryIndex] += packets;
    }

    public void countImplicitDeny() {
        implicitDenies++;
    }

    public void countImplicitDeny(int packets) {
        implicitDenies += packets;
    }

    public long matches(int entryIndex) {
        return matches[entryIndex];
    }

    /** A copy of the per-entry counts, in entry order. */
    public long[] snapshot() {
        return matches.clone();
    }

    public long implicitDenies() {
        return implicitDenies;
    }

    /** Frames a deny entry of this list decided. */
    public long deniedByEntries() {
        long n = 0;
        for (int i = 0; i < matches.length; i++) {
            if (denies[i]) {
                n += matches[i];
            }
        }
        return n;
    }

    /** Every frame this list dropped: its deny entries and its implicit deny. */
    public long dropped() {
        return deniedByEntries() + implicitDenies;
    }
}
