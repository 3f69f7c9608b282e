package dev.perimeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Lists naming object groups decide packets as IOS does: an entry matches when some combination of its
 * groups' members does, first match, the implicit deny, non-initial fragments and {@code established} per
 * combination. The expected answers are worked out by hand, for the reference and the compiled matcher.
 */
class ObjectGroupSemanticsTest {

    static final String GROUPS = """
            object-group network INSIDE
             host 10.1.1.1
             10.1.2.0 255.255.255.0
             range 10.1.3.5 10.1.3.6
            object-group network SERVERS
             host 10.0.0.1
             host 10.0.0.2
            object-group service WEB
             tcp eq www
             tcp eq 443
            object-group service TUNNEL
             gre
             udp eq isakmp
            object-group service PING
             icmp echo
            """;

    static final String LIST = GROUPS + """
            ip access-list extended L
             10 permit tcp object-group INSIDE object-group SERVERS eq 22
             20 permit object-group WEB any object-group SERVERS
             30 deny object-group TUNNEL any any log
             40 permit tcp object-group INSIDE any established
             50 permit object-group PING object-group INSIDE any
             60 deny ip any object-group SERVERS
             70 permit ip any any
            """;

    /** The same list with every group written out by hand, entry by entry: index i of it is entry MAP[i] of L. */
    static final String BY_HAND = """
            ip access-list extended H
             permit tcp host 10.1.1.1 host 10.0.0.1 eq 22
             permit tcp host 10.1.1.1 host 10.0.0.2 eq 22
             permit tcp 10.1.2.0 0.0.0.255 host 10.0.0.1 eq 22
             permit tcp 10.1.2.0 0.0.0.255 host 10.0.0.2 eq 22
             permit tcp host 10.1.3.5 host 10.0.0.1 eq 22
             permit tcp host 10.1.3.5 host 10.0.0.2 eq 22
             permit tcp host 10.1.3.6 host 10.0.0.1 eq 22
             permit tcp host 10.1.3.6 host 10.0.0.2 eq 22
             permit tcp any host 10.0.0.1 eq www
             permit tcp any host 10.0.0.1 eq 443
             permit tcp any host 10.0.0.2 eq www
             permit tcp any host 10.0.0.2 eq 443
             deny gre any any log
             deny udp any any eq isakmp log
             permit tcp host 10.1.1.1 any established
             permit tcp 10.1.2.0 0.0.0.255 any established
             permit tcp host 10.1.3.5 any established
             permit tcp host 10.1.3.6 any established
             permit icmp host 10.1.1.1 any echo
             permit icmp 10.1.2.0 0.0.0.255 any echo
             permit icmp host 10.1.3.5 any echo
             permit icmp host 10.1.3.6 any echo
             deny ip any host 10.0.0.1
             deny ip any host 10.0.0.2
             permit ip any any
            """;
    static final int[] MAP = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6};

    static AccessList list(String config, String name) {
        ParseResult r = ConfigParser.parse("t", config);
        assertEquals(0, r.errors().size(), r.formatErrors());
        return r.config().accessList(name);
    }

    static PacketKey packet(int protocol, String src, int sport, String dst, int dport) {
        PacketKey p = new PacketKey();
        p.protocol = protocol;
        p.source = Ipv4.parse(src);
        p.destination = Ipv4.parse(dst);
        p.sourcePort = sport;
        p.destinationPort = dport;
        p.ttl = 64;
        return p;
    }

    static PacketKey tcp(String src, int sport, String dst, int dport, int flags) {
        PacketKey p = packet(Protocols.TCP, src, sport, dst, dport);
        p.tcpFlags = flags;
        return p;
    }

    static PacketKey icmp(String src, String dst, int type) {
        PacketKey p = packet(Protocols.ICMP, src, 0, dst, 0);
        p.icmpType = type;
        return p;
    }

    static PacketKey fragment(int protocol, String src, String dst) {
        PacketKey p = packet(protocol, src, 0, dst, 0);
        p.fragmentOffset = 185;
        return p;
    }

    @Test
    void handWorkedPacketsOnBothMatchers() {
        AccessList l = list(LIST, "L");
        assertEquals(7, l.size());
        assertEquals(25, l.plainEntries().size());
        for (Matcher m : new Matcher[] {Matchers.reference(l), Matchers.forPipeline(l)}) {
            // 10: each kind of INSIDE member, to each server, on port 22 only
            assertEquals(0, m.match(tcp("10.1.1.1", 1000, "10.0.0.1", 22, TcpFlags.SYN)));
            assertEquals(0, m.match(tcp("10.1.2.77", 1000, "10.0.0.2", 22, TcpFlags.SYN)));
            assertEquals(0, m.match(tcp("10.1.3.5", 1000, "10.0.0.1", 22, TcpFlags.SYN)));
            assertEquals(0, m.match(tcp("10.1.3.6", 1000, "10.0.0.2", 22, TcpFlags.SYN)));
            // just outside the range and the subnet: on to 60, the deny to the servers
            assertEquals(5, m.match(tcp("10.1.3.7", 1000, "10.0.0.1", 22, TcpFlags.SYN)));
            assertEquals(5, m.match(tcp("10.1.3.4", 1000, "10.0.0.1", 22, TcpFlags.SYN)));
            assertEquals(5, m.match(tcp("10.1.1.2", 1000, "10.0.0.1", 22, TcpFlags.SYN)));
            // 20: either web port to either server, from anywhere; another port is denied by 60
            assertEquals(1, m.match(tcp("198.51.100.7", 40000, "10.0.0.2", 443, TcpFlags.SYN)));
            assertEquals(1, m.match(tcp("198.51.100.7", 40000, "10.0.0.1", 80, TcpFlags.SYN)));
            assertEquals(5, m.match(tcp("198.51.100.7", 40000, "10.0.0.1", 8080, TcpFlags.SYN)));
            assertEquals(6, m.match(tcp("198.51.100.7", 40000, "10.0.0.3", 80, TcpFlags.SYN)));
            // 30: gre and isakmp, before the servers' deny
            assertEquals(2, m.match(packet(Protocols.GRE, "198.51.100.7", 0, "10.0.0.1", 0)));
            assertEquals(2, m.match(packet(Protocols.UDP, "198.51.100.7", 500, "10.0.0.1", 500)));
            assertEquals(6, m.match(packet(Protocols.UDP, "198.51.100.7", 500, "8.8.8.8", 4500)));
            // 40: established from inside, per member
            assertEquals(3, m.match(tcp("10.1.2.9", 22, "8.8.8.8", 5000, TcpFlags.ACK)));
            assertEquals(3, m.match(tcp("10.1.3.6", 22, "8.8.8.8", 5000, TcpFlags.RST)));
            assertEquals(6, m.match(tcp("10.1.2.9", 22, "8.8.8.8", 5000, TcpFlags.SYN)));
            // 50: echo from inside only
            assertEquals(4, m.match(icmp("10.1.2.3", "8.8.8.8", 8)));
            assertEquals(6, m.match(icmp("10.1.2.3", "8.8.8.8", 0)));
            assertEquals(5, m.match(icmp("8.8.8.8", "10.0.0.1", 8)));
            assertEquals(6, m.match(icmp("8.8.8.8", "10.1.2.3", 8)));
            // non-initial fragments, per combination: a permit with ports decides on its L3 part (20), a deny
            // with ports does not (30's isakmp), one without ports does (30's gre), established is L4 (40)
            assertEquals(1, m.match(fragment(Protocols.TCP, "198.51.100.7", "10.0.0.1")));
            assertEquals(6, m.match(fragment(Protocols.UDP, "198.51.100.7", "8.8.8.8")));
            assertEquals(5, m.match(fragment(Protocols.UDP, "198.51.100.7", "10.0.0.2")));
            assertEquals(2, m.match(fragment(Protocols.GRE, "198.51.100.7", "8.8.8.8")));
            assertEquals(3, m.match(fragment(Protocols.TCP, "10.1.1.1", "8.8.8.8")));
            assertEquals(4, m.match(fragment(Protocols.ICMP, "10.1.3.5", "8.8.8.8")));
        }
        // the implicit deny: a list without the last entry
        AccessList noLast = list(GROUPS + "ip access-list extended S\n permit object-group WEB any object-group SERVERS\n", "S");
        for (Matcher m : new Matcher[] {Matchers.reference(noLast), Matchers.forPipeline(noLast)}) {
            assertEquals(0, m.match(tcp("198.51.100.7", 40000, "10.0.0.2", 80, TcpFlags.SYN)));
            assertEquals(Matcher.NO_MATCH, m.match(tcp("198.51.100.7", 40000, "10.0.0.2", 81, TcpFlags.SYN)));
            assertEquals(Matcher.NO_MATCH, m.match(tcp("198.51.100.7", 40000, "10.0.0.3", 80, TcpFlags.SYN)));
        }
    }

    @Test
    void theListDecidesAsItsExpansionWrittenByHand() {
        AccessList grouped = list(LIST, "L");
        AccessList byHand = list(BY_HAND, "H");
        assertEquals(byHand.size(), grouped.plainEntries().size());
        Matcher[] g = {Matchers.reference(grouped), Matchers.forPipeline(grouped)};
        Matcher h = Matchers.reference(byHand);
        String[] addresses = {"10.1.1.1", "10.1.1.2", "10.1.2.0", "10.1.2.255", "10.1.3.4", "10.1.3.5", "10.1.3.6",
                "10.1.3.7", "10.0.0.1", "10.0.0.2", "10.0.0.3", "198.51.100.7", "8.8.8.8"};
        int[] protocols = {Protocols.TCP, Protocols.UDP, Protocols.ICMP, Protocols.GRE, Protocols.ESP};
        int[] ports = {22, 80, 443, 500, 4500, 8080};
        SplittableRandom rnd = new SplittableRandom(3);
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            PacketKey p = packet(protocols[rnd.nextInt(protocols.length)], addresses[rnd.nextInt(addresses.length)],
                    ports[rnd.nextInt(ports.length)], addresses[rnd.nextInt(addresses.length)],
                    ports[rnd.nextInt(ports.length)]);
            p.tcpFlags = rnd.nextInt(64);
            p.icmpType = rnd.nextInt(3) == 0 ? 0 : 8;
            if (rnd.nextInt(5) == 0) {
                p.fragmentOffset = 1 + rnd.nextInt(8191);
                p.sourcePort = p.destinationPort = 0;
            }
            int plain = h.match(p);
            int expected = plain == Matcher.NO_MATCH ? plain : MAP[plain];
            for (Matcher m : g) {
                assertEquals(expected, m.match(p), p::toString);
            }
            matched += expected >= 0 && expected < 6 ? 1 : 0;
        }
        assertTrue(matched > 5_000, "the packets reach the group entries: " + matched);
    }
}
