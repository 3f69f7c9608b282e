package dev.perimeter.match.compile;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.match.EntryTest;
import dev.perimeter.match.PacketKey;

/**
 * A list compiled into cut trees: one forest for unfragmented packets and initial fragments, one for
 * non-initial fragments (the IOS fragment table compiled in). Keys outside the field ranges a decoder can
 * produce are answered by the linear scan, so the answer is the reference's for any key. The trees hold the
 * plain entries; an answer is mapped to its written entry through {@code written} when object groups made the
 * two lists differ.
 */
final class CutTreeMatcher implements CompiledMatcher {
    private final CutForest packets;
    private final CutForest fragments;
    private final AccessListEntry[] entries;
    /** The written entry of each plain one; null when they are the same list. */
    private final int[] written;
    private final String strategy;

    CutTreeMatcher(CutForest packets, CutForest fragments, AccessListEntry[] entries, int[] written) {
        this.packets = packets;
        this.fragments = fragments;
        this.entries = entries;
        this.written = written;
        this.strategy = packets == fragments ? packets.description
                : packets.description + " fragments " + fragments.description;
    }

    @Override
    public int match(PacketKey p) {
        int sp = p.sourcePort, dp = p.destinationPort, proto = p.protocol;
        if (((sp | dp) >>> 16 | proto >>> 8) != 0) {
            return linear(p);
        }
        int[] k = p.lookupFields;
        k[0] = p.source;
        k[1] = p.destination;
        k[2] = sp;
        k[3] = dp;
        k[4] = proto;
        int best = (p.fragmentOffset == 0 ? packets : fragments).search(k, p);
        return best == Integer.MAX_VALUE ? NO_MATCH : written(best);
    }

    /** Packets walked together: enough to overlap memory latency, few enough to stay in registers and L1. */
    private static final int GROUP = 16;

    /** Walk positions of a batch; one per thread, reused, so a batch allocates nothing. */
    private static final ThreadLocal<long[]> SLOTS = ThreadLocal.withInitial(() -> new long[GROUP]);

    @Override
    public void matchBatch(PacketKey[] batch, int count, int[] results) {
        long[] slots = SLOTS.get();
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            for (int i = from; i < to; i++) {
                PacketKey p = batch[i];
                int sp = p.sourcePort, dp = p.destinationPort, proto = p.protocol;
                int[] k = p.lookupFields;
                if (((sp | dp) >>> 16 | proto >>> 8) != 0 || p.fragmentOffset != 0) {
                    k[6] = CutForest.SKIP;
                    results[i] = match(p);
                } else {
                    k[0] = p.source;
                    k[1] = p.destination;
                    k[2] = sp;
                    k[3] = dp;
                    k[4] = proto;
                    k[6] = 0;
                }
            }
            packets.searchBatch(batch, from, to, slots);
            for (int i = from; i < to; i++) {
                int[] k = batch[i].lookupFields;
                if (k[6] != CutForest.SKIP) {
                    results[i] = k[5] == Integer.MAX_VALUE ? NO_MATCH : written(k[5]);
                }
            }
        }
    }

    private int linear(PacketKey p) {
        for (int i = 0; i < entries.length; i++) {
            if (EntryTest.decides(entries[i], p)) {
                return written(i);
            }
        }
        return NO_MATCH;
    }

    private int written(int plain) {
        return written == null ? plain : written[plain];
    }

    @Override
    public String strategy() {
        return strategy;
    }

    @Override
    public long fragmentTableBytes() {
        return packets == fragments ? 0 : fragments.memoryBytes();
    }

    @Override
    public long memoryBytes() {
        return packets.memoryBytes() + (packets == fragments ? 0 : fragments.memoryBytes())
                + (written == null ? 0 : 16 + 4L * written.length);
    }
}
