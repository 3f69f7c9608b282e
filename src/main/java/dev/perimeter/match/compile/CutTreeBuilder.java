package dev.perimeter.match.compile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds HiCuts-style decision trees over the five fields: each inner node cuts its region of one field into
 * equal power-of-two cells (one array index per lookup, no comparisons), adjacent cells holding the same rules
 * share one child, and a leaf holds at most a few rules scanned in priority order. A rule that covers a node's
 * whole region and needs no exact check hides every later rule there, so those are dropped (this is what keeps
 * wildcard-heavy lists small). Several trees share one node and one leaf array.
 */
final class CutTreeBuilder {
    /**
     * A tree is a set of slots, one long per cell: the slot names its target (a node's first cell in
     * {@code nodes}, or a leaf in {@code leaves}), how to cut there (field | shift << 3, or {@link #LEAF}), and
     * the low end of the target's region, so a lookup makes one dependent load per level.
     */
    static final int LEAF = 0xFF;
    /**
     * A leaf's slot also sits in {@code nodes} and names itself as target, with field 7 and shift 31: a walk
     * that steps past a leaf stays on it (the key's field 7 is {@link #STAY}), so batched walks can take a fixed
     * number of steps without a branch per packet. The leaf's offset in {@code leaves} is the slot's low word;
     * slot 0 of every tree is a self-loop with low word -1 that parks a walk with nothing to do.
     */
    static final int STAY = 0x3FFFFFFF;
    static final long PARKED = slot(0, LEAF, -1);
    /** Targets are 24-bit offsets. */
    private static final int MAX_TARGET = (1 << 24) - 1;
    private static final int MAX_DEPTH = 40;
    private static final int MAX_CUT_BITS = 12;
    /** Cells any node may have whatever its rule count, so that nested rules around one point part in a few levels. */
    private static final int MIN_CELLS = 64;

    private final RuleTable rules;
    private final LongBuffer nodes;
    private final IntBuffer leaves;
    private final Map<LeafKey, Long> leafCache = new HashMap<>();
    private final double spaceFactor;
    private final long budgetInts;
    private int binth;
    private long startSize;
    int maxDepth;
    int largestLeaf;
    int leafCount;
    int nodeCount;

    CutTreeBuilder(RuleTable rules, LongBuffer nodes, IntBuffer leaves, double spaceFactor, long budgetInts) {
        this.rules = rules;
        this.nodes = nodes;
        this.leaves = leaves;
        this.spaceFactor = spaceFactor;
        this.budgetInts = budgetInts;
    }

    /**
     * Builds one tree over {@code ruleIds} (in priority order) with at most {@code leafSize} rules per leaf
     * where cutting can separate them; returns the root slot. Throws {@link BudgetExceededException} when the tree would pass the budget.
     */
    long build(int[] ruleIds, int leafSize) {
        this.binth = leafSize;
        this.startSize = nodes.size() * 2L + leaves.size();
        if (nodes.size() == 0) {
            nodes.add(PARKED);
        }
        long[] lo = new long[RuleTable.DIMS];
        long[] hi = RuleTable.DOMAIN_HI.clone();
        return build(ruleIds, ruleIds.length, lo, hi, 0);
    }

    private long build(int[] ids, int n, long[] rlo, long[] rhi, int depth) {
        maxDepth = Math.max(maxDepth, depth);
        for (int i = 0; i < n; i++) {
            int r = ids[i];
            if (rules.covers(r, rlo, rhi)) {
                n = i + 1;
                break;
            }
        }
        if (n <= binth || depth >= MAX_DEPTH) {
            return leaf(ids, n);
        }
        int bestDim = -1;
        int bestShift = 0;
        long bestMax = Long.MAX_VALUE;
        double bestMean = Double.MAX_VALUE;
        long limit = (long) (spaceFactor * n) + MIN_CELLS;
        for (int d = 0; d < RuleTable.DIMS; d++) {
            long span = rhi[d] - rlo[d];
            if (span < 1 || !splits(ids, n, d, rlo[d], rhi[d])) {
                continue;
            }
            int bits = 64 - Long.numberOfLeadingZeros(span);
            long dimMax = -1;
            double dimMean = 0;
            int dimShift = 0;
            for (int k = 1; k <= Math.min(bits, MAX_CUT_BITS); k++) {
                int shift = bits - k;
                int cells = (int) (span >>> shift) + 1;
                int[] diff = new int[cells + 1];
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    int b = ids[i] * RuleTable.DIMS + d;
                    int c0 = (int) ((Math.max(rules.lo[b], rlo[d]) - rlo[d]) >>> shift);
                    int c1 = (int) ((Math.min(rules.hi[b], rhi[d]) - rlo[d]) >>> shift);
                    diff[c0]++;
                    diff[c1 + 1]--;
                    sum += c1 - c0 + 1;
                }
                if (k > 1 && sum + cells > limit) {
                    break;
                }
                long max = 0;
                int run = 0;
                for (int c = 0; c < cells; c++) {
                    run += diff[c];
                    max = Math.max(max, run);
                }
                dimMax = max;
                dimMean = (double) sum / cells;
                dimShift = shift;
                if (max <= 1) {
                    break;
                }
            }
            // the smallest worst cell, then the smallest average cell
            if (dimMax >= 0 && (dimMax < bestMax || (dimMax == bestMax && dimMean < bestMean))) {
                bestDim = d;
                bestMax = dimMax;
                bestMean = dimMean;
                bestShift = dimShift;
            }
        }
        if (bestDim < 0) {
            return leaf(ids, n);
        }
        return cut(ids, n, rlo, rhi, depth, bestDim, bestShift);
    }

    /** True when some rule starts or ends strictly inside the region on this field. */
    private boolean splits(int[] ids, int n, int d, long regionLo, long regionHi) {
        for (int i = 0; i < n; i++) {
            int b = ids[i] * RuleTable.DIMS + d;
            if (rules.lo[b] > regionLo || rules.hi[b] < regionHi) {
                return true;
            }
        }
        return false;
    }

    private long cut(int[] ids, int n, long[] rlo, long[] rhi, int depth, int d, int shift) {
        long base = rlo[d];
        int cells = (int) ((rhi[d] - base) >>> shift) + 1;
        int[] start = new int[cells + 1];
        int[] c0s = new int[n];
        int[] c1s = new int[n];
        for (int i = 0; i < n; i++) {
            int b = ids[i] * RuleTable.DIMS + d;
            c0s[i] = (int) ((Math.max(rules.lo[b], base) - base) >>> shift);
            c1s[i] = (int) ((Math.min(rules.hi[b], rhi[d]) - base) >>> shift);
            for (int c = c0s[i]; c <= c1s[i]; c++) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] lists = new int[start[cells]];
        int[] fill = Arrays.copyOf(start, cells);
        for (int i = 0; i < n; i++) {
            for (int c = c0s[i]; c <= c1s[i]; c++) {
                lists[fill[c]++] = ids[i];
            }
        }
        int node = nodes.reserve(cells);
        nodeCount++;
        checkBudget();
        long[] childLo = rlo.clone();
        long[] childHi = rhi.clone();
        int c = 0;
        while (c < cells) {
            int end = c;
            while (end + 1 < cells && sameList(lists, start, c, end + 1)) {
                end++;
            }
            childLo[d] = base + ((long) c << shift);
            childHi[d] = Math.min(rhi[d], base + ((long) (end + 1) << shift) - 1);
            int len = start[c + 1] - start[c];
            int[] childIds = Arrays.copyOfRange(lists, start[c], start[c] + len);
            long child = build(childIds, len, childLo, childHi, depth + 1);
            for (int x = c; x <= end; x++) {
                nodes.set(node + x, child);
            }
            c = end + 1;
        }
        return slot(node, d | (shift << 3), (int) base);
    }

    static long slot(int target, int how, int low) {
        return ((long) target << 40) | ((long) how << 32) | Integer.toUnsignedLong(low);
    }

    private static boolean sameList(int[] lists, int[] start, int a, int b) {
        int la = start[a + 1] - start[a];
        if (la != start[b + 1] - start[b]) {
            return false;
        }
        return Arrays.equals(lists, start[a], start[a + 1], lists, start[b], start[b + 1]);
    }

    /** A leaf holds its rules' packed form inline, in priority order, so a scan reads one run of memory. */
    private long leaf(int[] ids, int n) {
        LeafKey key = new LeafKey(Arrays.copyOf(ids, n));
        Long cached = leafCache.get(key);
        if (cached != null) {
            return cached;
        }
        largestLeaf = Math.max(largestLeaf, n);
        int at = leaves.add(n);
        for (int i = 0; i < n; i++) {
            int o = ids[i] * RuleTable.STRIDE;
            for (int j = 0; j < RuleTable.STRIDE; j++) {
                leaves.add(rules.packed[o + j]);
            }
        }
        int self = nodes.add(0);
        long slot = slot(self, LEAF, at);
        nodes.set(self, slot);
        leafCache.put(key, slot);
        leafCount++;
        checkBudget();
        return slot;
    }

    private void checkBudget() {
        if (nodes.size() * 2L + leaves.size() - startSize > budgetInts || nodes.size() > MAX_TARGET
                || leaves.size() > MAX_TARGET) {
            throw new BudgetExceededException();
        }
    }

    private record LeafKey(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LeafKey k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }
}
