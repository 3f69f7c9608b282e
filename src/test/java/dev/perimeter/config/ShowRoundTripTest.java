package dev.perimeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AccessListPrinter;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.IcmpNames;
import dev.perimeter.acl.IpOptionNames;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.PortNames;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlagsMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: for random lists, the {@code show access-lists} text, read back as configuration, gives the same
 * lists. The header becomes {@code ip access-list ...} and a standard entry's {@code , wildcard bits W} becomes
 * {@code W} and a log cookie's {@code (tag = C)} becomes {@code C}; everything else (port names, ICMP names, sequence numbers, padding) is read as printed.
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

    static String asConfig(String shown) {
        StringBuilder sb = new StringBuilder();
        for (String line : shown.split("\n")) {
            if (line.startsWith("Extended IP access list ")) {
                sb.append("ip access-list extended ").append(line.substring(24));
            } else if (line.startsWith("Standard IP access list ")) {
                sb.append("ip access-list standard ").append(line.substring(24));
            } else {
                sb.append(line.replace(", wildcard bits ", " ").replaceAll("\\(tag = (\\S+)\\)", "$1"));
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
