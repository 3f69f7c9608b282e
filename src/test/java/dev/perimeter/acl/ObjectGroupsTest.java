package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObjectGroupsTest {

    static int ip(String a) {
        return Ipv4.parse(a);
    }

    static AddressMatch prefix(String a, int length) {
        return new AddressMatch(ip(a), length == 32 ? 0 : -1 >>> length);
    }

    static ObjectGroups groups(ObjectGroup... gs) {
        Map<String, ObjectGroup> m = new LinkedHashMap<>();
        for (ObjectGroup g : gs) {
            m.put(g.name(), g);
        }
        return new ObjectGroups(m);
    }

    static ObjectGroup network(String name, ObjectGroup.Member... members) {
        return new ObjectGroup(name, ObjectGroup.Kind.NETWORK, null, List.of(members));
    }

    static ObjectGroup service(String name, ObjectGroup.Member... members) {
        return new ObjectGroup(name, ObjectGroup.Kind.SERVICE, null, List.of(members));
    }

    static ObjectGroup.Network host(String a) {
        return new ObjectGroup.Network(AddressMatch.host(ip(a)));
    }

    // ---- ranges ----

    @Test
    void rangesBecomeTheFewestPrefixesHoldingThemExactly() {
        assertEquals(List.of(prefix("10.0.0.1", 32), prefix("10.0.0.2", 31), prefix("10.0.0.4", 31),
                prefix("10.0.0.6", 32)), new ObjectGroup.Range(ip("10.0.0.1"), ip("10.0.0.6")).prefixes());
        assertEquals(List.of(prefix("192.168.0.0", 16)),
                new ObjectGroup.Range(ip("192.168.0.0"), ip("192.168.255.255")).prefixes());
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.5"))),
                new ObjectGroup.Range(ip("10.0.0.5"), ip("10.0.0.5")).prefixes());
        assertEquals(List.of(AddressMatch.ANY), new ObjectGroup.Range(0, -1).prefixes());
        // across the sign bit: 127.255.255.255 to 128.0.0.0 is two hosts, in unsigned order
        assertEquals(List.of(AddressMatch.host(ip("127.255.255.255")), AddressMatch.host(ip("128.0.0.0"))),
                new ObjectGroup.Range(ip("127.255.255.255"), ip("128.0.0.0")).prefixes());
        assertEquals(62, new ObjectGroup.Range(1, -2).prefixes().size(), "the worst case: 0.0.0.1 to 255.255.255.254");
        assertThrows(IllegalArgumentException.class, () -> new ObjectGroup.Range(ip("10.0.0.2"), ip("10.0.0.1")));
    }

    @Test
    void randomRangesAreCoveredExactlyByAlignedDisjointPrefixesThatCannotMerge() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 5000; round++) {
            int a = rnd.nextInt();
            int b = round % 2 == 0 ? rnd.nextInt() : a + rnd.nextInt(1 << rnd.nextInt(20));
            long lo = Math.min(Integer.toUnsignedLong(a), Integer.toUnsignedLong(b));
            long hi = Math.max(Integer.toUnsignedLong(a), Integer.toUnsignedLong(b));
            List<AddressMatch> ps = new ObjectGroup.Range((int) lo, (int) hi).prefixes();
            long next = lo;
            for (int i = 0; i < ps.size(); i++) {
                AddressMatch p = ps.get(i);
                assertTrue(p.isPrefix());
                assertEquals(next, Integer.toUnsignedLong(p.address()), "contiguous, in order");
                next = Integer.toUnsignedLong(p.address()) + Integer.toUnsignedLong(p.wildcard()) + 1;
                if (i > 0) {
                    // two neighbours of one size that would form one aligned block: not the fewest
                    AddressMatch q = ps.get(i - 1);
                    boolean mergeable = q.wildcard() == p.wildcard() && p.wildcard() != -1
                            && (q.address() & (2 * (long) q.wildcard() + 1)) == 0;
                    assertTrue(!mergeable, q + " and " + p + " of " + lo + "-" + hi);
                }
            }
            assertEquals(hi + 1, next, "ends at the range's end");
            assertTrue(ps.size() <= 62);
        }
    }

    // ---- flattening and expansion ----

    @Test
    void nestedGroupsFlattenInOrderWithoutDuplicates() {
        ObjectGroups g = groups(
                network("A", host("10.0.0.1"), new ObjectGroup.Range(ip("10.0.0.2"), ip("10.0.0.3"))),
                network("B", host("10.0.0.9"), new ObjectGroup.Nested("A"), host("10.0.0.1")),
                service("S", ObjectGroup.Service.ports(ObjectGroup.Service.TCP_UDP, NumberMatch.ANY,
                        NumberMatch.port(Operator.EQ, 53)), ObjectGroup.Service.protocol(Protocols.GRE)),
                service("T", new ObjectGroup.Nested("S"), ObjectGroup.Service.protocol(Protocols.GRE)));
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.9")), AddressMatch.host(ip("10.0.0.1")),
                prefix("10.0.0.2", 31)), g.addresses("B"));
        assertEquals(List.of(
                ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.ANY, NumberMatch.port(Operator.EQ, 53)),
                ObjectGroup.Service.ports(Protocols.UDP, NumberMatch.ANY, NumberMatch.port(Operator.EQ, 53)),
                ObjectGroup.Service.protocol(Protocols.GRE)), g.services("T"));
        assertThrows(IllegalArgumentException.class, () -> groups(network("X", new ObjectGroup.Nested("Y")),
                network("Y", new ObjectGroup.Nested("X"))), "a loop");
        assertThrows(IllegalArgumentException.class, () -> groups(network("X", new ObjectGroup.Nested("S")),
                service("S", ObjectGroup.Service.protocol(Protocols.GRE))), "a group of the other kind");
    }

    @Test
    void anEntryExpandsToTheCrossProductWithItsOwnOptions() {
        ObjectGroups g = groups(network("SRC", host("10.0.0.1"), host("10.0.0.2")),
                network("DST", host("192.0.2.1")),
                service("SVC", ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.ANY,
                        NumberMatch.port(Operator.EQ, 80)), ObjectGroup.Service.icmp(8, AccessListEntry.UNSET)));
        AccessListEntry written = AccessListEntry.builder(Action.DENY).sequence(30).serviceGroup("SVC")
                .sourceGroup("SRC").destinationGroup("DST").dscp(46).log(LogOption.LOG, "T").build();
        assertEquals(4, g.expansionSize(written));
        List<AccessListEntry> plain = g.expand(written);
        List<String> shown = new ArrayList<>();
        AccessList list = new AccessList("L", AccessList.Kind.EXTENDED, plain.subList(0, 1));
        for (AccessListEntry e : plain) {
            shown.add(AccessListPrinter.entryText(list, e));
            assertEquals(30, e.sequence());
        }
        assertEquals(List.of("deny tcp host 10.0.0.1 host 192.0.2.1 eq www dscp ef log (tag = T)",
                "deny icmp host 10.0.0.1 host 192.0.2.1 echo dscp ef log (tag = T)",
                "deny tcp host 10.0.0.2 host 192.0.2.1 eq www dscp ef log (tag = T)",
                "deny icmp host 10.0.0.2 host 192.0.2.1 echo dscp ef log (tag = T)"), shown);
        AccessListEntry plainEntry = AccessListEntry.builder(Action.PERMIT).build();
        assertEquals(List.of(plainEntry), g.expand(plainEntry));
    }

    @Test
    void expansionPastTheLimitIsRefused() {
        ObjectGroup.Member[] many = new ObjectGroup.Member[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = new ObjectGroup.Network(AddressMatch.host(i));
        }
        ObjectGroups g = groups(network("A", many), network("B", java.util.Arrays.copyOf(many, 100)));
        AccessListEntry e = AccessListEntry.builder(Action.PERMIT).sourceGroup("A").destinationGroup("B").build();
        assertEquals(10_100, g.expansionSize(e));
        assertThrows(IllegalArgumentException.class, () -> g.expand(e));
    }

    @Test
    void aListMapsEachPlainEntryToItsWrittenOne() {
        ObjectGroups g = groups(network("TWO", host("10.0.0.1"), host("10.0.0.2")), network("NONE"));
        AccessList list = new AccessList("L", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.PERMIT).sequence(10).sourceGroup("TWO").build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).sourceGroup("NONE").build(),
                AccessListEntry.builder(Action.DENY).sequence(30).build()), List.of(), g);
        assertTrue(list.usesObjectGroups());
        assertEquals(3, list.size());
        assertEquals(3, list.plainEntries().size());
        assertEquals(List.of(0, 0, 2), List.of(list.writtenIndex(0), list.writtenIndex(1), list.writtenIndex(2)));
        AccessList plain = new AccessList("P", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.DENY).sequence(30).build()));
        assertTrue(!plain.usesObjectGroups() && plain.plainEntries() == plain.entries() && plain.writtenIndexes() == null);
    }

    @Test
    void whatAGroupStandsInPlaceOfIsAnyAndAServiceGroupTakesNoL4Conditions() {
        AccessListEntry a = AccessListEntry.builder(Action.PERMIT).protocol(Protocols.TCP)
                .source(AddressMatch.host(ip("10.0.0.1"))).sourceGroup("N").serviceGroup("S").build();
        AccessListEntry b = AccessListEntry.builder(Action.PERMIT).sourceGroup("N").serviceGroup("S").build();
        assertEquals(b, a);
        assertEquals(AddressMatch.ANY, a.source());
        assertEquals(Protocols.ANY, a.protocol());
        assertThrows(IllegalArgumentException.class, () -> AccessListEntry.builder(Action.PERMIT).serviceGroup("S")
                .destinationPort(NumberMatch.port(Operator.EQ, 80)).build());
        assertThrows(IllegalArgumentException.class, () -> AccessListEntry.builder(Action.PERMIT).serviceGroup("S")
                .tcpFlags(TcpFlagsMatch.ESTABLISHED).build());
    }

    // ---- text ----

    @Test
    void groupsPrintAsRunningConfigAndEntriesAsWritten() {
        ObjectGroup net = new ObjectGroup("INSIDE", ObjectGroup.Kind.NETWORK, "the inside", List.of(
                host("10.1.1.1"), new ObjectGroup.Network(prefix("10.1.2.0", 24)),
                new ObjectGroup.Range(ip("10.0.0.1"), ip("10.0.0.6")), new ObjectGroup.Network(AddressMatch.ANY),
                new ObjectGroup.Nested("OTHER")));
        assertEquals("""
                object-group network INSIDE
                 description the inside
                 host 10.1.1.1
                 10.1.2.0 255.255.255.0
                 range 10.0.0.1 10.0.0.6
                 any
                 group-object OTHER
                """, ObjectGroupPrinter.config(net));
        ObjectGroup svc = service("WEB",
                ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.ANY, NumberMatch.port(Operator.EQ, 80)),
                ObjectGroup.Service.ports(Protocols.UDP, NumberMatch.ANY, NumberMatch.port(Operator.RANGE, 1000, 2000)),
                ObjectGroup.Service.ports(ObjectGroup.Service.TCP_UDP, NumberMatch.ANY, NumberMatch.port(Operator.EQ, 53)),
                ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.port(Operator.EQ, 1024), NumberMatch.ANY),
                ObjectGroup.Service.ports(Protocols.UDP, NumberMatch.port(Operator.GT, 1023),
                        NumberMatch.port(Operator.EQ, 161)),
                ObjectGroup.Service.icmp(8, AccessListEntry.UNSET), ObjectGroup.Service.icmp(3, 3),
                ObjectGroup.Service.icmp(42, 1), ObjectGroup.Service.protocol(Protocols.GRE),
                ObjectGroup.Service.protocol(Protocols.ANY), ObjectGroup.Service.protocol(99));
        assertEquals("""
                object-group service WEB
                 tcp eq www
                 udp range 1000 2000
                 tcp-udp eq domain
                 tcp source eq 1024
                 udp source gt 1023 eq snmp
                 icmp echo
                 icmp port-unreachable
                 icmp 42 1
                 gre
                 ip
                 99
                """, ObjectGroupPrinter.config(svc));
        AccessList list = new AccessList("L", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.PERMIT).sequence(10).protocol(Protocols.TCP).sourceGroup("INSIDE")
                        .destination(AddressMatch.host(ip("10.0.0.1"))).destinationPort(NumberMatch.port(Operator.EQ, 80))
                        .build(),
                AccessListEntry.builder(Action.DENY).sequence(20).serviceGroup("WEB").destinationGroup("INSIDE")
                        .log(LogOption.LOG, null).build()), List.of(),
                groups(new ObjectGroup("OTHER", ObjectGroup.Kind.NETWORK, null, List.of()), net, svc));
        assertEquals("""
                Extended IP access list L
                    10 permit tcp object-group INSIDE host 10.0.0.1 eq www (3 matches)
                    20 deny object-group WEB any object-group INSIDE log
                """, AccessListPrinter.show(list, new long[] {3, 0}));
    }
}
