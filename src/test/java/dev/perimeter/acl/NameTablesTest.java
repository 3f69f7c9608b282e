package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NameTablesTest {

    @Test
    void tcpPortNames() {
        String[][] expected = {{"bgp", "179"}, {"chargen", "19"}, {"cmd", "514"}, {"daytime", "13"},
                {"discard", "9"}, {"domain", "53"}, {"drip", "3949"}, {"echo", "7"}, {"exec", "512"},
                {"finger", "79"}, {"ftp", "21"}, {"ftp-data", "20"}, {"gopher", "70"}, {"hostname", "101"},
                {"ident", "113"}, {"irc", "194"}, {"klogin", "543"}, {"kshell", "544"}, {"login", "513"},
                {"lpd", "515"}, {"msrpc", "135"}, {"nntp", "119"}, {"onep-plain", "15001"}, {"onep-tls", "15002"},
                {"pim-auto-rp", "496"}, {"pop2", "109"}, {"pop3", "110"}, {"smtp", "25"}, {"sunrpc", "111"},
                {"tacacs", "49"}, {"talk", "517"}, {"telnet", "23"}, {"time", "37"}, {"uucp", "540"},
                {"whois", "43"}, {"www", "80"}};
        assertEquals(expected.length, PortNames.TCP.names().size());
        for (String[] p : expected) {
            assertEquals(Integer.parseInt(p[1]), PortNames.TCP.value(p[0]), p[0]);
            assertEquals(p[0], PortNames.TCP.name(Integer.parseInt(p[1])));
        }
    }

    @Test
    void udpPortNames() {
        String[][] expected = {{"biff", "512"}, {"bootpc", "68"}, {"bootps", "67"}, {"discard", "9"},
                {"dnsix", "195"}, {"domain", "53"}, {"echo", "7"}, {"isakmp", "500"}, {"mobile-ip", "434"},
                {"nameserver", "42"}, {"netbios-dgm", "138"}, {"netbios-ns", "137"}, {"netbios-ss", "139"},
                {"non500-isakmp", "4500"}, {"ntp", "123"}, {"pim-auto-rp", "496"}, {"rip", "520"},
                {"ripng", "521"}, {"snmp", "161"}, {"snmptrap", "162"}, {"sunrpc", "111"}, {"syslog", "514"},
                {"tacacs", "49"}, {"talk", "517"}, {"tftp", "69"}, {"time", "37"}, {"who", "513"},
                {"xdmcp", "177"}};
        assertEquals(expected.length, PortNames.UDP.names().size());
        for (String[] p : expected) {
            assertEquals(Integer.parseInt(p[1]), PortNames.UDP.value(p[0]), p[0]);
            assertEquals(p[0], PortNames.UDP.name(Integer.parseInt(p[1])));
        }
    }

    @Test
    void ports512To514DifferBetweenTcpAndUdp() {
        assertEquals("exec", PortNames.TCP.name(512));
        assertEquals("login", PortNames.TCP.name(513));
        assertEquals("cmd", PortNames.TCP.name(514));
        assertEquals("biff", PortNames.UDP.name(512));
        assertEquals("who", PortNames.UDP.name(513));
        assertEquals("syslog", PortNames.UDP.name(514));
        assertNull(PortNames.UDP.name(80));
        assertNull(PortNames.TCP.name(161));
        assertNull(PortNames.forProtocol(Protocols.ICMP));
    }

    @Test
    void everyIosIcmpMessageName() {
        Object[][] expected = {{"administratively-prohibited", 3, 13}, {"alternate-address", 6, -1},
                {"conversion-error", 31, -1}, {"dod-host-prohibited", 3, 10}, {"dod-net-prohibited", 3, 9},
                {"echo", 8, -1}, {"echo-reply", 0, -1}, {"general-parameter-problem", 12, 0},
                {"host-isolated", 3, 8}, {"host-precedence-unreachable", 3, 14}, {"host-redirect", 5, 1},
                {"host-tos-redirect", 5, 3}, {"host-tos-unreachable", 3, 12}, {"host-unknown", 3, 7},
                {"host-unreachable", 3, 1}, {"information-reply", 16, -1}, {"information-request", 15, -1},
                {"mask-reply", 18, -1}, {"mask-request", 17, -1}, {"mobile-redirect", 32, -1},
                {"net-redirect", 5, 0}, {"net-tos-redirect", 5, 2}, {"net-tos-unreachable", 3, 11},
                {"net-unreachable", 3, 0}, {"network-unknown", 3, 6}, {"no-room-for-option", 12, 2},
                {"option-missing", 12, 1}, {"packet-too-big", 3, 4}, {"parameter-problem", 12, -1},
                {"port-unreachable", 3, 3}, {"precedence-unreachable", 3, 15}, {"protocol-unreachable", 3, 2},
                {"reassembly-timeout", 11, 1}, {"redirect", 5, -1}, {"router-advertisement", 9, -1},
                {"router-solicitation", 10, -1}, {"source-quench", 4, -1}, {"source-route-failed", 3, 5},
                {"time-exceeded", 11, -1}, {"timestamp-reply", 14, -1}, {"timestamp-request", 13, -1},
                {"traceroute", 30, -1}, {"ttl-exceeded", 11, 0}, {"unreachable", 3, -1}};
        assertEquals(expected.length, IcmpNames.byName().size());
        for (Object[] m : expected) {
            IcmpNames.Message msg = IcmpNames.lookup((String) m[0]);
            assertEquals(new IcmpNames.Message((Integer) m[1], (Integer) m[2]), msg, (String) m[0]);
            assertEquals(m[0], IcmpNames.name((Integer) m[1], (Integer) m[2]));
        }
        assertNull(IcmpNames.name(3, 20));
    }

    @Test
    void igmpNamesAndNumbers() {
        assertEquals(0x11, IgmpNames.TABLE.value("host-query"));
        assertEquals(0x12, IgmpNames.TABLE.value("host-report"));
        assertEquals(0x13, IgmpNames.TABLE.value("dvmrp"));
        assertEquals(0x14, IgmpNames.TABLE.value("pim"));
        assertEquals(0x15, IgmpNames.TABLE.value("trace"));
        assertEquals(0x16, IgmpNames.TABLE.value("v2-report"));
        assertEquals(0x17, IgmpNames.TABLE.value("v2-leave"));
        assertEquals(0x1e, IgmpNames.TABLE.value("mtrace-resp"));
        assertEquals(0x1f, IgmpNames.TABLE.value("mtrace-route"));
        assertEquals(0x22, IgmpNames.TABLE.value("v3-report"));
        assertEquals(0x1a, IgmpNames.typeOfNumber(10));
        assertEquals("10", IgmpNames.text(0x1a));
        assertEquals("host-query", IgmpNames.text(IgmpNames.typeOfNumber(1)));
    }

    @Test
    void dscpPrecedenceAndTosNames() {
        int[] af = {10, 12, 14, 18, 20, 22, 26, 28, 30, 34, 36, 38};
        String[] afNames = {"af11", "af12", "af13", "af21", "af22", "af23", "af31", "af32", "af33", "af41", "af42", "af43"};
        for (int i = 0; i < af.length; i++) {
            assertEquals(af[i], TosNames.DSCP.value(afNames[i]));
        }
        for (int cs = 1; cs <= 7; cs++) {
            assertEquals(cs * 8, TosNames.DSCP.value("cs" + cs));
        }
        assertEquals(46, TosNames.DSCP.value("ef"));
        assertEquals(0, TosNames.DSCP.value("default"));
        String[] prec = {"routine", "priority", "immediate", "flash", "flash-override", "critical", "internet", "network"};
        for (int p = 0; p < prec.length; p++) {
            assertEquals(p, TosNames.PRECEDENCE.value(prec[p]));
        }
        assertEquals(0, TosNames.TOS.value("normal"));
        assertEquals(1, TosNames.TOS.value("min-monetary-cost"));
        assertEquals(2, TosNames.TOS.value("max-reliability"));
        assertEquals(4, TosNames.TOS.value("max-throughput"));
        assertEquals(8, TosNames.TOS.value("min-delay"));
    }
}
