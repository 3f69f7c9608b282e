package dev.perimeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import org.junit.jupiter.api.Test;

/** Lists read from text decide packets as IOS does, through the reference matcher. */
class ParsedListSemanticsTest {

    private static Matcher matcher(String config, String name) {
        ParseResult r = ConfigParser.parse("t", config);
        assertEquals(0, r.errors().size(), r.formatErrors());
        AccessList list = r.config().accessList(name);
        return Matchers.reference(list);
    }

    /** The same list as the pipelines run it. */
    private static Matcher compiled(String config, String name) {
        return Matchers.forPipeline(ConfigParser.parse("t", config).config().accessList(name));
    }

    private static PacketKey tcp(String src, int sport, String dst, int dport, int flags) {
        PacketKey p = new PacketKey();
        p.protocol = 6;
        p.source = Ipv4.parse(src);
        p.destination = Ipv4.parse(dst);
        p.sourcePort = sport;
        p.destinationPort = dport;
        p.tcpFlags = flags;
        p.ttl = 64;
        return p;
    }

    @Test
    void seedListFirstMatchAndFragments() {
        Matcher m = matcher("""
                ip access-list extended packet_filter
                 permit tcp any host 172.16.27.66 eq smtp
                 deny tcp any any eq smtp log
                 deny tcp any any range pop2 pop3 log
                 deny tcp any any eq 143 log
                 permit ip any any
                """, "packet_filter");
        assertEquals(0, m.match(tcp("198.51.100.7", 41234, "172.16.27.66", 25, TcpFlags.SYN)));
        assertEquals(1, m.match(tcp("198.51.100.7", 41234, "172.16.27.70", 25, TcpFlags.SYN)));
        assertEquals(2, m.match(tcp("198.51.100.7", 41234, "172.16.27.70", 110, TcpFlags.SYN)));
        assertEquals(3, m.match(tcp("198.51.100.7", 41234, "172.16.27.70", 143, TcpFlags.SYN)));
        assertEquals(4, m.match(tcp("198.51.100.7", 41234, "172.16.27.70", 80, TcpFlags.SYN)));
        // a non-initial fragment: the L4 denies do not deny, the permit of the L3 part of entry 10 permits
        PacketKey frag = tcp("198.51.100.7", 0, "172.16.27.70", 0, 0);
        frag.fragmentOffset = 185;
        assertEquals(4, m.match(frag));
        PacketKey toServer = tcp("198.51.100.7", 0, "172.16.27.66", 0, 0);
        toServer.fragmentOffset = 185;
        assertEquals(0, m.match(toServer));
    }

    @Test
    void ipOptionEntriesMatchHeadersCarryingTheOption() {
        String config = """
                ip access-list extended IPOPTION
                 deny   ip any any option timestamp
                 deny   ip any any option lsr
                 permit udp any any option any-options
                 permit tcp any any
                """;
        PacketKey plain = tcp("10.0.0.1", 1000, "10.0.0.2", 22, TcpFlags.SYN);
        PacketKey stamped = tcp("10.0.0.1", 1000, "10.0.0.2", 22, TcpFlags.SYN);
        stamped.addIpOption(68);
        PacketKey routed = tcp("10.0.0.1", 1000, "10.0.0.2", 22, TcpFlags.SYN);
        routed.addIpOption(1);
        routed.addIpOption(131);
        PacketKey recorded = tcp("10.0.0.1", 1000, "10.0.0.2", 22, TcpFlags.SYN);
        recorded.addIpOption(7);
        recorded.protocol = 17;
        for (Matcher m : new Matcher[] {matcher(config, "IPOPTION"), compiled(config, "IPOPTION")}) {
            assertEquals(3, m.match(plain));
            assertEquals(0, m.match(stamped));
            assertEquals(1, m.match(routed));
            assertEquals(2, m.match(recorded), "any-options: some option, whichever");
            recorded.clearIpOptions();
            assertEquals(-1, m.match(recorded));
            recorded.addIpOption(7);
        }
    }

    @Test
    void implicitDenyAndFragmentsKeyword() {
        Matcher m = matcher("ip access-list extended F\n deny ip any any fragments\n permit tcp any any eq www\n", "F");
        PacketKey web = tcp("1.1.1.1", 1000, "2.2.2.2", 80, TcpFlags.ACK);
        assertEquals(1, m.match(web), "fragments entries skip unfragmented packets");
        web.fragmentOffset = 10;
        web.destinationPort = 0;
        assertEquals(0, m.match(web));
        assertEquals(Matcher.NO_MATCH, m.match(tcp("1.1.1.1", 1000, "2.2.2.2", 81, TcpFlags.ACK)));
    }

    @Test
    void tcpFlagKeywords() {
        Matcher m = matcher("""
                access-list 101 permit tcp any any established
                access-list 101 deny tcp any any syn fin
                access-list 101 permit tcp any any match-all +urg -psh
                """, "101");
        assertEquals(0, m.match(tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlags.RST)));
        assertEquals(0, m.match(tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlags.ACK | TcpFlags.SYN)));
        assertEquals(1, m.match(tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlags.SYN)), "syn fin: any of them set");
        assertEquals(1, m.match(tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlags.FIN)));
        assertEquals(2, m.match(tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlags.URG)));
        assertEquals(Matcher.NO_MATCH, m.match(tcp("1.1.1.1", 1, "2.2.2.2", 2, TcpFlags.URG | TcpFlags.PSH)));
    }

    @Test
    void standardListComparesTheSourceOnly() {
        Matcher m = matcher("access-list 5 deny 10.0.10.0 0.255.0.255\naccess-list 5 permit any\n", "5");
        assertEquals(0, m.match(tcp("10.77.10.3", 1, "2.2.2.2", 2, 0)));
        assertEquals(1, m.match(tcp("10.77.11.3", 1, "2.2.2.2", 2, 0)));
    }

    @Test
    void icmpNamesAndDscp() {
        Matcher m = matcher("ip access-list extended I\n permit icmp any any port-unreachable\n"
                + " permit icmp any any echo\n permit udp any any eq snmp dscp ef\n", "I");
        PacketKey unreachable = new PacketKey();
        unreachable.protocol = 1;
        unreachable.icmpType = 3;
        unreachable.icmpCode = 3;
        assertEquals(0, m.match(unreachable));
        unreachable.icmpCode = 1;
        assertEquals(Matcher.NO_MATCH, m.match(unreachable));
        PacketKey echo = new PacketKey();
        echo.protocol = 1;
        echo.icmpType = 8;
        echo.icmpCode = 5;
        assertEquals(1, m.match(echo), "a name without a code matches every code");
        PacketKey snmp = new PacketKey();
        snmp.protocol = 17;
        snmp.destinationPort = 161;
        snmp.tos = 46 << 2;
        assertEquals(2, m.match(snmp));
        snmp.tos = 0;
        assertEquals(Matcher.NO_MATCH, m.match(snmp));
    }
}
