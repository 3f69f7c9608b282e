package dev.perimeter.match.compile;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.Protocols;
import java.util.List;

/**
 * The entries of a list as flat five-field rules (source, destination, source port, destination port,
 * protocol), the form the cut trees are built from and the leaves check. An entry whose ports are a few
 * disjoint ranges ({@code neq}, {@code eq A B}) becomes one rule per combination; anything the five fields
 * cannot say exactly (icmp/igmp type, tcp flags, tos/dscp/precedence, ttl, IP options, many port ranges) marks
 * the rule "exact", and a leaf hit on it is confirmed with {@link dev.perimeter.match.EntryTest}.
 *
 * <p>Two views: the packet view (unfragmented and initial fragments: {@code fragments} entries left out) and
 * the fragment view (non-initial fragments: ports ignored, entries with L4 conditions kept only if they permit).
 */
final class RuleTable {
    static final int DIMS = 5;
    static final int SRC = 0, DST = 1, SPORT = 2, DPORT = 3, PROTO = 4;
    static final long[] DOMAIN_HI = {0xFFFFFFFFL, 0xFFFFFFFFL, 0xFFFF, 0xFFFF, 0xFF};

    /**
     * Packed runtime form, {@link #STRIDE} ints per rule (half a cache line): address and mask of each
     * address, each port range as {@code lo << 16 | hi}, the protocol as {@code value << 8 | mask}, and the
     * entry index as {@code index << 1 | exact}.
     */
    static final int STRIDE = 8;
    static final int SRC_ADDR = 0, SRC_MASK = 1, DST_ADDR = 2, DST_MASK = 3, SPORTS = 4, DPORTS = 5, PROTOCOL = 6,
            PRIORITY = 7;

    /** Port range combinations an entry may expand into before it is checked exactly instead. */
    private static final int MAX_EXPANSION = 16;

    int count;
    /** Bounding box of each rule, {@code [rule * DIMS + dim]}, unsigned values in longs. */
    long[] lo = new long[64 * DIMS];
    long[] hi = new long[64 * DIMS];
    int[] packed = new int[64 * STRIDE];
    /** True when the rule matches every point of its box (prefix addresses, no exact check). */
    boolean[] solid = new boolean[64];

    static RuleTable packetView(List<AccessListEntry> entries) {
        RuleTable t = new RuleTable();
        for (int i = 0; i < entries.size(); i++) {
            AccessListEntry e = entries.get(i);
            if (e.fragments()) {
                continue;
            }
            List<int[]> sp = e.sourcePort().ranges(0xFFFF);
            List<int[]> dp = e.destinationPort().ranges(0xFFFF);
            boolean exact = e.icmpType() != AccessListEntry.UNSET || e.igmpType() != AccessListEntry.UNSET
                    || !e.tcpFlags().isNone() || hasL3Extras(e);
            if (sp.size() * dp.size() <= MAX_EXPANSION) {
                for (int[] s : sp) {
                    for (int[] d : dp) {
                        t.add(e, i, s[0], s[1], d[0], d[1], exact);
                    }
                }
            } else {
                t.add(e, i, sp.get(0)[0], sp.get(sp.size() - 1)[1], dp.get(0)[0], dp.get(dp.size() - 1)[1], true);
            }
        }
        return t;
    }

    /**
     * Non-initial fragments are decided on the L3 part alone, so entries that differ only in ports collapse:
     * an entry whose L3 part lies inside that of an earlier one without L3 extras can never decide a
     * fragment and is left out (the covering test is bounded, so a huge list keeps some shadowed entries).
     */
    static RuleTable fragmentView(List<AccessListEntry> entries) {
        RuleTable t = new RuleTable();
        java.util.Set<L3Key> seen = new java.util.HashSet<>();
        int[] covering = new int[Math.min(entries.size(), MAX_COVERING) * 5];
        int coveringCount = 0;
        for (int i = 0; i < entries.size(); i++) {
            AccessListEntry e = entries.get(i);
            if (e.hasL4Conditions() && !e.permits()) {
                continue;
            }
            boolean extras = hasL3Extras(e);
            int proto = e.protocol() == Protocols.ANY ? -1 : e.protocol();
            AddressMatch s = e.source();
            AddressMatch d = e.destination();
            if (!extras && !seen.add(new L3Key(proto, s, d))) {
                continue;
            }
            if (shadowed(covering, coveringCount, proto, s, d)) {
                continue;
            }
            t.add(e, i, 0, 0xFFFF, 0, 0xFFFF, extras);
            if (!extras && coveringCount < MAX_COVERING) {
                int o = coveringCount++ * 5;
                covering[o] = proto;
                covering[o + 1] = s.address();
                covering[o + 2] = ~s.wildcard();
                covering[o + 3] = d.address();
                covering[o + 4] = ~d.wildcard();
            }
        }
        return t;
    }

    /** Earlier entries the fragment view checks each later entry against. */
    private static final int MAX_COVERING = 4096;

    /** True when some covering entry matches every fragment the L3 part (proto, s, d) can match. */
    private static boolean shadowed(int[] covering, int count, int proto, AddressMatch s, AddressMatch d) {
        int sa = s.address(), sm = ~s.wildcard(), da = d.address(), dm = ~d.wildcard();
        for (int o = 0; o < count * 5; o += 5) {
            int cm = covering[o + 2], cd = covering[o + 4];
            if ((cm & ~sm) == 0 && (sa & cm) == covering[o + 1] && (cd & ~dm) == 0 && (da & cd) == covering[o + 3]
                    && (covering[o] == -1 || covering[o] == proto)) {
                return true;
            }
        }
        return false;
    }

    private record L3Key(int protocol, AddressMatch source, AddressMatch destination) {
        // equals and hashCode written out: the generated ones link through invokedynamic on first use, which
        // costs milliseconds at every start-up
        @Override
        public boolean equals(Object o) {
            return o instanceof L3Key k && k.protocol == protocol && k.source.equals(source)
                    && k.destination.equals(destination);
        }

        @Override
        public int hashCode() {
            return (protocol * 31 + source.hashCode()) * 31 + destination.hashCode();
        }
    }

    /** True when the fragment view says the same as the packet view for every non-initial fragment. */
    static boolean fragmentViewIsPacketView(List<AccessListEntry> entries) {
        for (AccessListEntry e : entries) {
            if (e.fragments() || e.hasL4Conditions()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasL3Extras(AccessListEntry e) {
        return e.dscp() != AccessListEntry.UNSET || e.precedence() != AccessListEntry.UNSET
                || e.tos() != AccessListEntry.UNSET || !e.ttl().isAny() || e.ipOption() != AccessListEntry.UNSET;
    }

    private void add(AccessListEntry e, int priority, int spLo, int spHi, int dpLo, int dpHi, boolean exact) {
        if (count * DIMS == lo.length) {
            lo = java.util.Arrays.copyOf(lo, lo.length * 2);
            hi = java.util.Arrays.copyOf(hi, hi.length * 2);
            packed = java.util.Arrays.copyOf(packed, packed.length * 2);
            solid = java.util.Arrays.copyOf(solid, solid.length * 2);
        }
        AddressMatch s = e.source();
        AddressMatch d = e.destination();
        int b = count * DIMS;
        lo[b + SRC] = Integer.toUnsignedLong(s.address());
        hi[b + SRC] = Integer.toUnsignedLong(s.address() | s.wildcard());
        lo[b + DST] = Integer.toUnsignedLong(d.address());
        hi[b + DST] = Integer.toUnsignedLong(d.address() | d.wildcard());
        lo[b + SPORT] = spLo;
        hi[b + SPORT] = spHi;
        lo[b + DPORT] = dpLo;
        hi[b + DPORT] = dpHi;
        boolean anyProto = e.protocol() == Protocols.ANY;
        lo[b + PROTO] = anyProto ? 0 : e.protocol();
        hi[b + PROTO] = anyProto ? 0xFF : e.protocol();
        int o = count * STRIDE;
        packed[o + SRC_ADDR] = s.address();
        packed[o + SRC_MASK] = ~s.wildcard();
        packed[o + DST_ADDR] = d.address();
        packed[o + DST_MASK] = ~d.wildcard();
        packed[o + SPORTS] = spLo << 16 | spHi;
        packed[o + DPORTS] = dpLo << 16 | dpHi;
        packed[o + PROTOCOL] = anyProto ? 0 : e.protocol() << 8 | 0xFF;
        packed[o + PRIORITY] = priority << 1 | (exact ? 1 : 0);
        solid[count] = !exact && s.isPrefix() && d.isPrefix();
        count++;
    }

    int priority(int rule) {
        return packed[rule * STRIDE + PRIORITY] >>> 1;
    }

    /**
     * True when the rule matches every point of the region (its box covers the region in every field and
     * holds no holes: a non-contiguous wildcard's box is only a bound).
     */
    boolean covers(int rule, long[] regionLo, long[] regionHi) {
        if (!solid[rule]) {
            return false;
        }
        int b = rule * DIMS;
        for (int d = 0; d < DIMS; d++) {
            if (lo[b + d] > regionLo[d] || hi[b + d] < regionHi[d]) {
                return false;
            }
        }
        return true;
    }
}
