package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.Protocols;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.perimeter.log.LogFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every message format, first packet of a flow, default uptime stamps at the origin. */
class AccessLogMessagesTest {

    private String first(AccessList list, int entry, dev.perimeter.match.PacketKey packet, String iface, byte[] frame,
                         int macOffset) {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        logger.logMatch(list, entry, packet, iface, frame, macOffset, 1000 * SECOND);
        List<String> lines = sink.lines();
        assertEquals(1, lines.size(), lines.toString());
        return lines.get(0);
    }

    @Test
    void tcpDenied() {
        AccessList list = extended("packet_filter", entry(10, Action.DENY, Protocols.TCP, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) -> "
                        + "172.16.27.70(25), 1 packet",
                first(list, 0, tcp("172.16.11.5", 41234, "172.16.27.70", 25), "eth2/0", null, -1));
    }

    @Test
    void udpPermitted() {
        AccessList list = extended("101", entry(10, Action.PERMIT, Protocols.UDP, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list 101 permitted udp 198.51.100.1(55934) -> "
                        + "198.51.100.255(15600), 1 packet",
                first(list, 0, l4(17, "198.51.100.1", 55934, "198.51.100.255", 15600), "Gi0/0", null, -1));
    }

    @Test
    void ipEntryLogsThePacketsOwnProtocol() {
        AccessList list = extended("OUTSIDE", entry(10, Action.DENY, Protocols.ANY, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list OUTSIDE denied tcp 10.0.0.2(57289) -> 10.0.0.1(22), "
                        + "1 packet",
                first(list, 0, tcp("10.0.0.2", 57289, "10.0.0.1", 22), "Gi0/0", null, -1));
    }

    @Test
    void icmpWithTypeAndCode() {
        AccessList list = extended("100", entry(10, Action.DENY, Protocols.ICMP, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGDP: list 100 denied icmp 198.51.100.1 -> 198.51.100.2 (3/5), "
                        + "1 packet",
                first(list, 0, icmp("198.51.100.1", "198.51.100.2", 3, 5), "Gi0/0", null, -1));
    }

    @Test
    void namedProtocolsUseRp() {
        AccessList list = extended("177", entry(10, Action.DENY, Protocols.ANY, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGRP: list 177 denied igmp 198.51.100.197 -> 224.0.0.22, 1 packet",
                first(list, 0, ip(2, "198.51.100.197", "224.0.0.22"), "Gi0/0", null, -1));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGRP: list 177 denied pim 10.134.21.2 -> 224.0.0.13, 1 packet",
                first(list, 0, ip(103, "10.134.21.2", "224.0.0.13"), "Gi0/0", null, -1));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGRP: list 177 denied ospf 10.0.0.1 -> 224.0.0.5, 1 packet",
                first(list, 0, ip(89, "10.0.0.1", "224.0.0.5"), "Gi0/0", null, -1));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGRP: list 177 denied gre 10.0.0.1 -> 10.0.0.2, 1 packet",
                first(list, 0, ip(47, "10.0.0.1", "10.0.0.2"), "Gi0/0", null, -1));
    }

    @Test
    void igmpEntryWithATypeUsesSp() {
        AccessListEntry e = AccessListEntry.builder(Action.DENY).sequence(10).protocol(Protocols.IGMP).igmpType(20)
                .log(LogOption.LOG, null).build();
        AccessList list = extended("INBOUND-ON-AP", e);
        dev.perimeter.match.PacketKey p = ip(2, "198.51.100.1", "224.0.0.2");
        p.icmpType = 20;
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGSP: list INBOUND-ON-AP denied igmp 198.51.100.1 -> 224.0.0.2 (20), "
                + "1 packet", first(list, 0, p, "Gi0/0", null, -1));
    }

    @Test
    void numberedProtocolsUseNp() {
        AccessList list = extended("EDGE-IN", entry(10, Action.PERMIT, Protocols.ANY, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGNP: list EDGE-IN permitted 50 203.0.113.9 -> 203.0.113.2, 1 packet",
                first(list, 0, ip(50, "203.0.113.9", "203.0.113.2"), "Gi0/0", null, -1));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGNP: list EDGE-IN permitted 132 203.0.113.9 -> 203.0.113.2, "
                + "1 packet", first(list, 0, ip(132, "203.0.113.9", "203.0.113.2"), "Gi0/0", null, -1));
    }

    @Test
    void standardList() {
        AccessList list = standard("1", entry(10, Action.DENY, Protocols.ANY, LogOption.LOG, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet",
                first(list, 0, tcp("10.1.1.1", 1000, "10.2.2.2", 80), "Gi0/0", null, -1));
    }

    @Test
    void logInputAddsInterfaceAndMac() {
        AccessList list = extended("ACL-IPv4-E0/0-IN", entry(10, Action.PERMIT, Protocols.TCP, LogOption.LOG_INPUT,
                null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list ACL-IPv4-E0/0-IN permitted tcp 192.168.1.3(1025) "
                        + "(Ethernet0/0 0050.56a1.b2c3) -> 192.168.2.1(22), 1 packet",
                first(list, 0, tcp("192.168.1.3", 1025, "192.168.2.1", 22), "Ethernet0/0", frame(), 6));
        AccessList icmpList = extended("100", entry(10, Action.DENY, Protocols.ICMP, LogOption.LOG_INPUT, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGDP: list 100 denied icmp 192.168.1.3 "
                        + "(Ethernet0/0 0050.56a1.b2c3) -> 10.1.1.1 (8/0), 1 packet",
                first(icmpList, 0, icmp("192.168.1.3", "10.1.1.1", 8, 0), "Ethernet0/0", frame(), 6));
    }

    @Test
    void logInputWithoutMacLeavesItEmpty() {
        AccessList list = extended("100", entry(10, Action.DENY, Protocols.TCP, LogOption.LOG_INPUT, null));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list 100 denied tcp 10.1.1.1(1) (Serial0/0 ) -> "
                        + "10.2.2.2(23), 1 packet",
                first(list, 0, tcp("10.1.1.1", 1, "10.2.2.2", 23), "Serial0/0", null, -1));
    }

    @Test
    void logTagIsAppendedInBrackets() {
        AccessList list = extended("EXTERNAL->INTERNAL", entry(50, Action.DENY, Protocols.TCP, LogOption.LOG,
                "Deny_SSH"));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list EXTERNAL->INTERNAL denied tcp 10.0.0.2(54843) -> "
                        + "10.0.0.1(22), 1 packet [Deny_SSH]",
                first(list, 0, tcp("10.0.0.2", 54843, "10.0.0.1", 22), "Gi0/0", null, -1));
    }

    @Test
    void macIsPrintedInCiscoDottedForm() {
        StringBuilder b = new StringBuilder();
        AccessLogMessages.appendMac(b, 0x000e9b5a9839L);
        assertEquals("000e.9b5a.9839", b.toString());
    }
}
