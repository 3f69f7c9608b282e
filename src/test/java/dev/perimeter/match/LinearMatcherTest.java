package dev.perimeter.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.acl.TcpFlagsMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearMatcherTest {
    private static final int MAIL = Ipv4.parse("172.16.27.66");
    private static final int HOST = Ipv4.parse("172.16.27.70");
    private static final int OUTSIDE = Ipv4.parse("172.16.11.5");

    /** The seed router's packet_filter, built by hand. */
    private static AccessList seed() {
        return new AccessList("packet_filter", AccessList.Kind.EXTENDED, List.of(
                tcp(10, Action.PERMIT).destination(AddressMatch.host(MAIL)).destinationPort(NumberMatch.port(Operator.EQ, 25)).build(),
                tcp(20, Action.DENY).destinationPort(NumberMatch.port(Operator.EQ, 25)).build(),
                tcp(30, Action.DENY).destinationPort(NumberMatch.port(Operator.RANGE, 109, 110)).build(),
                tcp(40, Action.DENY).destinationPort(NumberMatch.port(Operator.EQ, 143)).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(50).build()));
    }

    private static AccessListEntry.Builder tcp(int seq, Action action) {
        return AccessListEntry.builder(action).sequence(seq).protocol(Protocols.TCP);
    }

    private static PacketKey tcpPacket(int src, int dst, int dport) {
        PacketKey p = new PacketKey();
        p.protocol = Protocols.TCP;
        p.source = src;
        p.destination = dst;
        p.sourcePort = 41234;
        p.destinationPort = dport;
        p.tcpFlags = TcpFlags.SYN;
        p.ttl = 64;
        return p;
    }

    @Test
    void firstMatchingEntryDecides() {
        Matcher m = new LinearMatcher(seed());
        assertEquals(0, m.match(tcpPacket(OUTSIDE, MAIL, 25)));
        assertEquals(1, m.match(tcpPacket(OUTSIDE, HOST, 25)));
        assertEquals(2, m.match(tcpPacket(OUTSIDE, HOST, 109)));
        assertEquals(2, m.match(tcpPacket(OUTSIDE, HOST, 110)));
        assertEquals(3, m.match(tcpPacket(OUTSIDE, HOST, 143)));
        assertEquals(4, m.match(tcpPacket(OUTSIDE, HOST, 80)));
        assertEquals(4, m.match(tcpPacket(OUTSIDE, HOST, 111)));
    }

    @Test
    void nothingMatchingMeetsTheImplicitDeny() {
        AccessList list = new AccessList("only_web", AccessList.Kind.EXTENDED, List.of(
                tcp(10, Action.PERMIT).destinationPort(NumberMatch.port(Operator.EQ, 80)).build()));
        Matcher m = new LinearMatcher(list);
        assertEquals(Matcher.NO_MATCH, m.match(tcpPacket(OUTSIDE, HOST, 81)));
        PacketKey udp = tcpPacket(OUTSIDE, HOST, 80);
        udp.protocol = Protocols.UDP;
        assertEquals(Matcher.NO_MATCH, m.match(udp));
    }

    @Test
    void nonInitialFragmentFollowsTheIosFragmentTable() {
        AccessList list = new AccessList("frag", AccessList.Kind.EXTENDED, List.of(
                // deny with L4 conditions: for a non-initial fragment it does not deny, evaluation goes on
                tcp(10, Action.DENY).destination(AddressMatch.host(HOST)).destinationPort(NumberMatch.port(Operator.EQ, 80)).build(),
                // permit with L4 conditions: its L3 part matching is enough to permit
                tcp(20, Action.PERMIT).destination(AddressMatch.host(MAIL)).destinationPort(NumberMatch.port(Operator.EQ, 25)).build(),
                // a fragments entry: only non-initial fragments
                AccessListEntry.builder(Action.DENY).sequence(30).destination(AddressMatch.host(HOST)).fragments(true).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(40).build()));
        Matcher m = new LinearMatcher(list);

        PacketKey toHost = tcpPacket(OUTSIDE, HOST, 0);
        toHost.sourcePort = 0;
        toHost.fragmentOffset = 185;
        assertEquals(2, m.match(toHost), "deny with ports skipped, fragments entry decides");

        PacketKey toMail = tcpPacket(OUTSIDE, MAIL, 0);
        toMail.fragmentOffset = 185;
        assertEquals(1, m.match(toMail), "permit with ports decides on its L3 part");

        PacketKey initial = tcpPacket(OUTSIDE, HOST, 80);
        assertEquals(0, m.match(initial), "an initial fragment meets the L4 conditions");
        PacketKey initialOther = tcpPacket(OUTSIDE, HOST, 81);
        assertEquals(3, m.match(initialOther), "fragments entries never match initial fragments");
    }

    @Test
    void establishedAndQosAndTtlConditions() {
        AccessList list = new AccessList("misc", AccessList.Kind.EXTENDED, List.of(
                tcp(10, Action.PERMIT).tcpFlags(TcpFlagsMatch.ESTABLISHED).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).dscp(46).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(30).precedence(5).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(40).ttl(NumberMatch.ttl(Operator.LT, 2)).build()));
        Matcher m = new LinearMatcher(list);
        PacketKey p = tcpPacket(OUTSIDE, HOST, 80);
        assertEquals(Matcher.NO_MATCH, m.match(p));
        p.tcpFlags = TcpFlags.ACK;
        assertEquals(0, m.match(p));
        p.tcpFlags = TcpFlags.SYN;
        p.tos = 46 << 2; // EF
        assertEquals(1, m.match(p));
        p.tos = 5 << 5 | 1 << 2; // precedence 5, dscp 41
        assertEquals(2, m.match(p));
        p.tos = 0;
        p.ttl = 1;
        assertEquals(3, m.match(p));
    }

    @Test
    void icmpTypeWithoutCodeMatchesEveryCode() {
        AccessList list = new AccessList("icmp", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.DENY).sequence(10).protocol(Protocols.ICMP).icmp(3, 4).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).protocol(Protocols.ICMP).icmp(3, AccessListEntry.UNSET).build()));
        PacketKey p = new PacketKey();
        p.protocol = Protocols.ICMP;
        p.icmpType = 3;
        p.icmpCode = 4;
        assertEquals(0, new LinearMatcher(list).match(p));
        p.icmpCode = 3;
        assertEquals(1, new LinearMatcher(list).match(p));
        p.icmpType = 8;
        assertEquals(Matcher.NO_MATCH, new LinearMatcher(list).match(p));
    }

    @Test
    void l4ConditionsAreRecognised() {
        assertTrue(tcp(1, Action.DENY).tcpFlags(TcpFlagsMatch.ESTABLISHED).build().hasL4Conditions());
        assertTrue(AccessListEntry.builder(Action.DENY).protocol(Protocols.IGMP).igmpType(17).build().hasL4Conditions());
        assertFalse(AccessListEntry.builder(Action.DENY).dscp(10).ttl(NumberMatch.ttl(Operator.GT, 3)).build().hasL4Conditions());
    }
}
