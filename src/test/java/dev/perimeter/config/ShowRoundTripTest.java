package dev.perimeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AccessListPrinter;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.ClockZone;
import dev.perimeter.acl.IcmpNames;
import dev.perimeter.acl.IpOptionNames;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.NameTable;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroupPrinter;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.PortNames;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.SummerTime;
import dev.perimeter.acl.TcpFlagsMatch;
import dev.perimeter.acl.TimeRange;
import dev.perimeter.acl.TimeRanges;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: for random lists, the {@code show access-lists} text, read back as configuration, gives the same
 * lists. The header becomes {@code ip access-list ...} and a standard entry's {@code , wildcard bits W} becomes
 * {@code W}, a log cookie's {@code (tag = C)} becomes {@code C} and a time range's {@code (active)} or
 * {@code (inactive)} goes; everything else (port names, ICMP names, sequence numbers, padding) is read as printed.
 */
class ShowRoundTripTest {
    private static final int[] PROTOCOLS = {Protocols.ANY, Protocols.TCP, Protocols.UDP, Protocols.ICMP,
            Protocols.IGMP, Protocols.GRE, Protocols.ESP, Protocols.OSPF, 0x73, 255};
    private static final List<IcmpNames.Message> ICMP = new ArrayList<>(IcmpNames.byName().values());

    @Test
    void showTextParsesBackToTheSameLists() {
        Random rnd = new Random(20261128);
        for (int round = 0; round < 400; round++) {
            AccessList list = randomList(rnd, round);
            String shown = AccessListPrinter.show(list, null);
            ParseResult back = ConfigParser.parse("shown", asConfig(shown));
            assertEquals(List.of(), back.errors(), shown);
            assertEquals(list, back.config().accessList(list.name()), shown);
            assertEquals(list.entries(), back.config().accessList(list.name()).entries(), shown);
        }
    }

    /**
     * Object groups as {@code show running-config} prints them, then lists naming them as {@code show access-lists}
     * prints them: read back, the same groups and the same lists (entries as written, and their expansion).
     */
    @Test
    void objectGroupsAndTheEntriesNamingThemParseBack() {
        Random rnd = new Random(20260211);
        for (int round = 0; round < 300; round++) {
            ObjectGroups groups = randomGroups(rnd);
            List<String> networks = groups.all().stream().filter(g -> g.kind() == ObjectGroup.Kind.NETWORK)
                    .map(ObjectGroup::name).toList();
            List<String> services = groups.all().stream().filter(g -> g.kind() == ObjectGroup.Kind.SERVICE)
                    .map(ObjectGroup::name).toList();
            List<AccessListEntry> entries = new ArrayList<>();
            Set<AccessListEntry> seen = new HashSet<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                AccessListEntry.Builder b = randomExtended(rnd).toBuilder().sequence(10 * (i + 1));
                if (rnd.nextBoolean()) {
                    b.sourceGroup(networks.get(rnd.nextInt(networks.size())));
                }
                if (rnd.nextBoolean()) {
                    b.destinationGroup(networks.get(rnd.nextInt(networks.size())));
                }
                if (rnd.nextInt(3) == 0) {
                    b.serviceGroup(services.get(rnd.nextInt(services.size()))).protocol(Protocols.ANY)
                            .sourcePort(NumberMatch.ANY).destinationPort(NumberMatch.ANY)
                            .icmp(AccessListEntry.UNSET, AccessListEntry.UNSET).igmpType(AccessListEntry.UNSET)
                            .tcpFlags(TcpFlagsMatch.NONE).fragments(false);
                }
                AccessListEntry e = b.build();
                if (seen.add(e.withSequence(0)) && groups.expansionSize(e) <= ObjectGroups.MAX_ENTRY_EXPANSION) {
                    entries.add(e);
                }
            }
            AccessList list = new AccessList("og_" + round, AccessList.Kind.EXTENDED, entries, List.of(), groups);
            String shown = ObjectGroupPrinter.config(groups.all()) + AccessListPrinter.show(list, null);
            ParseResult back = ConfigParser.parse("shown", asConfig(shown));
            assertEquals(List.of(), back.errors(), shown);
            assertEquals(groups, back.config().objectGroups(), shown);
            assertEquals(list, back.config().accessList(list.name()), shown);
            assertEquals(list.plainEntries(), back.config().accessList(list.name()).plainEntries(), shown);
        }
    }

    /**
     * The clock's zone and time ranges as {@code show running-config} prints them, then lists naming them as
     * {@code show access-lists} prints them with each range's state: read back (the state dropped), the same zone,
     * ranges and lists.
     */
    @Test
    void timeRangesAndTheEntriesNamingThemParseBack() {
        Random rnd = new Random(20260302);
        for (int round = 0; round < 300; round++) {
            Map<String, TimeRange> ranges = new LinkedHashMap<>();
            for (int r = rnd.nextInt(4); r >= 0; r--) {
                String name = "TR-" + r + (rnd.nextBoolean() ? "_x" : "");
                Set<TimeRange.Periodic> periodics = new LinkedHashSet<>();
                for (int p = rnd.nextInt(4); p > 0; p--) {
                    periodics.add(randomPeriodic(rnd));
                }
                ranges.put(name, new TimeRange(name, rnd.nextInt(3) == 0 ? null : randomAbsolute(rnd),
                        new ArrayList<>(periodics)));
            }
            int offset = (rnd.nextInt(47) - 23) * 60 + (rnd.nextBoolean() ? 0 : 30) * (rnd.nextBoolean() ? 1 : -1);
            ClockZone zone = new ClockZone("Z" + round, Math.max(-1439, Math.min(1439, offset)),
                    rnd.nextBoolean() ? null : randomSummerTime(rnd, "S" + round));
            List<String> names = new ArrayList<>(ranges.keySet());
            names.add("UNDEFINED");
            List<AccessListEntry> entries = new ArrayList<>();
            Set<AccessListEntry> seen = new HashSet<>();
            for (int i = 0; i < 1 + rnd.nextInt(10); i++) {
                AccessListEntry.Builder b = randomExtended(rnd).toBuilder().sequence(10 * (entries.size() + 1));
                if (rnd.nextInt(3) > 0) {
                    b.timeRange(names.get(rnd.nextInt(names.size())));
                }
                AccessListEntry e = b.build();
                if (seen.add(e.withSequence(0))) {
                    entries.add(e);
                }
            }
            AccessList list = new AccessList("timed_" + round, AccessList.Kind.EXTENDED, entries);
            StringBuilder shown = new StringBuilder(zone.config()).append('\n');
            ranges.values().forEach(r -> shown.append(r.config()));
            shown.append(AccessListPrinter.show(list, null, name -> name.hashCode() % 2 == 0));
            ParseResult back = ConfigParser.parse("shown", asConfig(shown.toString()));
            assertEquals(List.of(), back.errors(), shown::toString);
            assertEquals(new TimeRanges(ranges, zone), back.config().timeRanges(), shown::toString);
            assertEquals(list, back.config().accessList(list.name()), shown::toString);
        }
    }

    private static SummerTime randomSummerTime(Random rnd, String name) {
        int offset = rnd.nextBoolean() ? SummerTime.DEFAULT_OFFSET : 1 + rnd.nextInt(1440);
        if (rnd.nextInt(4) == 0) {
            return new SummerTime(name, SummerTime.UNITED_STATES, offset);
        }
        if (rnd.nextBoolean()) {
            return new SummerTime(name, new SummerTime.Recurring(randomEdge(rnd), randomEdge(rnd)), offset);
        }
        LocalDateTime start = LocalDateTime.of(1993 + rnd.nextInt(42), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
                rnd.nextInt(24), rnd.nextInt(60));
        return new SummerTime(name, new SummerTime.Dated(start, start.plusMinutes(1 + rnd.nextInt(300_000))), offset);
    }

    private static SummerTime.Edge randomEdge(Random rnd) {
        return new SummerTime.Edge(rnd.nextInt(5) == 0 ? SummerTime.Edge.LAST : 1 + rnd.nextInt(4),
                DayOfWeek.of(1 + rnd.nextInt(7)), Month.of(1 + rnd.nextInt(12)), rnd.nextInt(1440));
    }

    private static TimeRange.Periodic randomPeriodic(Random rnd) {
        int start = rnd.nextInt(24 * 60);
        int end = rnd.nextInt(24 * 60 + 1);
        if (rnd.nextInt(3) == 0) {
            return new TimeRange.Periodic(1 << rnd.nextInt(7), start, 1 << rnd.nextInt(7), end);
        }
        int[] sets = {TimeRange.DAILY, TimeRange.WEEKDAYS, TimeRange.WEEKEND, 1 + rnd.nextInt(127)};
        return new TimeRange.Periodic(sets[rnd.nextInt(sets.length)], start, 0, end);
    }

    private static TimeRange.Absolute randomAbsolute(Random rnd) {
        java.time.LocalDateTime first = java.time.LocalDateTime.of(1993, 1, 1, 0, 0);
        long span = java.time.Duration.between(first, java.time.LocalDateTime.of(2035, 12, 31, 23, 59)).toMinutes();
        java.time.LocalDateTime a = first.plusMinutes((long) (rnd.nextDouble() * span));
        java.time.LocalDateTime b = first.plusMinutes((long) (rnd.nextDouble() * span));
        if (a.equals(b)) {
            b = null;
        }
        return switch (rnd.nextInt(3)) {
            case 0 -> new TimeRange.Absolute(a, null);
            case 1 -> new TimeRange.Absolute(null, a);
            default -> b == null ? new TimeRange.Absolute(a, null)
                    : new TimeRange.Absolute(a.isBefore(b) ? a : b, a.isBefore(b) ? b : a);
        };
    }

    private static ObjectGroups randomGroups(Random rnd) {
        Map<String, ObjectGroup> groups = new LinkedHashMap<>();
        List<String> networks = new ArrayList<>();
        List<String> services = new ArrayList<>();
        int count = 2 + rnd.nextInt(6);
        for (int g = 0; g < count; g++) {
            boolean network = g == 0 || (g > 1 && rnd.nextBoolean());
            String name = (network ? "NET-" : "SVC_") + g;
            Set<ObjectGroup.Member> members = new LinkedHashSet<>();
            for (int m = rnd.nextInt(5); m >= 0; m--) {
                List<String> earlier = network ? networks : services;
                if (!earlier.isEmpty() && rnd.nextInt(5) == 0) {
                    members.add(new ObjectGroup.Nested(earlier.get(rnd.nextInt(earlier.size()))));
                } else {
                    members.add(network ? randomNetworkMember(rnd) : randomServiceMember(rnd));
                }
            }
            String description = rnd.nextInt(3) == 0 ? "group " + g + " of round  " + rnd.nextInt(99) : null;
            groups.put(name, new ObjectGroup(name, network ? ObjectGroup.Kind.NETWORK : ObjectGroup.Kind.SERVICE,
                    description, new ArrayList<>(members)));
            (network ? networks : services).add(name);
        }
        if (services.isEmpty()) {
            groups.put("SVC_last", new ObjectGroup("SVC_last", ObjectGroup.Kind.SERVICE, null,
                    List.of(ObjectGroup.Service.protocol(Protocols.GRE))));
        }
        return new ObjectGroups(groups);
    }

    private static ObjectGroup.Member randomNetworkMember(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> new ObjectGroup.Network(AddressMatch.ANY);
            case 1 -> new ObjectGroup.Network(AddressMatch.host(rnd.nextInt()));
            case 2 -> {
                int a = rnd.nextInt();
                int b = rnd.nextInt();
                yield Integer.compareUnsigned(a, b) <= 0 ? new ObjectGroup.Range(a, b) : new ObjectGroup.Range(b, a);
            }
            default -> {
                int len = 1 + rnd.nextInt(31);
                yield new ObjectGroup.Network(new AddressMatch(rnd.nextInt(), (int) ((1L << (32 - len)) - 1)));
            }
        };
    }

    private static ObjectGroup.Member randomServiceMember(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0, 1 -> {
                int protocol = new int[] {Protocols.TCP, Protocols.UDP, ObjectGroup.Service.TCP_UDP}[rnd.nextInt(3)];
                NumberMatch source = rnd.nextInt(3) == 0 ? randomMemberPorts(rnd, protocol) : NumberMatch.ANY;
                NumberMatch destination = rnd.nextInt(4) != 0 ? randomMemberPorts(rnd, protocol) : NumberMatch.ANY;
                return ObjectGroup.Service.ports(protocol, source, destination);
            }
            case 2 -> {
                if (rnd.nextBoolean()) {
                    IcmpNames.Message m = ICMP.get(rnd.nextInt(ICMP.size()));
                    return ObjectGroup.Service.icmp(m.type(), m.code());
                }
                return ObjectGroup.Service.icmp(rnd.nextInt(256), rnd.nextBoolean() ? AccessListEntry.UNSET : rnd.nextInt(256));
            }
            default -> {
                int p = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
                return ObjectGroup.Service.protocol(rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(255) : p);
            }
        }
    }

    /** One value (eq, neq, lt, gt) or a range, by name or number, as a service member takes ports. */
    private static NumberMatch randomMemberPorts(Random rnd, int protocol) {
        Operator op = Operator.values()[1 + rnd.nextInt(5)];
        NameTable names = protocol == ObjectGroup.Service.TCP_UDP ? PortNames.TCP_UDP : PortNames.forProtocol(protocol);
        List<Integer> named = new ArrayList<>(names.asMap().values());
        int a = rnd.nextBoolean() ? named.get(rnd.nextInt(named.size())) : rnd.nextInt(65536);
        int b = rnd.nextBoolean() ? named.get(rnd.nextInt(named.size())) : rnd.nextInt(65536);
        return op == Operator.RANGE ? NumberMatch.port(op, Math.min(a, b), Math.max(a, b)) : NumberMatch.port(op, a);
    }

    static String asConfig(String shown) {
        StringBuilder sb = new StringBuilder();
        for (String line : shown.split("\n")) {
            if (line.startsWith("Extended IP access list ")) {
                sb.append("ip access-list extended ").append(line.substring(24));
            } else if (line.startsWith("Standard IP access list ")) {
                sb.append("ip access-list standard ").append(line.substring(24));
            } else {
                sb.append(line.replace(", wildcard bits ", " ").replaceAll("\\(tag = (\\S+)\\)", "$1")
                        .replaceAll(" \\((in)?active\\)$", ""));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static AccessList randomList(Random rnd, int round) {
        boolean standard = rnd.nextInt(4) == 0;
        String name = switch (rnd.nextInt(3)) {
            case 0 -> Integer.toString(standard ? 1 + rnd.nextInt(99) : 100 + rnd.nextInt(100));
            case 1 -> Integer.toString(standard ? 1300 + rnd.nextInt(700) : 2000 + rnd.nextInt(700));
            default -> "list_" + round + (rnd.nextBoolean() ? "-X" : "");
        };
        int n = 1 + rnd.nextInt(25);
        List<AccessListEntry> entries = new ArrayList<>();
        Set<AccessListEntry> seen = new HashSet<>();
        int seq = 0;
        for (int i = 0; i < n; i++) {
            seq += 1 + rnd.nextInt(rnd.nextBoolean() ? 10 : 100000);
            AccessListEntry e = standard ? randomStandard(rnd) : randomExtended(rnd);
            // IOS refuses an entry an earlier one already covers (identical, for extended lists)
            boolean refused = standard
                    ? entries.stream().anyMatch(x -> e.source().isCoveredBy(x.source()))
                    : !seen.add(e);
            if (!refused) {
                entries.add(e.withSequence(seq));
            }
        }
        return new AccessList(name, standard ? AccessList.Kind.STANDARD : AccessList.Kind.EXTENDED, entries);
    }

    private static AccessListEntry randomStandard(Random rnd) {
        AccessListEntry.Builder b = AccessListEntry.builder(rnd.nextBoolean() ? Action.PERMIT : Action.DENY)
                .source(randomAddress(rnd));
        if (rnd.nextInt(3) == 0) {
            b.log(LogOption.LOG, rnd.nextBoolean() ? null : "tag" + rnd.nextInt(100));
        }
        return b.build();
    }

    private static AddressMatch randomAddress(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> AddressMatch.ANY;
            case 1 -> AddressMatch.host(rnd.nextInt());
            case 2 -> new AddressMatch(rnd.nextInt(), rnd.nextInt()); // non-contiguous
            default -> {
                int len = 1 + rnd.nextInt(31);
                yield new AddressMatch(rnd.nextInt(), (int) ((1L << (32 - len)) - 1));
            }
        };
    }

    private static AccessListEntry randomExtended(Random rnd) {
        int protocol = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
        AccessListEntry.Builder b = AccessListEntry.builder(rnd.nextBoolean() ? Action.PERMIT : Action.DENY)
                .protocol(protocol).source(randomAddress(rnd)).destination(randomAddress(rnd));
        boolean l4 = false;
        if (protocol == Protocols.TCP || protocol == Protocols.UDP) {
            if (rnd.nextBoolean()) {
                b.sourcePort(randomPorts(rnd, protocol));
                l4 = true;
            }
            if (rnd.nextBoolean()) {
                b.destinationPort(randomPorts(rnd, protocol));
                l4 = true;
            }
        }
        if (protocol == Protocols.ICMP && rnd.nextBoolean()) {
            if (rnd.nextBoolean()) {
                IcmpNames.Message m = ICMP.get(rnd.nextInt(ICMP.size()));
                b.icmp(m.type(), m.code());
            } else {
                b.icmp(rnd.nextInt(256), rnd.nextBoolean() ? AccessListEntry.UNSET : rnd.nextInt(256));
            }
            l4 = true;
        }
        if (protocol == Protocols.IGMP && rnd.nextBoolean()) {
            b.igmpType(rnd.nextInt(5) == 0 ? 0x22 : 0x10 + rnd.nextInt(16));
            l4 = true;
        }
        if (protocol == Protocols.TCP && rnd.nextBoolean()) {
            boolean established = rnd.nextBoolean();
            TcpFlagsMatch f = switch (rnd.nextInt(3)) {
                case 0 -> TcpFlagsMatch.legacy(1 + rnd.nextInt(63));
                case 1 -> {
                    int set = rnd.nextInt(64);
                    int clear = rnd.nextInt(64) & ~set;
                    yield set == 0 && clear == 0 ? TcpFlagsMatch.matchAll(2, 0)
                            : rnd.nextBoolean() ? TcpFlagsMatch.matchAll(set, clear) : TcpFlagsMatch.matchAny(set, clear);
                }
                default -> TcpFlagsMatch.ESTABLISHED;
            };
            b.tcpFlags(new TcpFlagsMatch(established || f.established(), f.anyOf(), f.matchAll(), f.set(), f.clear()));
            l4 = true;
        }
        if (!l4 && rnd.nextInt(4) == 0) {
            b.fragments(true);
        }
        switch (rnd.nextInt(4)) {
            case 0 -> b.dscp(rnd.nextInt(64));
            case 1 -> {
                if (rnd.nextBoolean()) {
                    b.precedence(rnd.nextInt(8));
                }
                if (rnd.nextBoolean()) {
                    b.tos(rnd.nextInt(16));
                }
            }
            default -> { }
        }
        if (rnd.nextInt(4) == 0) {
            Operator op = Operator.values()[1 + rnd.nextInt(5)];
            int a = rnd.nextInt(256);
            b.ttl(op == Operator.RANGE ? NumberMatch.ttl(op, a, a + rnd.nextInt(256 - a)) : NumberMatch.ttl(op, a));
        }
        if (rnd.nextInt(5) == 0) {
            b.ipOption(rnd.nextInt(4) == 0 ? IpOptionNames.ANY_OPTIONS : rnd.nextInt(256));
        }
        if (rnd.nextInt(3) == 0) {
            b.log(rnd.nextBoolean() ? LogOption.LOG : LogOption.LOG_INPUT, rnd.nextBoolean() ? null : "T" + rnd.nextInt(9));
        }
        return b.build();
    }

    private static NumberMatch randomPorts(Random rnd, int protocol) {
        Operator op = Operator.values()[1 + rnd.nextInt(5)];
        List<Integer> named = new ArrayList<>(PortNames.forProtocol(protocol).asMap().values());
        int count = op == Operator.EQ || op == Operator.NEQ ? 1 + rnd.nextInt(4) : op == Operator.RANGE ? 2 : 1;
        int[] v = new int[count];
        for (int i = 0; i < count; i++) {
            v[i] = rnd.nextBoolean() ? named.get(rnd.nextInt(named.size())) : rnd.nextInt(65536);
        }
        if (op == Operator.RANGE && v[0] > v[1]) {
            int t = v[0];
            v[0] = v[1];
            v[1] = t;
        }
        return NumberMatch.port(op, v);
    }
}
