package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessListPrinterTest {

    private static AccessList list(String config, String name) {
        ParseResult r = ConfigParser.parse("t", config);
        assertEquals(List.of(), r.errors());
        return r.config().accessList(name);
    }

    @Test
    void seedListAsIosShowsIt() {
        AccessList l = list("""
                ip access-list extended packet_filter
                 permit tcp any host 172.16.27.66 eq 25
                 deny tcp any any eq 25 log
                 deny tcp any any range 109 110 log
                 deny tcp any any eq 143 log
                 permit ip any any
                """, "packet_filter");
        assertEquals("""
                Extended IP access list packet_filter
                    10 permit tcp any host 172.16.27.66 eq smtp
                    20 deny tcp any any eq smtp log
                    30 deny tcp any any range pop2 pop3 log
                    40 deny tcp any any eq 143 log
                    50 permit ip any any
                """, AccessListPrinter.show(l, null));
        assertEquals("""
                Extended IP access list packet_filter
                    10 permit tcp any host 172.16.27.66 eq smtp (1 match)
                    20 deny tcp any any eq smtp log
                    30 deny tcp any any range pop2 pop3 log (2 matches)
                    40 deny tcp any any eq 143 log
                    50 permit ip any any (12345 matches)
                """, AccessListPrinter.show(l, new long[] {1, 0, 2, 0, 12345}));
        assertEquals("deny tcp any any range pop2 pop3 log", AccessListPrinter.entryText(l, l.entry(2)));
    }

    @Test
    void logCookieIsShownAsATag() {
        AccessList l = list("""
                ip access-list extended EDGE
                 50 deny tcp any any eq 22 log Deny_SSH
                 60 deny ip any any log-input LAST
                access-list 5 deny any log NOISY
                """, "EDGE");
        assertEquals("""
                Extended IP access list EDGE
                    50 deny tcp any any eq 22 log (tag = Deny_SSH)
                    60 deny ip any any log-input (tag = LAST)
                """, AccessListPrinter.show(l, null));
        AccessList std = list("access-list 5 deny any log NOISY\n", "5");
        assertEquals("    10 deny   any log (tag = NOISY)\n", AccessListPrinter.show(std, null).lines().skip(1)
                .findFirst().map(x -> x + "\n").get());
    }

    @Test
    void standardListWithWildcardBits() {
        AccessList l = list("""
                access-list 10 permit 10.1.1.0 0.0.0.255
                access-list 10 permit 192.168.1.1
                access-list 10 deny 172.16.0.0 0.0.255.255 log
                access-list 10 permit any
                """, "10");
        assertEquals("""
                Standard IP access list 10
                    10 permit 10.1.1.0, wildcard bits 0.0.0.255
                    20 permit 192.168.1.1
                    30 deny   172.16.0.0, wildcard bits 0.0.255.255 log
                    40 permit any (3 matches)
                """, AccessListPrinter.show(l, new long[] {0, 0, 0, 3}));
        assertEquals("deny 172.16.0.0, wildcard bits 0.0.255.255 log", AccessListPrinter.entryText(l, l.entry(2)));
    }

    @Test
    void namesForUdpPortsIcmpIgmpAndQos() {
        AccessList l = list("""
                ip access-list extended X
                 permit udp any eq 514 any eq 512 513
                 permit tcp any eq 514 any neq 512 22
                 permit icmp any any 3 3
                 permit icmp any any 3 20
                 permit icmp any any 8
                 permit igmp any any 1
                 permit igmp any any 9
                 permit ip any any dscp 46 ttl lt 2
                 permit ip any any precedence 5 tos 8
                 permit tcp 10.0.10.0 0.255.0.255 any established log-input T1
                 permit tcp any any match-any +syn -ack
                 permit tcp any any fin rst
                 deny ip any any fragments
                """, "X");
        assertEquals("""
                Extended IP access list X
                    10 permit udp any eq syslog any eq biff who
                    20 permit tcp any eq cmd any neq exec 22
                    30 permit icmp any any port-unreachable
                    40 permit icmp any any 3 20
                    50 permit icmp any any echo
                    60 permit igmp any any host-query
                    70 permit igmp any any 9
                    80 permit ip any any dscp ef ttl lt 2
                    90 permit ip any any precedence critical tos min-delay
                    100 permit tcp 10.0.10.0 0.255.0.255 any established log-input (tag = T1)
                    110 permit tcp any any match-any -ack +syn
                    120 permit tcp any any fin rst
                    130 deny ip any any fragments
                """, AccessListPrinter.show(l, null));
    }

    @Test
    void showAllPrintsEveryListWithItsCounts() {
        AccessList a = list("access-list 1 permit any\n", "1");
        AccessList b = list("access-list 101 deny ip any any\n", "101");
        assertEquals("""
                Standard IP access list 1
                    10 permit any (7 matches)
                Extended IP access list 101
                    10 deny ip any any
                """, AccessListPrinter.showAll(List.of(a, b), x -> x == a ? new long[] {7} : null));
    }
}
