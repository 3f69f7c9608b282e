package dev.perimeter.match.compile;


import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.match.EntryTest;
import dev.perimeter.match.PacketKey;

/**
 * One or more cut trees over one rule table, immutable. A lookup walks each tree whose best rule could still
 * beat the best match so far (trees are ordered by their first rule), then scans the leaf in priority order.
 */
final class CutForest {
    private final long[][] nodes;
    private final int[][] leaves;
    private final long[] roots;
    private final int[] firstPriority;
    private final AccessListEntry[] entries;
    final String description;

    CutForest(long[][] nodes, int[][] leaves, long[] roots, int[] firstPriority, AccessListEntry[] entries,
            String description) {
        this.nodes = nodes;
        this.leaves = leaves;
        this.roots = roots;
        this.firstPriority = firstPriority;
        this.entries = entries;
        this.description = description;
    }

    /** The leaf a tree walk ends in: one dependent load per level. */
    private static int walk(long[] tn, long s, int[] k) {
        int how = (int) (s >>> 32) & 0xFF;
        while (how != CutTreeBuilder.LEAF) {
            s = tn[(int) (s >>> 40) + ((k[how & 7] - (int) s) >>> (how >>> 3))];
            how = (int) (s >>> 32) & 0xFF;
        }
        return (int) s;
    }

    /**
     * The first matching entry index, or {@code Integer.MAX_VALUE}. {@code k} holds the fields in
     * {@link RuleTable} dimension order.
     */
    int search(int[] k, PacketKey p) {
        int best = Integer.MAX_VALUE;
        for (int t = 0; t < roots.length; t++) {
            if (firstPriority[t] >= best) {
                break;
            }
            best = scan(leaves[t], walk(nodes[t], roots[t], k), best, k, p);
        }
        return best;
    }

    /** The leaf's first rule that matches and beats {@code best}, else {@code best}. */
    private int scan(int[] r, int at, int best, int[] k, PacketKey p) {
        final int src = k[0], dst = k[1], sp = k[2], dp = k[3], proto = k[4];
        int end = at + 1 + r[at] * RuleTable.STRIDE;
        final int bound = best > Integer.MAX_VALUE >> 1 ? Integer.MAX_VALUE : best << 1;
        for (int o = at + 1; o < end; o += RuleTable.STRIDE) {
            int prio = r[o + RuleTable.PRIORITY];
            if (prio >= bound) {
                break;
            }
            int sports = r[o + RuleTable.SPORTS], dports = r[o + RuleTable.DPORTS], pr = r[o + RuleTable.PROTOCOL];
            if ((src & r[o + RuleTable.SRC_MASK]) == r[o + RuleTable.SRC_ADDR]
                    && (dst & r[o + RuleTable.DST_MASK]) == r[o + RuleTable.DST_ADDR]
                    && (proto & pr & 0xFF) == pr >>> 8
                    && sp >= sports >>> 16 && sp <= (sports & 0xFFFF) && dp >= dports >>> 16 && dp <= (dports & 0xFFFF)
                    && ((prio & 1) == 0 || EntryTest.decides(entries[prio >>> 1], p))) {
                return prio >>> 1;
            }
        }
        return best;
    }

    /** Four walks in step until all four stand on a leaf (a leaf steps onto itself). */
    private static void walk4(long[] tn, PacketKey[] packets, int i, long[] slots, int at) {
        final int[] k0 = packets[i].lookupFields, k1 = packets[i + 1].lookupFields;
        final int[] k2 = packets[i + 2].lookupFields, k3 = packets[i + 3].lookupFields;
        long s0 = slots[at], s1 = slots[at + 1], s2 = slots[at + 2], s3 = slots[at + 3];
        int h0 = (int) (s0 >>> 32) & 0xFF, h1 = (int) (s1 >>> 32) & 0xFF;
        int h2 = (int) (s2 >>> 32) & 0xFF, h3 = (int) (s3 >>> 32) & 0xFF;
        while ((h0 & h1 & h2 & h3) != CutTreeBuilder.LEAF) {
            s0 = tn[(int) (s0 >>> 40) + ((k0[h0 & 7] - (int) s0) >>> (h0 >>> 3))];
            s1 = tn[(int) (s1 >>> 40) + ((k1[h1 & 7] - (int) s1) >>> (h1 >>> 3))];
            s2 = tn[(int) (s2 >>> 40) + ((k2[h2 & 7] - (int) s2) >>> (h2 >>> 3))];
            s3 = tn[(int) (s3 >>> 40) + ((k3[h3 & 7] - (int) s3) >>> (h3 >>> 3))];
            h0 = (int) (s0 >>> 32) & 0xFF;
            h1 = (int) (s1 >>> 32) & 0xFF;
            h2 = (int) (s2 >>> 32) & 0xFF;
            h3 = (int) (s3 >>> 32) & 0xFF;
        }
        slots[at] = s0;
        slots[at + 1] = s1;
        slots[at + 2] = s2;
        slots[at + 3] = s3;
    }

    /** Marks a packet of a batch that this forest does not look at. */
    static final int SKIP = 1;

    /**
     * Classifies {@code packets[from, to)} with their tree walks interleaved four at a time (a leaf steps onto
     * itself, so the four walk in step without a branch each), so that the memory loads of different packets overlap. Each
     * packet's {@code lookupFields} must hold its fields; slot 6 is {@link #SKIP} for packets to leave alone.
     * Slot 5 receives the result ({@code Integer.MAX_VALUE} for none); {@code slots[i - from]} holds each
     * walk's position meanwhile.
     */
    void searchBatch(PacketKey[] packets, int from, int to, long[] slots) {
        for (int i = from; i < to; i++) {
            int[] k = packets[i].lookupFields;
            k[5] = Integer.MAX_VALUE;
            k[7] = CutTreeBuilder.STAY;
        }
        for (int t = 0; t < roots.length; t++) {
            final long[] tn = nodes[t];
            final long root = roots[t];
            final int first = firstPriority[t];
            for (int i = from; i < to; i++) {
                int[] k = packets[i].lookupFields;
                slots[i - from] = k[6] != SKIP && first < k[5] ? root : CutTreeBuilder.PARKED;
            }
            int i = from;
            for (; i + 4 <= to; i += 4) {
                walk4(tn, packets, i, slots, i - from);
            }
            for (; i < to; i++) {
                long s = slots[i - from];
                if (s != CutTreeBuilder.PARKED) {
                    slots[i - from] = CutTreeBuilder.slot(0, CutTreeBuilder.LEAF, walk(tn, s, packets[i].lookupFields));
                }
            }
            final int[] lv = leaves[t];
            for (i = from; i < to; i++) {
                int at = (int) slots[i - from];
                if (at >= 0) {
                    PacketKey p = packets[i];
                    int[] k = p.lookupFields;
                    k[5] = scan(lv, at, k[5], k, p);
                }
            }
        }
    }

    long memoryBytes() {
        long bytes = roots.length * 12L + 16L * (nodes.length * 2 + 3);
        for (long[] n : nodes) {
            bytes += n.length * 8L;
        }
        for (int[] l : leaves) {
            bytes += l.length * 4L;
        }
        return bytes;
    }
}
