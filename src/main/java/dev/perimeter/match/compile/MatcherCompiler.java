package dev.perimeter.match.compile;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles an access list into a {@link CompiledMatcher}. Small lists become one leaf scanned in order; larger
 * ones a cut tree; when a single tree would outgrow its budget (many wide rules replicated into many cells)
 * the rules are split by which address fields are narrow, one tree per group, as CutSplit does.
 */
public final class MatcherCompiler {
    /** Rules a leaf may hold where cutting can still separate them. */
    static final int LEAF_SIZE = 8;
    /** Non-initial fragments are rare: their trees trade longer leaf scans and deeper walks for memory. */
    static final int FRAGMENT_LEAF_SIZE = 16;
    /** Lists of at most this many rules are scanned in order without a tree. */
    private static final int SHORT_LIST = 8;
    private static final double FRAGMENT_SPACE_FACTOR = 4.0;
    /** The fragment trees get this fraction of the budget before their rules are split and leaves widened. */
    private static final long FRAGMENT_BUDGET_SHARE = 4;
    /** Cells a node may have per rule it holds: wide nodes make shallow trees (fewer dependent loads per lookup). */
    private static final double SPACE_FACTOR = 16.0;
    /** A field narrower than this many addresses (a /8 or longer) counts as narrow when splitting. */
    private static final long NARROW = 1L << 24;

    private MatcherCompiler() {
    }

    /**
     * The budget of one tree: 200 ints per rule, at least 64K, and past 1M only 64 per rule, so that a small
     * list whose single tree would replicate rules heavily is split into groups (shallower and smaller) early.
     */
    public static CompiledMatcher compile(AccessList list) {
        long n = list.plainEntries().size();
        return compile(list, Math.max(1L << 16, Math.min(200 * n, Math.max(1L << 20, 64 * n))));
    }

    /**
     * Compiles with a table budget in ints for one tree; past it the rules are split, and past half of it per
     * group the leaves are widened until the group fits (a single leaf always does).
     */
    static CompiledMatcher compile(AccessList list, long budgetInts) {
        // the tables hold the plain entries (object groups expanded); answers map back to the written ones
        List<AccessListEntry> entries = list.plainEntries();
        AccessListEntry[] array = entries.toArray(new AccessListEntry[0]);
        CutForest packets = forest(RuleTable.packetView(entries), array, budgetInts, LEAF_SIZE, SPACE_FACTOR);
        CutForest fragments = RuleTable.fragmentViewIsPacketView(entries) ? packets
                : forest(RuleTable.fragmentView(entries), array, budgetInts / FRAGMENT_BUDGET_SHARE,
                        FRAGMENT_LEAF_SIZE, FRAGMENT_SPACE_FACTOR);
        return new CutTreeMatcher(packets, fragments, array, list.writtenIndexes());
    }

    private static CutForest forest(RuleTable table, AccessListEntry[] entries, long budget, int leafSize,
            double spaceFactor) {
        int[] all = new int[table.count];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        List<int[]> groups = new ArrayList<>();
        groups.add(all);
        try {
            return build(table, entries, groups, budget, false, leafSize, spaceFactor);
        } catch (BudgetExceededException e) {
            return build(table, entries, split(table, all), budget / 2, true, leafSize, spaceFactor);
        }
    }

    /** Splits the rules into up to four groups: narrow source and destination, narrow source, narrow destination, neither. */
    private static List<int[]> split(RuleTable table, int[] all) {
        int[][] buckets = new int[4][all.length];
        int[] sizes = new int[4];
        for (int r : all) {
            int b = r * RuleTable.DIMS;
            boolean narrowSrc = table.hi[b + RuleTable.SRC] - table.lo[b + RuleTable.SRC] < NARROW;
            boolean narrowDst = table.hi[b + RuleTable.DST] - table.lo[b + RuleTable.DST] < NARROW;
            int g = narrowSrc ? (narrowDst ? 0 : 1) : (narrowDst ? 2 : 3);
            buckets[g][sizes[g]++] = r;
        }
        List<int[]> groups = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            if (sizes[g] > 0) {
                groups.add(java.util.Arrays.copyOf(buckets[g], sizes[g]));
            }
        }
        return groups;
    }

    private static CutForest build(RuleTable table, AccessListEntry[] entries, List<int[]> groups, long budget,
            boolean widenOnOverflow, int baseLeafSize, double spaceFactor) {
        int n = groups.size();
        long[][] nodes = new long[n][];
        int[][] leaves = new int[n][];
        long[] roots = new long[n];
        int[] first = new int[n];
        Integer[] order = new Integer[n];
        StringBuilder desc = new StringBuilder();
        int depth = 0;
        int leafCount = 0;
        int nodeCount = 0;
        int widest = baseLeafSize;
        int largest = 0;
        for (int g = 0; g < n; g++) {
            int[] ids = groups.get(g);
            // a short list is one leaf: scanning a few packed rules beats a walk through a cut
            int leafSize = ids.length <= SHORT_LIST ? ids.length : baseLeafSize;
            while (true) {
                LongBuffer nb = new LongBuffer();
                IntBuffer lb = new IntBuffer();
                long limit = leafSize >= ids.length ? Long.MAX_VALUE : budget;
                CutTreeBuilder builder = new CutTreeBuilder(table, nb, lb, spaceFactor, limit);
                try {
                    roots[g] = builder.build(ids, leafSize);
                } catch (BudgetExceededException e) {
                    if (!widenOnOverflow) {
                        throw e;
                    }
                    leafSize *= 2;
                    continue;
                }
                nodes[g] = nb.toArray();
                leaves[g] = lb.toArray();
                depth = Math.max(depth, builder.maxDepth);
                leafCount += builder.leafCount;
                nodeCount += builder.nodeCount;
                widest = Math.max(widest, leafSize);
                largest = Math.max(largest, builder.largestLeaf);
                break;
            }
            first[g] = ids.length == 0 ? Integer.MAX_VALUE : table.priority(ids[0]);
            order[g] = g;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(first[a], first[b]));
        long[][] sn = new long[n][];
        int[][] sl = new int[n][];
        long[] sr = new long[n];
        int[] sf = new int[n];
        for (int i = 0; i < n; i++) {
            sn[i] = nodes[order[i]];
            sl[i] = leaves[order[i]];
            sr[i] = roots[order[i]];
            sf[i] = first[order[i]];
        }
        if (n == 1 && nodeCount == 0) {
            // one leaf: the whole list scanned in order
            desc.append("linear-scan(rules=").append(table.count).append(')');
        } else {
            desc.append("cut-tree(trees=").append(n).append(" rules=").append(table.count).append(" nodes=")
                    .append(nodeCount).append(" leaves=").append(leafCount).append(" depth=").append(depth)
                    .append(" leaf-size=").append(widest).append(" largest-leaf=").append(largest).append(')');
        }
        return new CutForest(sn, sl, sr, sf, entries, desc.toString());
    }
}
