package dev.perimeter.config;

import static dev.perimeter.config.ParsedConfigs.error;
import static dev.perimeter.config.ParsedConfigs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.IpOptionNames;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.acl.TcpFlagsMatch;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

    /** The one entry of an extended list holding this line. */
    static AccessListEntry extended(String entry) {
        ParseResult r = parse("ip access-list extended T\n " + entry + "\n");
        assertTrue(r.isValid(), () -> r.formatErrors());
        AccessList list = r.config().accessList("T");
        assertEquals(1, list.size());
        return list.entry(0);
    }

    static AccessListEntry standard(String entry) {
        ParseResult r = parse("ip access-list standard S\n " + entry + "\n");
        assertTrue(r.isValid(), () -> r.formatErrors());
        return r.config().accessList("S").entry(0);
    }

    static int ip(String a) {
        return Ipv4.parse(a);
    }

    @Test
    void seedExampleParsesToFiveEntriesBoundOut() {
        ParseResult r = parse("""
                !named ACL Packet Filter
                ip access-list extended packet_filter
                !Allow Mail (TCP 25) to the mail server
                 permit tcp any host 172.16.27.66 eq 25
                !Block Mail to all others (TCP 25)
                 deny tcp any any eq 25 log
                 deny tcp any any range 109 110 log
                 deny tcp any any eq 143 log
                 permit ip any any
                !
                interface eth2/0
                 ip access-group packet_filter out
                """);
        assertTrue(r.isValid(), r.formatErrors());
        AccessList list = r.config().accessList("packet_filter");
        assertEquals(AccessList.Kind.EXTENDED, list.kind());
        assertEquals(List.of(10, 20, 30, 40, 50), list.entries().stream().map(AccessListEntry::sequence).toList());
        AccessListEntry first = list.entry(0);
        assertEquals(Action.PERMIT, first.action());
        assertEquals(Protocols.TCP, first.protocol());
        assertEquals(AddressMatch.ANY, first.source());
        assertEquals(AddressMatch.host(ip("172.16.27.66")), first.destination());
        assertEquals(NumberMatch.port(Operator.EQ, 25), first.destinationPort());
        assertEquals(NumberMatch.port(Operator.RANGE, 109, 110), list.entry(2).destinationPort());
        assertEquals(LogOption.LOG, list.entry(1).log());
        assertEquals(Protocols.ANY, list.entry(4).protocol());
        assertEquals("packet_filter", r.config().interfaces().get("eth2/0").outList());
        assertNull(r.config().interfaces().get("eth2/0").inList());
        assertEquals(0, r.warnings().size());
    }

    // ---- protocols and addresses ----

    @Test
    void everyProtocolKeywordAndNumbers() {
        String[] names = {"ip", "tcp", "udp", "icmp", "igmp", "gre", "esp", "ahp", "eigrp", "ospf", "pim", "nos",
                "ipinip", "pcp"};
        int[] numbers = {Protocols.ANY, 6, 17, 1, 2, 47, 50, 51, 88, 89, 103, 94, 4, 108};
        for (int i = 0; i < names.length; i++) {
            assertEquals(numbers[i], extended("permit " + names[i] + " any any").protocol(), names[i]);
        }
        assertEquals(47, extended("permit 47 any any").protocol());
        assertEquals(255, extended("permit 255 any any").protocol());
        assertEquals(Protocols.ANY, extended("permit 0 any any").protocol(), "IOS shows protocol 0 as ip");
        assertEquals(ParseError.INVALID, error("ip access-list extended T\n permit 256 any any").message());
    }

    @Test
    void addressForms() {
        AccessListEntry e = extended("deny ip host 10.1.1.1 10.0.10.7 0.255.0.255");
        assertEquals(AddressMatch.host(ip("10.1.1.1")), e.source());
        // wildcard bits are cleared from the address, as IOS stores it
        assertEquals(new AddressMatch(ip("10.0.10.0"), ip("0.255.0.255")), e.destination());
        assertEquals(ip("10.0.10.0"), e.destination().address());
        assertEquals(AddressMatch.ANY, extended("permit ip any 0.0.0.0 255.255.255.255").destination());
    }

    @Test
    void standardEntries() {
        assertEquals(AddressMatch.host(ip("10.1.1.1")), standard("permit 10.1.1.1").source(),
                "no wildcard means host");
        assertEquals(new AddressMatch(ip("10.1.1.0"), 255), standard("permit 10.1.1.77 0.0.0.255").source());
        assertEquals(AddressMatch.host(ip("10.9.9.9")), standard("deny host 10.9.9.9").source());
        assertEquals(AddressMatch.ANY, standard("permit any").source());
        AccessListEntry logged = standard("deny 10.0.0.0 0.255.255.255 log NETS");
        assertEquals(LogOption.LOG, logged.log());
        assertEquals("NETS", logged.logTag());
        assertEquals(Action.DENY, logged.action());
        assertEquals(Protocols.ANY, logged.protocol());
    }

    // ---- ports ----

    @Test
    void portOperatorsNumbersAndNames() {
        assertEquals(NumberMatch.port(Operator.EQ, 80), extended("permit tcp any any eq www").destinationPort());
        assertEquals(NumberMatch.port(Operator.NEQ, 23), extended("permit tcp any any neq telnet").destinationPort());
        assertEquals(NumberMatch.port(Operator.LT, 1024), extended("permit udp any any lt 1024").destinationPort());
        assertEquals(NumberMatch.port(Operator.GT, 1023), extended("permit udp any gt 1023 any").sourcePort());
        assertEquals(NumberMatch.port(Operator.RANGE, 20, 21),
                extended("permit tcp any any range ftp-data ftp").destinationPort());
        assertEquals(NumberMatch.port(Operator.EQ, 80, 443, 8080),
                extended("permit tcp any any eq www 443 8080").destinationPort());
        assertEquals(NumberMatch.port(Operator.NEQ, 53, 123),
                extended("permit udp any neq domain ntp host 1.1.1.1").sourcePort());
    }

    @Test
    void tcpAndUdpNameTablesDifferAt512To514() {
        assertEquals(512, extended("permit tcp any any eq exec").destinationPort().value(0));
        assertEquals(513, extended("permit tcp any any eq login").destinationPort().value(0));
        assertEquals(514, extended("permit tcp any any eq cmd").destinationPort().value(0));
        assertEquals(512, extended("permit udp any any eq biff").destinationPort().value(0));
        assertEquals(513, extended("permit udp any any eq who").destinationPort().value(0));
        assertEquals(514, extended("permit udp any any eq syslog").destinationPort().value(0));
        // a tcp name is no udp name and the other way round
        assertEquals(ParseError.INVALID, error("access-list 101 permit udp any any eq cmd").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit tcp any any eq syslog").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit tcp any any eq snmp").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit udp any any eq www").message());
    }

    @Test
    void hostAfterSourcePortIsTheDestinationNotThePortHostname() {
        AccessListEntry e = extended("permit tcp any eq 80 host 10.0.0.1");
        assertEquals(NumberMatch.port(Operator.EQ, 80), e.sourcePort());
        assertEquals(AddressMatch.host(ip("10.0.0.1")), e.destination());
    }

    @Test
    void portOperatorAfterOtherProtocolsIsInvalidAtTheOperator() {
        ConfigDiagnostic d = error("access-list 101 permit ip any eq 80 any");
        assertEquals(ParseError.INVALID, d.message());
        assertEquals("access-list 101 permit ip any ".length(), d.column());
        ConfigDiagnostic icmp = error("access-list 101 permit icmp any any eq 80");
        assertEquals("access-list 101 permit icmp any any ".length(), icmp.column());
        ConfigDiagnostic gre = error("access-list 101 permit gre any any lt 5");
        assertEquals("access-list 101 permit gre any any ".length(), gre.column());
    }

    @Test
    void portValuesOutOfRangeAndBackwardRanges() {
        assertEquals(ParseError.INVALID, error("access-list 101 permit tcp any any eq 65536").message());
        ConfigDiagnostic d = error("access-list 101 permit tcp any any range 110 109");
        assertEquals("access-list 101 permit tcp any any range 110 ".length(), d.column());
    }

    // ---- icmp / igmp ----

    @Test
    void icmpTypesCodesAndNames() {
        AccessListEntry echo = extended("permit icmp any any echo");
        assertEquals(8, echo.icmpType());
        assertEquals(AccessListEntry.UNSET, echo.icmpCode());
        AccessListEntry reply = extended("permit icmp any any echo-reply");
        assertEquals(0, reply.icmpType());
        AccessListEntry pu = extended("permit icmp any any port-unreachable");
        assertEquals(3, pu.icmpType());
        assertEquals(3, pu.icmpCode());
        assertEquals(11, extended("permit icmp any any ttl-exceeded").icmpType());
        assertEquals(0, extended("permit icmp any any ttl-exceeded").icmpCode());
        assertEquals(11, extended("permit icmp any any time-exceeded").icmpType());
        assertEquals(AccessListEntry.UNSET, extended("permit icmp any any time-exceeded").icmpCode());
        assertEquals(4, extended("permit icmp any any packet-too-big").icmpCode());
        assertEquals(13, extended("permit icmp any any administratively-prohibited").icmpCode());
        assertEquals(3, extended("permit icmp any any unreachable").icmpType());
        AccessListEntry numeric = extended("deny icmp any any 3 4 log");
        assertEquals(3, numeric.icmpType());
        assertEquals(4, numeric.icmpCode());
        assertEquals(LogOption.LOG, numeric.log());
        assertEquals(5, extended("permit icmp any any 5").icmpType());
    }

    @Test
    void igmpTypes() {
        assertEquals(0x11, extended("permit igmp any any host-query").igmpType());
        assertEquals(0x16, extended("permit igmp any any v2-report").igmpType());
        assertEquals(0x17, extended("permit igmp any any v2-leave").igmpType());
        assertEquals(0x22, extended("permit igmp any any v3-report").igmpType());
        assertEquals(0x14, extended("permit igmp any any pim").igmpType());
        assertEquals(0x12, extended("permit igmp any any 2").igmpType(), "numbers 0-15 are the low nibble");
        assertEquals(ParseError.INVALID, error("access-list 101 permit igmp any any 16").message());
    }

    // ---- tcp flags, fragments, qos, ttl, log ----

    @Test
    void tcpFlagForms() {
        assertEquals(TcpFlagsMatch.ESTABLISHED, extended("permit tcp any any established").tcpFlags());
        assertEquals(TcpFlagsMatch.legacy(TcpFlags.SYN | TcpFlags.ACK), extended("permit tcp any any syn ack").tcpFlags());
        for (String f : TcpFlags.NAMES) {
            assertEquals(TcpFlagsMatch.legacy(TcpFlags.bit(f)), extended("deny tcp any any " + f).tcpFlags(), f);
        }
        assertEquals(TcpFlagsMatch.matchAll(TcpFlags.SYN, TcpFlags.ACK),
                extended("permit tcp any any match-all +syn -ack").tcpFlags());
        assertEquals(TcpFlagsMatch.matchAny(TcpFlags.FIN | TcpFlags.RST, 0),
                extended("permit tcp any any match-any +fin +rst").tcpFlags());
        assertEquals(ParseError.INCOMPLETE, error("access-list 101 permit tcp any any match-all").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit tcp any any match-all syn").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit tcp any any match-all +syn -syn").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit udp any any established").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit ip any any syn").message());
    }

    @Test
    void fragmentsAndItsConflictWithL4Conditions() {
        assertTrue(extended("permit ip any any fragments").fragments());
        assertTrue(extended("deny tcp any host 10.0.0.1 fragments").fragments());
        String[] bad = {"permit tcp any any eq 80 fragments", "permit tcp any any established fragments",
                "permit icmp any any echo fragments", "permit tcp any any fragments syn",
                "permit tcp any eq 80 any fragments"};
        for (String line : bad) {
            ConfigDiagnostic d = error("ip access-list extended T\n " + line);
            assertEquals(ParseError.INVALID, d.message(), line);
        }
        ConfigDiagnostic d = error("ip access-list extended T\n permit tcp any any eq 80 fragments");
        assertEquals(" permit tcp any any eq 80 ".length(), d.column());
    }

    @Test
    void dscpPrecedenceTosAndTtl() {
        assertEquals(46, extended("permit ip any any dscp ef").dscp());
        assertEquals(10, extended("permit ip any any dscp af11").dscp());
        assertEquals(38, extended("permit ip any any dscp af43").dscp());
        assertEquals(56, extended("permit ip any any dscp cs7").dscp());
        assertEquals(0, extended("permit ip any any dscp default").dscp());
        assertEquals(12, extended("permit ip any any dscp 12").dscp());
        assertEquals(5, extended("permit ip any any precedence critical").precedence());
        assertEquals(7, extended("permit ip any any precedence 7").precedence());
        assertEquals(8, extended("permit ip any any tos min-delay").tos());
        assertEquals(3, extended("permit ip any any tos 3").tos());
        assertEquals(NumberMatch.ttl(Operator.LT, 5), extended("permit ip any any ttl lt 5").ttl());
        assertEquals(NumberMatch.ttl(Operator.RANGE, 1, 3), extended("permit ip any any ttl range 1 3").ttl());
        assertEquals(ParseError.INVALID, error("access-list 101 permit ip any any dscp 64").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit ip any any dscp ef precedence 5").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit ip any any ttl eq 256").message());
        assertEquals(ParseError.INVALID, error("access-list 101 permit ip any any ttl eq 5 ttl eq 6").message());
    }

    @Test
    void ipOptionsByNameOrNumber() {
        assertEquals(68, extended("deny ip any any option timestamp").ipOption());
        assertEquals(131, extended("deny ip any any option lsr log").ipOption());
        assertEquals(148, extended("permit igmp any any option router-alert").ipOption());
        assertEquals(7, extended("deny ip any any option 7").ipOption());
        assertEquals(7, extended("deny ip any any opt record-r").ipOption());
        assertEquals(IpOptionNames.ANY_OPTIONS, extended("deny ip any any option any-options").ipOption());
        AccessListEntry fragment = extended("deny ip any any option 44 fragments");
        assertEquals(44, fragment.ipOption());
        assertTrue(fragment.fragments(), "an option is an IP header condition: fragments may go with it");
        assertEquals(AccessListEntry.UNSET, extended("permit ip any any").ipOption());
        assertEquals(ParseError.INVALID, error("ip access-list extended T\n deny ip any any option 256\n").message());
        assertEquals(ParseError.INVALID, error("ip access-list extended T\n deny ip any any option bogus\n").message());
        assertEquals(ParseError.INVALID,
                error("ip access-list extended T\n deny ip any any option lsr option ssr\n").message());
        assertEquals("% Incomplete command.", error("ip access-list extended T\n deny ip any any option\n").message());
    }

    @Test
    void logAndLogInputWithTags() {
        AccessListEntry e = extended("deny tcp any any eq 25 log-input MAIL");
        assertEquals(LogOption.LOG_INPUT, e.log());
        assertEquals("MAIL", e.logTag());
        AccessListEntry plain = extended("deny tcp any any eq 25 log");
        assertEquals(LogOption.LOG, plain.log());
        assertNull(plain.logTag());
        // a following option is not a tag
        AccessListEntry then = extended("permit ip any any log dscp ef");
        assertNull(then.logTag());
        assertEquals(46, then.dscp());
    }

    @Test
    void keywordsAbbreviatedToUniquePrefixes() {
        ParseResult r = parse("access-l 101 perm tcp any any eq www\n"
                + "acc 101 de udp a h 1.2.3.4 eq dom log\n"
                + "ip access-list ext X\n perm icmp an an port-unr\n den tcp any any est\n");
        assertTrue(r.isValid(), r.formatErrors());
        AccessList l101 = r.config().accessList("101");
        assertEquals(80, l101.entry(0).destinationPort().value(0));
        AccessListEntry second = l101.entry(1);
        assertEquals(Action.DENY, second.action());
        assertEquals(Protocols.UDP, second.protocol());
        assertEquals(AddressMatch.host(ip("1.2.3.4")), second.destination());
        assertEquals(53, second.destinationPort().value(0));
        assertEquals(LogOption.LOG, second.log());
        AccessList x = r.config().accessList("X");
        assertEquals(3, x.entry(0).icmpCode());
        assertTrue(x.entry(1).tcpFlags().established());
    }

    @Test
    void ambiguousAbbreviationIsAnError() {
        ConfigDiagnostic d = error("ip access-list extended T\n permit tcp any any eq d");
        assertTrue(d.message().startsWith("% Ambiguous command"), d.message());
        assertEquals(" permit tcp any any eq ".length(), d.column());
        assertTrue(error("access-list 101 d ip any any").message().startsWith("% Ambiguous"), "deny or dynamic");
        assertTrue(error("access-list 101 deny ip any any lo").message().startsWith("% Ambiguous"), "log or log-input");
        ConfigDiagnostic log = error("ip access-list log 5");
        assertTrue(log.message().startsWith("% Ambiguous command"), log.message());
    }

    // ---- numbered lists ----

    @Test
    void numberedListsByRange() {
        ParseResult r = parse("access-list 1 permit any\naccess-list 99 permit any\naccess-list 1300 permit any\n"
                + "access-list 1999 permit any\naccess-list 100 permit ip any any\naccess-list 199 permit ip any any\n"
                + "access-list 2000 permit ip any any\naccess-list 2699 permit ip any any\n");
        assertTrue(r.isValid(), r.formatErrors());
        for (String n : List.of("1", "99", "1300", "1999")) {
            assertEquals(AccessList.Kind.STANDARD, r.config().accessList(n).kind(), n);
        }
        for (String n : List.of("100", "199", "2000", "2699")) {
            assertEquals(AccessList.Kind.EXTENDED, r.config().accessList(n).kind(), n);
        }
        // a standard list takes no protocol
        assertEquals(ParseError.INVALID, error("access-list 10 permit tcp any any").message());
        assertEquals(ParseError.INVALID, error("access-list 2700 permit ip any any").message());
    }

    @Test
    void numberedListsOfOtherFamiliesAreSkipped() {
        ParseResult r = parse("access-list 700 permit 0000.0c00.0000 0000.00ff.ffff\naccess-list compiled\n");
        assertTrue(r.isValid(), r.formatErrors());
        assertEquals(2, r.warnings().size());
        assertTrue(r.config().accessLists().isEmpty());
    }

    @Test
    void numberedRemarksAndNoAccessList() {
        ParseResult r = parse("access-list 101 remark web servers\naccess-list 101 permit tcp any any eq 80\n"
                + "access-list 102 permit ip any any\nno access-list 102\n");
        assertTrue(r.isValid(), r.formatErrors());
        assertEquals("web servers", r.config().accessList("101").remarks().get(0).text());
        assertNull(r.config().accessList("102"));
        // IOS removes the whole numbered list whatever follows the number
        ParseResult all = parse("access-list 101 permit ip any any\naccess-list 101 deny tcp any any\n"
                + "no access-list 101 deny tcp any any\n");
        assertNull(all.config().accessList("101"));
    }

    @Test
    void numberedListsEditedInNamedMode() {
        ParseResult r = parse("access-list 150 permit tcp any any eq 80\naccess-list 150 permit tcp any any eq 443\n"
                + "ip access-list extended 150\n 15 deny tcp any any eq 81\n no 20\n");
        assertTrue(r.isValid(), r.formatErrors());
        AccessList l = r.config().accessList("150");
        assertEquals(List.of(10, 15), l.entries().stream().map(AccessListEntry::sequence).toList());
        assertEquals(81, l.entry(1).destinationPort().value(0));
        assertEquals("% Invalid access list name.", error("ip access-list standard 150").message());
        assertEquals("% Invalid access list name.", error("ip access-list extended 50").message());
    }

    // ---- sequence numbers and edits ----

    @Test
    void sequenceNumbersAppendInsertDeleteResequence() {
        ParseResult r = parse("""
                ip access-list extended E
                 permit tcp any any eq 1
                 permit tcp any any eq 2
                 15 permit tcp any any eq 3
                 5 permit tcp any any eq 4
                 permit tcp any any eq 5
                 no 10
                 no permit tcp any any eq 5
                 remark after fifteen
                ip access-list resequence E 100 7
                """);
        assertTrue(r.isValid(), r.formatErrors());
        AccessList e = r.config().accessList("E");
        assertEquals(List.of(100, 107, 114), e.entries().stream().map(AccessListEntry::sequence).toList());
        assertEquals(List.of(4, 3, 2), e.entries().stream().map(x -> x.destinationPort().value(0)).toList());
        assertEquals(114, e.remarks().get(0).afterSequence());
    }

    @Test
    void duplicateSequenceNumberIsRefused() {
        ConfigDiagnostic d = error("ip access-list extended E\n 10 permit ip any any\n 10 deny ip any any\n");
        assertEquals("% Duplicate sequence number", d.message());
        assertEquals(3, d.lineNumber());
    }

    @Test
    void standardEntryCoveredByAnEarlierOneIsRefused() {
        ConfigDiagnostic d = error("""
                ip access-list standard S
                 permit 10.1.0.0 0.0.255.255
                 deny host 10.1.2.3
                """);
        assertEquals("% Access rule can't be configured at higher sequence num as it is part of the existing rule"
                + " at sequence num 10", d.message());
        assertEquals(3, d.lineNumber());
        assertEquals(-1, d.column());
        // not covered: a different network, or inserted before the covering entry
        ParseResult ok = parse("ip access-list standard S\n permit 10.1.0.0 0.0.255.255\n deny host 10.2.0.1\n"
                + " 5 deny host 10.1.2.3\n");
        assertTrue(ok.isValid(), ok.formatErrors());
        ConfigDiagnostic any = error("access-list 5 permit any\naccess-list 5 deny 10.0.0.0 0.255.255.255\n");
        assertTrue(any.message().endsWith("sequence num 10"), any.message());
        // non-contiguous wildcards: 10.0.10.0 0.255.0.255 covers 10.7.10.9
        ConfigDiagnostic odd = error("access-list 6 permit 10.0.10.0 0.255.0.255\naccess-list 6 deny host 10.7.10.9\n");
        assertTrue(odd.message().startsWith("% Access rule can't"), odd.message());
        // and after a delete the rule looks at what is left
        ParseResult afterDelete = parse("ip access-list standard S\n permit 10.1.0.0 0.0.255.255\n no 10\n"
                + " deny host 10.1.2.3\n");
        assertTrue(afterDelete.isValid(), afterDelete.formatErrors());
    }

    @Test
    void identicalExtendedEntryIsRefused() {
        ConfigDiagnostic d = error("access-list 101 permit ip any any\naccess-list 101 permit ip any any\n");
        assertTrue(d.message().endsWith("sequence num 10"), d.message());
    }

    @Test
    void listKindsCannotBeMixed() {
        ConfigDiagnostic d = error("ip access-list standard A\n permit any\nip access-list extended A\n");
        assertTrue(d.message().contains("standard"), d.message());
    }

    @Test
    void noIpAccessListDeletesAndRecreates() {
        ParseResult r = parse("ip access-list extended A\n permit ip any any\nno ip access-list extended A\n"
                + "ip access-list extended A\n deny ip any any\n");
        assertTrue(r.isValid(), r.formatErrors());
        AccessList a = r.config().accessList("A");
        assertEquals(1, a.size());
        assertEquals(Action.DENY, a.entry(0).action());
    }

    // ---- errors ----

    @Test
    void invalidInputFormatPointsAtTheBadToken() {
        ConfigDiagnostic d = error("ip access-list extended T\n permit tcp any hots 1.2.3.4\n");
        assertEquals(2, d.lineNumber());
        assertEquals(" permit tcp any ".length(), d.column());
        assertEquals("test.cfg:2:\n permit tcp any hots 1.2.3.4\n                ^\n"
                + "% Invalid input detected at '^' marker.", d.format());
    }

    @Test
    void incompleteCommand() {
        ConfigDiagnostic d = error("access-list 101 permit tcp any any eq\n");
        assertEquals("% Incomplete command.", d.message());
        assertEquals("test.cfg:1:\naccess-list 101 permit tcp any any eq\n% Incomplete command.", d.format());
        assertEquals("% Incomplete command.", error("access-list 101 permit tcp any\n").message());
        assertEquals("% Incomplete command.", error("access-list 101 permit\n").message());
        assertEquals("% Incomplete command.", error("access-list 101 permit ip any 10.0.0.0\n").message());
    }

    @Test
    void everyErrorOfTheFileIsReportedAndGoodLinesStillCount() {
        ParseResult r = parse("""
                ip access-list extended T
                 permit tcp any any eq 99999
                 permit tcp any any eq 80
                 junk line
                 deny udp any any eq 53 bogus
                 permit ip any any
                interface eth0
                 ip access-group T in
                """);
        assertEquals(List.of(2, 4, 5), r.errors().stream().map(ConfigDiagnostic::lineNumber).toList());
        assertEquals(List.of(10, 20), r.config().accessList("T").entries().stream()
                .map(AccessListEntry::sequence).toList());
        assertEquals("T", r.config().interfaces().get("eth0").inList());
        assertFalse(r.isValid());
    }

    @Test
    void tabsKeepTheCaretUnderTheToken() {
        ConfigDiagnostic d = error("ip access-list extended T\n\tpermit tcp any any eq bad\n");
        String[] lines = d.format().split("\n");
        assertEquals(lines[1].indexOf("bad"), lines[2].indexOf('^'));
    }

    // ---- real configurations ----

    @Test
    void otherCommandsOfARealConfigAreSkippedWithWarnings() {
        ParseResult r = parse("""
                version 15.2
                service password-encryption
                hostname edge1
                !
                interface GigabitEthernet0/0
                 description uplink
                 ip address 192.0.2.1 255.255.255.0
                 ip access-group 101 in
                 duplex auto
                 no shutdown
                !
                interface GigabitEthernet 0/1
                 ip address 10.0.0.1 255.255.255.0
                 ip access-group inside_out out
                !
                router ospf 1
                 network 10.0.0.0 0.255.255.255 area 0
                 passive-interface default
                !
                ip route 0.0.0.0 0.0.0.0 192.0.2.254
                ipv6 access-list V6
                 permit ipv6 any any
                ip access-list extended inside_out
                 permit tcp any any established
                 deny ip any any log
                access-list 101 permit udp any any eq snmp
                line vty 0 4
                 transport input ssh
                end
                """);
        assertTrue(r.isValid(), r.formatErrors());
        assertEquals(2, r.config().accessLists().size());
        assertEquals("101", r.config().interfaces().get("GigabitEthernet0/0").inList());
        assertEquals("inside_out", r.config().interfaces().get("GigabitEthernet0/1").outList());
        List<Integer> warned = r.warnings().stream().map(ConfigDiagnostic::lineNumber).collect(Collectors.toList());
        assertEquals(List.of(1, 2, 3, 16, 17, 18, 20, 21, 22, 27, 28), warned);
        assertTrue(r.skippedLines() >= warned.size());
    }

    @Test
    void bannerAndMacroTextIsNeverReadAsCommands() {
        ParseResult r = parse("""
                interface Gi0/0
                 ip access-group EDGE in
                banner login ^C
                Authorised access only.
                access-list 1 deny any
                interface Gi0/0
                 ip access-group 1 in
                ^C
                banner motd #one line: access-list 2 permit any#
                banner exec
                %
                access-list 3 permit any
                %
                macro name PORT
                switchport mode access
                ip access-group 4 in
                @
                ip access-list extended EDGE
                 permit tcp any any eq 22
                """);
        assertTrue(r.isValid(), r.formatErrors());
        assertEquals(List.of("EDGE"), List.copyOf(r.config().accessLists().keySet()));
        assertEquals("EDGE", r.config().interfaces().get("Gi0/0").inList());
        assertEquals(List.of(3, 9, 10, 14), r.warnings().stream().map(ConfigDiagnostic::lineNumber).toList());
        assertEquals(15, r.skippedLines());
    }

    @Test
    void interfaceCommandsWrittenWithoutIndentationKeepTheInterfaceOpen() {
        ParseResult r = parse("""
                interface FastEthernet0
                ip address 192.0.2.16 255.255.255.224
                no ip redirects
                speed auto
                ip nat outside
                ipv6 address 2001:db8::1/64
                ipv6 dhcp server LAN
                crypto map VPN
                ip access-group 102 in
                full-duplex
                !
                interface Vlan1
                ip addr 192.168.2.1 255.255.255.0
                ip inspect FW out
                ip access-group 1 out
                ip route 0.0.0.0 0.0.0.0 192.0.2.1
                ip nat inside source list 1 interface FastEthernet0 overload
                access-list 1 permit 192.168.2.0 0.0.0.255
                access-list 102 permit tcp any host 192.0.2.16 eq 80
                """);
        assertTrue(r.isValid(), r.formatErrors());
        assertEquals("102", r.config().interfaces().get("FastEthernet0").inList());
        assertEquals("1", r.config().interfaces().get("Vlan1").outList());
        assertEquals(List.of(14, 16, 17), r.warnings().stream().map(ConfigDiagnostic::lineNumber).toList());
        // once a global command has closed the interface, the router refuses an interface command
        ConfigDiagnostic e = error("interface e0\nip route 0.0.0.0 0.0.0.0 192.0.2.1\nip access-group 1 in\n");
        assertEquals(3, e.lineNumber());
        assertEquals(3, error("interface e0\nipv6 unicast-routing\nip access-group 1 in\n").lineNumber());
        assertEquals(ParseError.INVALID, e.message());
        assertEquals(3, e.column());
    }

    @Test
    void statefulFirewallOnAnInterfaceIsWarnedAbout() {
        ParseResult r = parse("""
                ip inspect name FW telnet
                interface Fa1/0
                 ip access-group 100 in
                 ip inspect FW out
                 no ip inspect
                interface Fa0/0
                 zone-member security LAN
                 ipv6 traffic-filter V6 in
                access-list 100 deny ip any any
                """);
        assertTrue(r.isValid(), r.formatErrors());
        List<ConfigDiagnostic> w = r.warnings();
        assertEquals(List.of(1, 4, 7, 8), w.stream().map(ConfigDiagnostic::lineNumber).toList());
        assertTrue(w.get(1).message().startsWith("ip inspect (CBAC) is not applied"), w.get(1).message());
        assertTrue(w.get(1).message().contains("Fa1/0"), w.get(1).message());
        assertTrue(w.get(2).message().startsWith("zone-member security (zone-based firewall) is not applied"));
        assertTrue(w.get(3).message().startsWith("ipv6 traffic-filter is not applied: IPv6 frames cross Fa0/0"),
                w.get(3).message());
    }

    @Test
    void garbageInsideAnAccessListBlockIsAnErrorButAnUnindentedGlobalLineLeavesIt() {
        ParseResult r = parse("ip access-list extended T\n permit ip any any\n hostname x\nhostname y\n");
        assertEquals(List.of(3), r.errors().stream().map(ConfigDiagnostic::lineNumber).toList());
        assertEquals(List.of(4), r.warnings().stream().map(ConfigDiagnostic::lineNumber).toList());
    }

    // ---- interfaces and logging ----

    @Test
    void accessGroupBindingsAndTheirNoForms() {
        ParseResult r = parse("""
                interface eth1
                 ip access-group 10 in
                 ip access-group OUT out
                 ip access-group 101
                 no ip access-group OUT out
                interface eth2
                 ip access-group X out
                 exit
                interface eth3
                """);
        assertTrue(r.isValid(), r.formatErrors());
        InterfaceConfig eth1 = r.config().interfaces().get("eth1");
        assertEquals("101", eth1.inList(), "no direction means in, and a later group replaces the earlier");
        assertNull(eth1.outList());
        assertEquals("X", r.config().interfaces().get("eth2").outList());
        assertEquals(1, r.config().boundInterfaceCount() - 1);
        assertFalse(r.config().interfaces().get("eth3").hasBinding());
        // the bound lists are not defined: warned, not refused
        ConfigDiagnostic missing = r.warnings().stream().filter(w -> w.message().contains("101")).findFirst().get();
        assertEquals(4, missing.lineNumber());
        assertEquals("test.cfg:4: warning: access list 101 is bound to eth1 in but not defined (it permits everything):"
                + " ip access-group 101", missing.format());
        assertEquals(ParseError.INVALID, error("interface e\n ip access-group 250 in\n").message());
        assertEquals(ParseError.INVALID, error("interface e\n ip access-group A sideways\n").message());
        assertEquals("% Incomplete command.", error("interface e\n ip access-group\n").message());
    }

    @Test
    void loggingCommands() {
        ParseResult r = parse("""
                service timestamps log datetime msec localtime
                service timestamps debug uptime
                ip access-list logging interval 250
                ip access-list log-update threshold 50
                logging host 192.0.2.10
                logging 192.0.2.11
                logging host 192.0.2.12 transport udp port 514
                no logging host 192.0.2.11
                logging buffered 4096
                """);
        assertTrue(r.isValid(), r.formatErrors());
        LogSettings l = r.config().logging();
        assertEquals(new LogSettings.Timestamps(true, true, true), l.timestamps());
        assertEquals(250, l.loggingIntervalMs());
        assertEquals(50, l.logUpdateThreshold());
        assertEquals(List.of("192.0.2.10", "192.0.2.12"), l.loggingHosts());
        assertEquals(1, r.warnings().size());
        LogSettings up = parse("service timestamps log datetime\nservice timestamps log uptime\n").config().logging();
        assertEquals(LogSettings.Timestamps.UPTIME, up.timestamps());
        LogSettings dt = parse("service timestamps log datetime year\n").config().logging();
        assertEquals(new LogSettings.Timestamps(true, false, false), dt.timestamps());
        assertEquals(ParseError.INVALID, error("service timestamps log datetime msec msec\n").message());
        assertEquals(ParseError.INVALID, error("ip access-list logging interval x\n").message());
        LogSettings reset = parse("ip access-list logging interval 5\nno ip access-list logging interval\n")
                .config().logging();
        assertEquals(0, reset.loggingIntervalMs());
    }
}
