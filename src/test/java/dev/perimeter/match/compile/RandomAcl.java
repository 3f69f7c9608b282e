package dev.perimeter.match.compile;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlagsMatch;
import dev.perimeter.match.PacketKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random access lists using every entry feature (non-contiguous wildcards, every port operator, icmp/igmp,
 * tcp flags, fragments, dscp/precedence/tos, ttl, IP options) over small pools of addresses and ports so that entries
 * overlap and shadow each other, and packets aimed at them: inside, just outside, and on every boundary.
 */
final class RandomAcl {
    /** Option types entries and packets pick from, so that they meet: record-route, timestamp, lsr, router-alert. */
    private static final int[] IP_OPTIONS = {7, 68, 131, 148, dev.perimeter.acl.IpOptionNames.ANY_OPTIONS};
    private static final int[] PORTS = {0, 1, 20, 21, 22, 23, 25, 53, 79, 80, 81, 443, 1023, 1024, 1025, 8080,
            32767, 32768, 65534, 65535};
    private static final int[] PROTOCOLS = {Protocols.ANY, Protocols.ANY, Protocols.TCP, Protocols.TCP, Protocols.TCP,
            Protocols.UDP, Protocols.UDP, Protocols.ICMP, Protocols.IGMP, Protocols.GRE, 0, 255};

    private final SplittableRandom random;
    private final int[] addresses;

    RandomAcl(long seed) {
        random = new SplittableRandom(seed);
        addresses = new int[12];
        int base = random.nextInt();
        for (int i = 0; i < addresses.length; i++) {
            // neighbours of one address, and a few far away
            addresses[i] = i < 8 ? base ^ (random.nextInt() & (0xFFFF >>> random.nextInt(16))) : random.nextInt();
        }
    }

    /** How many time ranges ({@code TR0}, {@code TR1}, ...) entries may name; 0: none. */
    private int timeRanges;

    /** From now on about a third of the entries name one of {@code ranges} time ranges, TR0 to TR(ranges-1). */
    RandomAcl withTimeRanges(int ranges) {
        this.timeRanges = ranges;
        return this;
    }

    AccessList list(int size) {
        List<AccessListEntry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(entry((i + 1) * 10));
        }
        return new AccessList("random", AccessList.Kind.EXTENDED, entries);
    }

    /**
     * A list of which about half the entries name object groups: network groups of hosts, prefixes, ranges and
     * {@code any}, nesting earlier groups; service groups of tcp, udp and tcp-udp ports, icmp messages and bare
     * protocols. A service group replaces the entry's protocol and L4 conditions (and, as the parser wants, its
     * {@code fragments}).
     */
    AccessList listWithGroups(int size) {
        Map<String, ObjectGroup> defined = new LinkedHashMap<>();
        int networks = 1 + random.nextInt(6);
        for (int g = 0; g < networks; g++) {
            List<ObjectGroup.Member> members = new ArrayList<>();
            for (int m = random.nextInt(5); m >= 0; m--) {
                members.add(networkMember(g));
            }
            defined.put("N" + g, new ObjectGroup("N" + g, ObjectGroup.Kind.NETWORK, null, members));
        }
        int services = 1 + random.nextInt(5);
        for (int g = 0; g < services; g++) {
            List<ObjectGroup.Member> members = new ArrayList<>();
            for (int m = random.nextInt(4); m >= 0; m--) {
                members.add(g > 0 && random.nextInt(6) == 0 ? new ObjectGroup.Nested("S" + random.nextInt(g))
                        : serviceMember());
            }
            defined.put("S" + g, new ObjectGroup("S" + g, ObjectGroup.Kind.SERVICE, null, members));
        }
        ObjectGroups groups = new ObjectGroups(defined);
        List<AccessListEntry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            AccessListEntry.Builder b = entry((i + 1) * 10).toBuilder();
            if (random.nextBoolean()) {
                if (random.nextBoolean()) {
                    b.sourceGroup("N" + random.nextInt(networks));
                }
                if (random.nextBoolean()) {
                    b.destinationGroup("N" + random.nextInt(networks));
                }
                if (random.nextInt(3) == 0) {
                    b.serviceGroup("S" + random.nextInt(services)).protocol(Protocols.ANY).sourcePort(NumberMatch.ANY)
                            .destinationPort(NumberMatch.ANY).icmp(AccessListEntry.UNSET, AccessListEntry.UNSET)
                            .igmpType(AccessListEntry.UNSET).tcpFlags(TcpFlagsMatch.NONE).fragments(false);
                }
            }
            AccessListEntry e = b.build();
            // a few dozen combinations at most, so that every one can be aimed at
            if (groups.expansionSize(e) > 64) {
                e = e.toBuilder().destinationGroup(null).build();
            }
            if (groups.expansionSize(e) > 64) {
                e = e.toBuilder().sourceGroup(null).build();
            }
            entries.add(e);
        }
        return new AccessList("random", AccessList.Kind.EXTENDED, entries, List.of(), groups);
    }

    private ObjectGroup.Member networkMember(int group) {
        int a = addresses[random.nextInt(addresses.length)];
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> new ObjectGroup.Network(AddressMatch.host(a));
            case 3, 4, 5 -> new ObjectGroup.Network(new AddressMatch(a, prefixWildcard(8 + random.nextInt(25))));
            case 6, 7 -> {
                int last = a + random.nextInt(1 << random.nextInt(7));
                yield Integer.compareUnsigned(a, last) <= 0 ? new ObjectGroup.Range(a, last) : new ObjectGroup.Range(last, a);
            }
            case 8 -> new ObjectGroup.Network(AddressMatch.ANY);
            default -> group > 0 ? new ObjectGroup.Nested("N" + random.nextInt(group))
                    : new ObjectGroup.Network(AddressMatch.host(a));
        };
    }

    private ObjectGroup.Service serviceMember() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> {
                int protocol = switch (random.nextInt(3)) {
                    case 0 -> Protocols.TCP;
                    case 1 -> Protocols.UDP;
                    default -> ObjectGroup.Service.TCP_UDP;
                };
                NumberMatch source = random.nextInt(4) == 0 ? singlePort() : NumberMatch.ANY;
                NumberMatch destination = random.nextInt(4) != 0 ? singlePort() : NumberMatch.ANY;
                yield ObjectGroup.Service.ports(protocol, source, destination);
            }
            case 3, 4 -> ObjectGroup.Service.icmp(random.nextInt(4) * 3,
                    random.nextInt(2) == 0 ? AccessListEntry.UNSET : random.nextInt(3));
            default -> ObjectGroup.Service.protocol(PROTOCOLS[random.nextInt(PROTOCOLS.length)]);
        };
    }

    /** A port condition with one value, or a range: the forms a service group member takes. */
    private NumberMatch singlePort() {
        int a = PORTS[random.nextInt(PORTS.length)];
        int c = PORTS[random.nextInt(PORTS.length)];
        return switch (random.nextInt(5)) {
            case 0 -> NumberMatch.port(Operator.EQ, a);
            case 1 -> NumberMatch.port(Operator.NEQ, a);
            case 2 -> NumberMatch.port(Operator.LT, a);
            case 3 -> NumberMatch.port(Operator.GT, a);
            default -> NumberMatch.port(Operator.RANGE, Math.min(a, c), Math.max(a, c));
        };
    }

    AccessListEntry entry(int sequence) {
        int protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
        AccessListEntry.Builder b = AccessListEntry.builder(random.nextInt(3) == 0 ? Action.DENY : Action.PERMIT)
                .sequence(sequence).protocol(protocol).source(address()).destination(address());
        boolean fragments = random.nextInt(12) == 0;
        if (protocol == Protocols.TCP || protocol == Protocols.UDP) {
            if (!fragments || random.nextInt(4) == 0) {
                b.sourcePort(random.nextInt(4) == 0 ? port() : NumberMatch.ANY);
                b.destinationPort(random.nextInt(4) != 0 ? port() : NumberMatch.ANY);
            }
            if (protocol == Protocols.TCP && random.nextInt(4) == 0) {
                b.tcpFlags(flags());
            }
        } else if (protocol == Protocols.ICMP && random.nextInt(2) == 0) {
            b.icmp(random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(4) * 3,
                    random.nextInt(2) == 0 ? AccessListEntry.UNSET : random.nextInt(3));
        } else if (protocol == Protocols.IGMP && random.nextInt(2) == 0) {
            b.igmpType(random.nextInt(4) + 16);
        }
        b.fragments(fragments);
        switch (random.nextInt(12)) {
            case 0 -> b.dscp(random.nextInt(4) * 10);
            case 1 -> b.precedence(random.nextInt(8));
            case 2 -> b.tos(random.nextInt(16));
            case 3 -> b.precedence(random.nextInt(8)).tos(random.nextInt(16));
            default -> { }
        }
        if (random.nextInt(12) == 0) {
            b.ipOption(IP_OPTIONS[random.nextInt(IP_OPTIONS.length)]);
        }
        if (random.nextInt(10) == 0) {
            b.ttl(number(new int[] {0, 1, 2, 63, 64, 65, 128, 254, 255}, 255));
        }
        if (timeRanges > 0 && random.nextInt(3) == 0) {
            b.timeRange("TR" + random.nextInt(timeRanges));
        }
        return b.build();
    }

    private AddressMatch address() {
        int a = addresses[random.nextInt(addresses.length)];
        return switch (random.nextInt(10)) {
            case 0, 1 -> AddressMatch.ANY;
            case 2, 3 -> AddressMatch.host(a);
            case 4, 5, 6 -> new AddressMatch(a, prefixWildcard(random.nextInt(33)));
            case 7 -> new AddressMatch(a, 0x00FF00FF);
            default -> new AddressMatch(a, random.nextInt() & random.nextInt());
        };
    }

    /** The wildcard of a prefix length: /24 is 0.0.0.255. */
    static int prefixWildcard(int length) {
        return length == 32 ? 0 : -1 >>> length;
    }

    private NumberMatch port() {
        return number(PORTS, 65535);
    }

    private NumberMatch number(int[] pool, int max) {
        int a = pool[random.nextInt(pool.length)];
        int c = pool[random.nextInt(pool.length)];
        return switch (random.nextInt(7)) {
            case 0, 1 -> NumberMatch.of(Operator.EQ, max, a);
            case 2 -> NumberMatch.of(Operator.EQ, max, a, c, pool[random.nextInt(pool.length)]);
            case 3 -> random.nextBoolean() ? NumberMatch.of(Operator.NEQ, max, a) : NumberMatch.of(Operator.NEQ, max, a, c);
            case 4 -> NumberMatch.of(Operator.LT, max, a);
            case 5 -> NumberMatch.of(Operator.GT, max, a);
            default -> NumberMatch.of(Operator.RANGE, max, Math.min(a, c), Math.max(a, c));
        };
    }

    private TcpFlagsMatch flags() {
        return switch (random.nextInt(4)) {
            case 0 -> TcpFlagsMatch.ESTABLISHED;
            case 1 -> TcpFlagsMatch.legacy(1 + random.nextInt(63));
            case 2 -> TcpFlagsMatch.matchAll(random.nextInt(64), random.nextInt(64));
            default -> TcpFlagsMatch.matchAny(random.nextInt(64), random.nextInt(64));
        };
    }

    /** A packet aimed at {@code e}: inside it, or on or just past one of its boundaries. */
    PacketKey packetFor(AccessListEntry e, PacketKey p) {
        p.clear();
        p.source = pick(e.source());
        p.destination = pick(e.destination());
        p.protocol = e.protocol() == Protocols.ANY ? PROTOCOLS[random.nextInt(PROTOCOLS.length)] & 0xFF : e.protocol();
        if (random.nextInt(10) == 0) {
            p.protocol = random.nextInt(256);
        }
        p.sourcePort = pickNumber(e.sourcePort(), 65535);
        p.destinationPort = pickNumber(e.destinationPort(), 65535);
        p.icmpType = e.icmpType() >= 0 && random.nextInt(3) != 0 ? e.icmpType() : e.igmpType() >= 0 && random.nextBoolean() ? e.igmpType() : random.nextInt(20);
        p.icmpCode = e.icmpCode() >= 0 && random.nextInt(3) != 0 ? e.icmpCode() : random.nextInt(4);
        p.tcpFlags = random.nextInt(64);
        p.tos = random.nextInt(256);
        if (e.dscp() >= 0 && random.nextBoolean()) {
            p.tos = e.dscp() << 2 | random.nextInt(4);
        } else if (e.precedence() >= 0 && random.nextBoolean()) {
            p.tos = e.precedence() << 5 | (e.tos() >= 0 ? e.tos() << 1 : random.nextInt(32));
        } else if (e.tos() >= 0 && random.nextBoolean()) {
            p.tos = random.nextInt(8) << 5 | e.tos() << 1 | random.nextInt(2);
        }
        p.ttl = pickNumber(e.ttl(), 255);
        if (random.nextInt(3) == 0) {
            int o = e.ipOption() >= 0 && random.nextBoolean() ? e.ipOption() : IP_OPTIONS[random.nextInt(IP_OPTIONS.length)];
            if (o <= 0xff) {
                p.addIpOption(o);
            } else {
                p.addIpOption(0); // a header of end-of-list padding only
            }
        }
        p.fragmentOffset = random.nextInt(6) == 0 ? 1 + random.nextInt(8191) : 0;
        if (p.fragmentOffset != 0 || (p.protocol != Protocols.TCP && p.protocol != Protocols.UDP && random.nextBoolean())) {
            p.sourcePort = 0;
            p.destinationPort = 0;
        }
        return p;
    }

    /**
     * Packets on every boundary of {@code e}: a packet inside it, then each field in turn set to each end of each
     * of its ranges and one past it (addresses: the lowest and highest matching address and their neighbours,
     * and each wildcard bit flipped off the pattern), as an unfragmented packet and as a non-initial fragment.
     */
    void corners(AccessListEntry e, java.util.function.Consumer<PacketKey> check) {
        PacketKey base = new PacketKey();
        PacketKey p = new PacketKey();
        for (int fragment = 0; fragment < 2; fragment++) {
            packetFor(e, base);
            base.source = e.source().address();
            base.destination = e.destination().address();
            base.fragmentOffset = fragment == 0 ? 0 : 1 + random.nextInt(8191);
            if (fragment == 0 && !e.sourcePort().isAny() && !e.sourcePort().ranges(65535).isEmpty()) {
                base.sourcePort = e.sourcePort().ranges(65535).get(0)[0];
            }
            if (fragment == 0 && !e.destinationPort().isAny() && !e.destinationPort().ranges(65535).isEmpty()) {
                base.destinationPort = e.destinationPort().ranges(65535).get(0)[0];
            }
            check.accept(p.copyFrom(base));
            for (int a : edges(e.source())) {
                p.copyFrom(base).source = a;
                check.accept(p);
            }
            for (int a : edges(e.destination())) {
                p.copyFrom(base).destination = a;
                check.accept(p);
            }
            for (int v : edges(e.sourcePort(), 65535)) {
                p.copyFrom(base).sourcePort = v;
                check.accept(p);
            }
            for (int v : edges(e.destinationPort(), 65535)) {
                p.copyFrom(base).destinationPort = v;
                check.accept(p);
            }
            for (int v : edges(e.ttl(), 255)) {
                p.copyFrom(base).ttl = v;
                check.accept(p);
            }
        }
    }

    private static int[] edges(AddressMatch m) {
        int lo = m.address();
        int hi = m.address() | m.wildcard();
        int[] out = new int[4 + Integer.bitCount(~m.wildcard())];
        out[0] = lo;
        out[1] = hi;
        out[2] = lo - 1;
        out[3] = hi + 1;
        int n = 4;
        for (int bit = 0; bit < 32; bit++) {
            if ((m.wildcard() & (1 << bit)) == 0) {
                out[n++] = lo ^ (1 << bit);
            }
        }
        return out;
    }

    private static int[] edges(NumberMatch m, int max) {
        return m.ranges(max).stream()
                .flatMapToInt(r -> java.util.stream.IntStream.of(r[0] - 1, r[0], r[0] + 1, r[1] - 1, r[1], r[1] + 1))
                .filter(v -> v >= 0 && v <= max).toArray();
    }

    /** A random address near the pools, or anywhere. */
    PacketKey randomPacket(PacketKey p) {
        p.clear();
        p.source = random.nextInt(3) == 0 ? random.nextInt() : addresses[random.nextInt(addresses.length)] ^ random.nextInt(256);
        p.destination = random.nextInt(3) == 0 ? random.nextInt() : addresses[random.nextInt(addresses.length)] ^ random.nextInt(256);
        p.protocol = random.nextInt(3) == 0 ? random.nextInt(256) : PROTOCOLS[random.nextInt(PROTOCOLS.length)] & 0xFF;
        p.sourcePort = random.nextBoolean() ? PORTS[random.nextInt(PORTS.length)] : random.nextInt(65536);
        p.destinationPort = random.nextBoolean() ? PORTS[random.nextInt(PORTS.length)] : random.nextInt(65536);
        p.icmpType = random.nextInt(20);
        p.icmpCode = random.nextInt(4);
        p.tcpFlags = random.nextInt(64);
        p.tos = random.nextInt(256);
        p.ttl = random.nextInt(256);
        p.fragmentOffset = random.nextInt(8) == 0 ? 1 + random.nextInt(8191) : 0;
        return p;
    }

    private int pick(AddressMatch m) {
        int inside = m.address() | (random.nextInt() & m.wildcard());
        return switch (random.nextInt(8)) {
            case 0 -> m.address();
            case 1 -> m.address() | m.wildcard();
            case 2 -> m.address() - 1;
            case 3 -> (m.address() | m.wildcard()) + 1;
            case 4 -> inside ^ (1 << random.nextInt(32));
            default -> inside;
        };
    }

    private int pickNumber(NumberMatch m, int max) {
        if (m.isAny() || random.nextInt(6) == 0) {
            return random.nextInt(4) == 0 ? random.nextInt(max + 1) : PORTS[random.nextInt(PORTS.length)] & max;
        }
        List<int[]> ranges = m.ranges(max);
        if (ranges.isEmpty()) {
            return random.nextInt(max + 1);
        }
        int[] r = ranges.get(random.nextInt(ranges.size()));
        int v = switch (random.nextInt(5)) {
            case 0 -> r[0] - 1;
            case 1 -> r[0];
            case 2 -> r[1];
            case 3 -> r[1] + 1;
            default -> r[0] + random.nextInt(r[1] - r[0] + 1);
        };
        return Math.max(0, Math.min(max, v));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
