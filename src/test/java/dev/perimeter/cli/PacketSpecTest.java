package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.match.PacketKey;
import org.junit.jupiter.api.Test;

class PacketSpecTest {

    @Test
    void tcpWithPortsAndFlags() {
        PacketKey p = PacketSpec.parse("tcp 198.51.100.7:41234 -> 172.16.27.66:25 flags=SA");
        assertEquals(6, p.protocol);
        assertEquals(Ipv4.parse("198.51.100.7"), p.source);
        assertEquals(41234, p.sourcePort);
        assertEquals(Ipv4.parse("172.16.27.66"), p.destination);
        assertEquals(25, p.destinationPort);
        assertEquals(TcpFlags.SYN | TcpFlags.ACK, p.tcpFlags);
        assertEquals(64, p.ttl);
        assertEquals(0, p.fragmentOffset);
    }

    @Test
    void udpIcmpAndNumberedProtocols() {
        PacketKey u = PacketSpec.parse("udp 10.0.0.1:53->10.0.0.2:1024");
        assertEquals(17, u.protocol);
        assertEquals(1024, u.destinationPort);
        PacketKey i = PacketSpec.parse("icmp 10.0.0.1 -> 10.0.0.2 type=3 code=4");
        assertEquals(1, i.protocol);
        assertEquals(3, i.icmpType);
        assertEquals(4, i.icmpCode);
        PacketKey named = PacketSpec.parse("icmp 10.0.0.1 -> 10.0.0.2 type=port-unreachable");
        assertEquals(3, named.icmpType);
        assertEquals(3, named.icmpCode);
        assertEquals(8, PacketSpec.parse("icmp 10.0.0.1 -> 10.0.0.2").icmpType, "echo by default");
        assertEquals(47, PacketSpec.parse("47 10.0.0.1 -> 10.0.0.2").protocol);
        assertEquals(47, PacketSpec.parse("gre 10.0.0.1 -> 10.0.0.2").protocol);
        assertEquals(0x16, PacketSpec.parse("igmp 10.0.0.1 -> 224.0.0.1 type=v2-report").icmpType);
    }

    @Test
    void qosTtlAndFragments() {
        PacketKey p = PacketSpec.parse("udp 1.1.1.1:1 -> 2.2.2.2:2 dscp=ef ttl=3");
        assertEquals(46, p.dscp());
        assertEquals(3, p.ttl);
        assertEquals(40, PacketSpec.parse("udp 1.1.1.1:1 -> 2.2.2.2:2 dscp=40").dscp());
        assertEquals(0xb8, PacketSpec.parse("udp 1.1.1.1:1 -> 2.2.2.2:2 tos=184").tos);
        assertEquals(0, PacketSpec.parse("tcp 1.1.1.1:1 -> 2.2.2.2:2 frag=first").fragmentOffset);
        PacketKey frag = PacketSpec.parse("tcp 1.1.1.1:1000 -> 2.2.2.2:25 flags=S frag=185");
        assertEquals(185, frag.fragmentOffset);
        assertEquals(0, frag.destinationPort, "a non-initial fragment has no ports");
        assertEquals(0, frag.tcpFlags);
    }

    @Test
    void ipOptionsByNameOrNumber() {
        PacketKey p = PacketSpec.parse("udp 1.1.1.1:1 -> 2.2.2.2:2 options=timestamp,7,Router-Alert");
        assertTrue(p.hasIpOption(68) && p.hasIpOption(7) && p.hasIpOption(148));
        assertTrue(p.hasIpOptions);
        assertEquals("udp 1.1.1.1:1 -> 2.2.2.2:2 ttl=64 options=record-route,timestamp,router-alert",
                PacketSpec.format(p));
        for (String bad : new String[] {"options=any-options", "options=256", "options=bogus", "options="}) {
            assertThrows(IllegalArgumentException.class, () -> PacketSpec.parse("udp 1.1.1.1:1 -> 2.2.2.2:2 " + bad));
        }
    }

    @Test
    void mistakesAreExplained() {
        String[] bad = {"tcp 1.1.1.1 -> 2.2.2.2:25", "udp 1.1.1.1:1 2.2.2.2:2", "icmp 1.1.1.1:5 -> 2.2.2.2",
                "tcp 1.1.1.300:1 -> 2.2.2.2:2", "tcp 1.1.1.1:70000 -> 2.2.2.2:2", "ip 1.1.1.1 -> 2.2.2.2",
                "tcp 1.1.1.1:1 -> 2.2.2.2:2 flags=SX", "udp 1.1.1.1:1 -> 2.2.2.2:2 flags=S",
                "tcp 1.1.1.1:1 -> 2.2.2.2:2 color=red", "256 1.1.1.1 -> 2.2.2.2", "tcp 1.1.1.1:1 -> 2.2.2.2:2 ttl",
                "udp 1.1.1.1:1 -> 2.2.2.2:2 dscp=ef tos=1"};
        for (String spec : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PacketSpec.parse(spec), spec);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), spec);
        }
    }

    @Test
    void formatWritesTheNotationBack() {
        String spec = "tcp 172.16.11.5:41234 -> 172.16.27.70:143 flags=SA dscp=46 ttl=9";
        assertEquals(spec, PacketSpec.format(PacketSpec.parse(spec)));
    }
}
