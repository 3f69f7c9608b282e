package dev.perimeter.match.compile;

import static dev.perimeter.match.compile.RuleTable.DPORT_HI;
import static dev.perimeter.match.compile.RuleTable.DPORT_LO;
import static dev.perimeter.match.compile.RuleTable.DST_ADDR;
import static dev.perimeter.match.compile.RuleTable.DST_MASK;
import static dev.perimeter.match.compile.RuleTable.EXACT;
import static dev.perimeter.match.compile.RuleTable.PRIORITY;
import static dev.perimeter.match.compile.RuleTable.PROTO_MASK;
import static dev.perimeter.match.compile.RuleTable.PROTO_VALUE;
import static dev.perimeter.match.compile.RuleTable.SPORT_HI;
import static dev.perimeter.match.compile.RuleTable.SPORT_LO;
import static dev.perimeter.match.compile.RuleTable.SRC_ADDR;
import static dev.perimeter.match.compile.RuleTable.SRC_MASK;

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
    private final int ruleInts;
    private final AccessListEntry[] entries;
    final String description;

    CutForest(long[][] nodes, int[][] leaves, long[] roots, int[] firstPriority, int ruleInts, AccessListEntry[] entries,
            String description) {
        this.nodes = nodes;
        this.leaves = leaves;
        this.roots = roots;
        this.firstPriority = firstPriority;
        this.ruleInts = ruleInts;
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
        return (int) (s >>> 40);
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
        for (int o = at + 1; o < end; o += RuleTable.STRIDE) {
            int prio = r[o + PRIORITY];
            if (prio >= best) {
                break;
            }
            if ((src & r[o + SRC_MASK]) == r[o + SRC_ADDR] && (dst & r[o + DST_MASK]) == r[o + DST_ADDR]
                    && (proto & r[o + PROTO_MASK]) == r[o + PROTO_VALUE]
                    && sp >= r[o + SPORT_LO] && sp <= r[o + SPORT_HI] && dp >= r[o + DPORT_LO] && dp <= r[o + DPORT_HI]
                    && (r[o + EXACT] == 0 || EntryTest.decides(entries[prio], p))) {
                return prio;
            }
        }
        return best;
    }

    /** Marks a packet of a batch that this forest does not look at. */
    static final int SKIP = 1;

    /**
     * Classifies {@code packets[from, to)} with their tree walks interleaved, so that the memory loads of
     * different packets overlap. Each packet's {@code lookupFields} must hold its fields; slot 6 is
     * {@link #SKIP} for packets to leave alone. Slot 5 receives the result ({@code Integer.MAX_VALUE} for
     * none); {@code slots[i - from]} holds each walk's position meanwhile.
     */
    void searchBatch(PacketKey[] packets, int from, int to, long[] slots) {
        for (int i = from; i < to; i++) {
            packets[i].lookupFields[5] = Integer.MAX_VALUE;
        }
        final long parked = CutTreeBuilder.slot(0, CutTreeBuilder.LEAF, 1);
        for (int t = 0; t < roots.length; t++) {
            final long[] tn = nodes[t];
            final long root = roots[t];
            final int first = firstPriority[t];
            boolean active = false;
            for (int i = from; i < to; i++) {
                int[] k = packets[i].lookupFields;
                boolean walk = k[6] != SKIP && first < k[5];
                slots[i - from] = walk ? root : parked;
                active |= walk;
            }
            while (active) {
                active = false;
                for (int i = from; i < to; i++) {
                    long s = slots[i - from];
                    int how = (int) (s >>> 32) & 0xFF;
                    if (how != CutTreeBuilder.LEAF) {
                        int[] k = packets[i].lookupFields;
                        s = tn[(int) (s >>> 40) + ((k[how & 7] - (int) s) >>> (how >>> 3))];
                        slots[i - from] = s;
                        active = true;
                    }
                }
            }
            final int[] lv = leaves[t];
            for (int i = from; i < to; i++) {
                long s = slots[i - from];
                if (s != parked) {
                    PacketKey p = packets[i];
                    int[] k = p.lookupFields;
                    k[5] = scan(lv, (int) (s >>> 40), k[5], k, p);
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
