package dev.perimeter.config;

import static dev.perimeter.config.ParsedConfigs.error;
import static dev.perimeter.config.ParsedConfigs.parse;
import static dev.perimeter.config.ParsedConfigs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code object-group network|service} definitions and their use in extended entries, as the parser reads them. */
class ObjectGroupConfigTest {

    static int ip(String a) {
        return Ipv4.parse(a);
    }

    static AddressMatch prefix(String a, int length) {
        return new AddressMatch(ip(a), length == 32 ? 0 : -1 >>> length);
    }

    static ObjectGroup.Service tcp(Operator op, int... ports) {
        return ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.ANY, NumberMatch.port(op, ports));
    }

    // ---- network groups ----

    @Test
    void everyNetworkMemberForm() {
        ParseResult r = valid("""
                object-group network INSIDE
                 description Inside hosts and nets
                 host 10.1.1.1
                 10.1.2.0 255.255.255.0
                 10.1.3.77 /24
                 range 10.0.0.1 10.0.0.6
                """);
        ObjectGroup g = r.config().objectGroups().group("INSIDE");
        assertEquals(ObjectGroup.Kind.NETWORK, g.kind());
        assertEquals("Inside hosts and nets", g.description());
        assertEquals(List.of(new ObjectGroup.Network(AddressMatch.host(ip("10.1.1.1"))),
                new ObjectGroup.Network(prefix("10.1.2.0", 24)),
                new ObjectGroup.Network(prefix("10.1.3.0", 24)), // host bits cleared, as IOS keeps a subnet
                new ObjectGroup.Range(ip("10.0.0.1"), ip("10.0.0.6"))), g.members());
        // the range as the fewest prefixes holding exactly .1 to .6
        assertEquals(List.of(AddressMatch.host(ip("10.1.1.1")), prefix("10.1.2.0", 24), prefix("10.1.3.0", 24),
                prefix("10.0.0.1", 32), prefix("10.0.0.2", 31), prefix("10.0.0.4", 31), prefix("10.0.0.6", 32)),
                r.config().objectGroups().addresses("INSIDE"));
    }

    @Test
    void anyAndAbbreviatedKeywords() {
        ParseResult r = valid("obj net ALL\n an\n ho 192.0.2.1\n ra 192.0.2.0 192.0.2.255\n");
        assertEquals(List.of(AddressMatch.ANY, AddressMatch.host(ip("192.0.2.1")), prefix("192.0.2.0", 24)),
                r.config().objectGroups().addresses("ALL"));
    }

    @Test
    void aMaskIsASubnetMaskNotAWildcard() {
        ConfigDiagnostic wildcard = error("object-group network N\n 10.1.2.0 0.0.0.255\n");
        assertEquals(ParseError.INVALID, wildcard.message());
        assertEquals(" 10.1.2.0 ".length(), wildcard.column());
        ConfigDiagnostic holes = error("object-group network N\n 10.1.2.0 255.0.255.0\n");
        assertEquals(" 10.1.2.0 ".length(), holes.column());
        ConfigDiagnostic length = error("object-group network N\n 10.1.2.0 /33\n");
        assertEquals(" 10.1.2.0 ".length(), length.column());
        assertEquals(ParseError.INCOMPLETE, error("object-group network N\n 10.1.2.0\n").message());
        assertEquals(List.of(AddressMatch.ANY, AddressMatch.host(ip("10.9.9.9"))),
                valid("object-group network N\n 10.1.2.0 0.0.0.0\n 10.9.9.9 /32\n").config().objectGroups()
                        .addresses("N"));
    }

    @Test
    void badNetworkMembersPointAtTheBadWord() {
        ConfigDiagnostic backwards = error("object-group network N\n range 10.0.0.9 10.0.0.1\n");
        assertEquals(" range 10.0.0.9 ".length(), backwards.column());
        ConfigDiagnostic badHost = error("object-group network N\n host 10.0.0.256\n");
        assertEquals(" host ".length(), badHost.column());
        ConfigDiagnostic extra = error("object-group network N\n host 10.0.0.1 10.0.0.2\n");
        assertEquals(" host 10.0.0.1 ".length(), extra.column());
        ConfigDiagnostic word = error("object-group network N\n hots 10.0.0.1\n");
        assertEquals(1, word.column());
        assertEquals(2, word.lineNumber());
        assertEquals("test.cfg:2:\n hots 10.0.0.1\n ^\n% Invalid input detected at '^' marker.", word.format());
    }

    // ---- service groups ----

    @Test
    void everyServiceMemberForm() {
        ParseResult r = valid("""
                object-group service SVC
                 description what the servers offer
                 tcp eq www
                 udp range 1000 2000
                 tcp-udp eq domain
                 tcp source eq 1024
                 tcp source range 1 1023 gt 1000
                 udp neq snmp
                 tcp lt 10
                 icmp echo
                 icmp 3 3
                 icmp 11
                 icmp
                 gre
                 esp
                 ip
                 47
                 igmp
                """);
        ObjectGroup g = r.config().objectGroups().group("SVC");
        assertEquals(ObjectGroup.Kind.SERVICE, g.kind());
        NumberMatch any = NumberMatch.ANY;
        assertEquals(List.of(
                tcp(Operator.EQ, 80),
                ObjectGroup.Service.ports(Protocols.UDP, any, NumberMatch.port(Operator.RANGE, 1000, 2000)),
                ObjectGroup.Service.ports(ObjectGroup.Service.TCP_UDP, any, NumberMatch.port(Operator.EQ, 53)),
                ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.port(Operator.EQ, 1024), any),
                ObjectGroup.Service.ports(Protocols.TCP, NumberMatch.port(Operator.RANGE, 1, 1023),
                        NumberMatch.port(Operator.GT, 1000)),
                ObjectGroup.Service.ports(Protocols.UDP, any, NumberMatch.port(Operator.NEQ, 161)),
                tcp(Operator.LT, 10),
                ObjectGroup.Service.icmp(8, AccessListEntry.UNSET),
                ObjectGroup.Service.icmp(3, 3),
                ObjectGroup.Service.icmp(11, AccessListEntry.UNSET),
                ObjectGroup.Service.protocol(Protocols.ICMP),
                ObjectGroup.Service.protocol(Protocols.GRE),
                ObjectGroup.Service.protocol(Protocols.ESP),
                ObjectGroup.Service.protocol(Protocols.ANY),
                // 47 is gre, entered again: IOS keeps one
                ObjectGroup.Service.protocol(Protocols.IGMP)), g.members());
        // tcp-udp stands for a tcp and a udp member
        List<ObjectGroup.Service> plain = r.config().objectGroups().services("SVC");
        assertEquals(g.members().size() + 1, plain.size());
        assertEquals(ObjectGroup.Service.ports(Protocols.TCP, any, NumberMatch.port(Operator.EQ, 53)), plain.get(2));
        assertEquals(ObjectGroup.Service.ports(Protocols.UDP, any, NumberMatch.port(Operator.EQ, 53)), plain.get(3));
    }

    @Test
    void portNamesAreThoseOfTheMembersProtocol() {
        // www is a tcp name, snmp a udp one; tcp-udp takes the names both share
        ConfigDiagnostic www = error("object-group service S\n udp eq www\n");
        assertEquals(" udp eq ".length(), www.column());
        ConfigDiagnostic snmp = error("object-group service S\n tcp-udp eq snmp\n");
        assertEquals(" tcp-udp eq ".length(), snmp.column());
        valid("object-group service S\n tcp-udp eq sunrpc\n udp eq snmp\n tcp eq bgp\n");
    }

    @Test
    void badServiceMembersPointAtTheBadWord() {
        assertEquals(" tcp eq ".length(), error("object-group service S\n tcp eq 65536\n").column());
        assertEquals(" tcp range 20 ".length(), error("object-group service S\n tcp range 20 10\n").column());
        // one port after eq; more are another member
        assertEquals(" tcp eq 80 ".length(), error("object-group service S\n tcp eq 80 443\n").column());
        assertEquals(" gre ".length(), error("object-group service S\n gre eq 5\n").column());
        assertEquals(" icmp ".length(), error("object-group service S\n icmp bogus\n").column());
        assertEquals(" ".length(), error("object-group service S\n 256\n").column());
        assertEquals(ParseError.INCOMPLETE, error("object-group service S\n tcp source\n").message());
        assertEquals("% Ambiguous command:  \"t\"", error("object-group service S\n t\n").message());
    }

    // ---- nesting, redefinition, removal ----

    @Test
    void nestedGroupsFlattenWithoutDuplicates() {
        ParseResult r = valid("""
                object-group network A
                 host 10.0.0.1
                 host 10.0.0.2
                object-group network B
                 host 10.0.0.2
                 group-object A
                 host 10.0.0.3
                object-group network C
                 group-object B
                 group-object A
                """);
        ObjectGroups groups = r.config().objectGroups();
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.2")), AddressMatch.host(ip("10.0.0.1")),
                AddressMatch.host(ip("10.0.0.3"))), groups.addresses("B"));
        assertEquals(groups.addresses("B"), groups.addresses("C"));
    }

    @Test
    void nestingErrors() {
        ConfigDiagnostic missing = error("object-group network A\n group-object NOPE\n");
        assertEquals("% Object group NOPE does not exist", missing.message());
        assertEquals(" group-object ".length(), missing.column());
        ConfigDiagnostic kind = error("object-group service S\n gre\nobject-group network A\n group-object S\n");
        assertEquals("% Object group S is a service group, not a network group", kind.message());
        assertEquals(" group-object ".length(), kind.column());
        ConfigDiagnostic self = error("object-group network A\n host 10.0.0.1\n group-object A\n");
        assertEquals("% Object group A cannot nest itself", self.message());
        ConfigDiagnostic loop = error("""
                object-group network A
                 host 10.0.0.1
                object-group network B
                 group-object A
                object-group network C
                 group-object B
                object-group network A
                 group-object C
                """);
        assertEquals("% Object group C nests A: nesting it here would make a loop", loop.message());
        assertEquals(8, loop.lineNumber());
        assertEquals(" group-object ".length(), loop.column());
    }

    @Test
    void enteringAGroupAgainAddsMembers() {
        ParseResult r = valid("""
                object-group network N
                 host 10.0.0.1
                object-group service S
                 gre
                object-group network N
                 host 10.0.0.2
                 host 10.0.0.1
                """);
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.1")), AddressMatch.host(ip("10.0.0.2"))),
                r.config().objectGroups().addresses("N"));
    }

    @Test
    void theOtherKindUnderAnExistingNameIsRefused() {
        ConfigDiagnostic d = error("object-group network N\n host 10.0.0.1\nobject-group service N\n gre\n");
        assertEquals("% Object group N exists as a network group", d.message());
        assertEquals("object-group service ".length(), d.column());
        assertEquals(3, d.lineNumber());
    }

    @Test
    void noObjectGroupRemovesAnUnusedGroup() {
        ParseResult r = valid("object-group network N\n host 10.0.0.1\nno object-group network N\n"
                + "no object-group service GONE\n");
        assertNull(r.config().objectGroups().group("N"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.message().equals("object group GONE does not exist")));
        ConfigDiagnostic kind = error("object-group network N\n host 10.0.0.1\nno object-group service N\n");
        assertEquals("% Object group N exists as a network group", kind.message());
    }

    @Test
    void aGroupInUseCannotBeRemovedOrEmptied() {
        String defs = "object-group network N\n host 10.0.0.1\nobject-group network OUTER\n group-object N\n";
        ConfigDiagnostic nested = error(defs + "no object-group network N\n");
        assertEquals("% Object group N is used by object group OUTER and cannot be removed", nested.message());
        ConfigDiagnostic used = error(defs + "ip access-list extended L\n permit ip object-group OUTER any\n"
                + "no object-group network OUTER\n");
        assertEquals("% Object group OUTER is used by access list L entry 10 and cannot be removed", used.message());
        ConfigDiagnostic emptied = error(defs + "access-list 101 deny ip any object-group N\n"
                + "object-group network N\n no host 10.0.0.1\n");
        assertTrue(emptied.message().contains("cannot be left empty"), emptied.message());
        // removing a member that leaves others, or from an unused group, is fine
        ParseResult r = valid(defs + "object-group network N\n host 10.0.0.2\nip access-list extended L\n"
                + " permit ip object-group N any\nobject-group network N\n no host 10.0.0.1\n");
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.2"))), r.config().objectGroups().addresses("N"));
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.2"))),
                r.config().accessList("L").plainEntries().stream().map(AccessListEntry::source).toList());
    }

    @Test
    void otherKindsOfGroupAreSkippedWithTheirMembers() {
        ParseResult r = valid("object-group security SGT\n security-group tag 10\nobject-group fqdn F\n"
                + " pattern .*\\.example\\.com\nip access-list extended L\n permit ip any any\n");
        assertEquals(0, r.config().objectGroups().size());
        assertEquals(1, r.config().accessList("L").size());
        assertTrue(r.skippedLines() >= 4, "skipped " + r.skippedLines());
    }

    // ---- use in entries ----

    static final String GROUPS = """
            object-group network INSIDE
             host 10.1.1.1
             10.1.2.0 255.255.255.0
            object-group network SERVERS
             host 10.0.0.1
             host 10.0.0.2
            object-group network BAD
             range 192.0.2.1 192.0.2.2
            object-group service WEB
             tcp eq www
             tcp eq 443
            object-group service ECHO
             icmp echo
            """;

    @Test
    void groupsInEveryPositionOfNamedAndNumberedLists() {
        ParseResult r = valid(GROUPS + """
                ip access-list extended L
                 permit tcp object-group INSIDE host 10.0.0.1 eq 80
                 deny ip any object-group BAD log
                 permit object-group WEB any object-group SERVERS
                 permit object-group ECHO object-group INSIDE object-group SERVERS dscp ef ttl gt 2 log-input
                 permit udp object-group INSIDE eq 53 object-group SERVERS range 1000 2000
                access-list 150 permit object-group WEB object-group INSIDE any
                """);
        AccessList l = r.config().accessList("L");
        AccessListEntry first = l.entry(0);
        assertEquals("INSIDE", first.sourceGroup());
        assertNull(first.destinationGroup());
        assertEquals(AddressMatch.host(ip("10.0.0.1")), first.destination());
        assertEquals(Protocols.TCP, first.protocol());
        assertEquals(NumberMatch.port(Operator.EQ, 80), first.destinationPort());
        assertEquals("BAD", l.entry(1).destinationGroup());
        assertEquals(LogOption.LOG, l.entry(1).log());
        assertEquals("WEB", l.entry(2).serviceGroup());
        assertEquals("SERVERS", l.entry(2).destinationGroup());
        AccessListEntry echo = l.entry(3);
        assertEquals(46, echo.dscp());
        assertEquals(LogOption.LOG_INPUT, echo.log());
        assertEquals(NumberMatch.port(Operator.EQ, 53), l.entry(4).sourcePort());
        assertEquals("WEB", r.config().accessList("150").entry(0).serviceGroup());
        // the plain entries: 2 x 1, 1 x 2, 1 x 2 x 2, 2 x 2 x 1, 2 x 2
        assertEquals(2 + 2 + 4 + 4 + 4, l.plainEntries().size());
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4),
                java.util.stream.IntStream.range(0, l.plainEntries().size()).map(l::writtenIndex).boxed().toList());
        AccessListEntry web = l.plainEntries().get(5);
        assertEquals(Protocols.TCP, web.protocol());
        assertEquals(NumberMatch.port(Operator.EQ, 443), web.destinationPort());
        assertEquals(AddressMatch.host(ip("10.0.0.1")), web.destination());
        assertFalse(web.usesObjectGroups());
        assertEquals(46, l.plainEntries().get(8).dscp(), "options are the written entry's");
        assertEquals(8, l.plainEntries().get(8).icmpType());
    }

    @Test
    void missingAndWrongKindGroupsAreRefusedAtTheName() {
        ConfigDiagnostic missing = error(GROUPS + "ip access-list extended L\n permit ip object-group NOPE any\n");
        assertEquals("% Object group NOPE does not exist", missing.message());
        assertEquals(" permit ip object-group ".length(), missing.column());
        ConfigDiagnostic service = error(GROUPS + "access-list 101 permit object-group INSIDE any any\n");
        assertEquals("% Object group INSIDE is a network group, not a service group", service.message());
        assertEquals("access-list 101 permit object-group ".length(), service.column());
        ConfigDiagnostic network = error(GROUPS + "access-list 101 permit tcp any object-group WEB\n");
        assertEquals("% Object group WEB is a service group, not a network group", network.message());
        assertEquals("access-list 101 permit tcp any object-group ".length(), network.column());
        ConfigDiagnostic later = error("access-list 101 permit ip object-group LATER any\n"
                + "object-group network LATER\n host 10.0.0.1\n");
        assertEquals("% Object group LATER does not exist", later.message());
        assertEquals(ParseError.INCOMPLETE, error(GROUPS + "access-list 101 permit ip object-group\n").message());
    }

    @Test
    void aServiceGroupTakesNoPortsFlagsOrFragments() {
        String list = GROUPS + "ip access-list extended L\n ";
        ConfigDiagnostic ports = error(list + "permit object-group WEB any any eq 80\n");
        assertEquals(" permit object-group WEB any any ".length(), ports.column());
        ConfigDiagnostic flags = error(list + "permit object-group WEB any any established\n");
        assertEquals(" permit object-group WEB any any ".length(), flags.column());
        ConfigDiagnostic sourcePort = error(list + "permit object-group WEB any eq 80 any\n");
        assertEquals(" permit object-group WEB any ".length(), sourcePort.column());
        ConfigDiagnostic fragments = error(list + "deny object-group WEB any any fragments\n");
        assertEquals(" deny object-group WEB any any ".length(), fragments.column());
        ConfigDiagnostic icmp = error(list + "permit object-group ECHO any any echo\n");
        assertEquals(" permit object-group ECHO any any ".length(), icmp.column());
        // the options of an ip entry that concern no L4 header still parse
        AccessListEntry e = valid(list + "permit object-group WEB any any precedence 3 ttl lt 9 option lsr log TAG\n")
                .config().accessList("L").entry(0);
        assertEquals(3, e.precedence());
        assertEquals("TAG", e.logTag());
        // fragments with network groups in an ip entry is as without
        assertTrue(valid(list + "deny ip object-group INSIDE object-group BAD fragments\n").config()
                .accessList("L").plainEntries().stream().allMatch(AccessListEntry::fragments));
    }

    @Test
    void anEntryNamingGroupsMayNameATimeRange() {
        AccessList l = valid(GROUPS + "time-range WORK\n periodic weekdays 8:00 to 18:00\n"
                + "ip access-list extended L\n permit object-group WEB any object-group SERVERS log time-range WORK\n")
                .config().accessList("L");
        assertEquals("WORK", l.entry(0).timeRange());
        assertTrue(l.plainEntries().stream().allMatch(e -> "WORK".equals(e.timeRange())));
        assertEquals(4, l.plainEntries().size());
        assertEquals(0, l.withTimeRanges(name -> false).plainEntries().size());
    }

    @Test
    void standardListsTakeNoGroups() {
        ConfigDiagnostic d = error(GROUPS + "ip access-list standard S\n permit object-group INSIDE\n");
        assertEquals(ParseError.INVALID, d.message());
        assertEquals(" permit ".length(), d.column());
    }

    @Test
    void identicalGroupEntriesAndNoPermitWorkByGroupName() {
        ConfigDiagnostic d = error(GROUPS + "access-list 101 permit ip object-group INSIDE any\n"
                + "access-list 101 permit ip object-group INSIDE any\n");
        assertTrue(d.message().endsWith("sequence num 10"), d.message());
        ParseResult r = valid(GROUPS + "ip access-list extended L\n permit ip object-group INSIDE any\n"
                + " permit ip object-group SERVERS any\n no permit ip object-group INSIDE any\n");
        assertEquals(List.of("SERVERS"), r.config().accessList("L").entries().stream()
                .map(AccessListEntry::sourceGroup).toList());
    }

    @Test
    void anEntryNamingAnEmptyGroupMatchesNothingAndIsWarnedAbout() {
        ParseResult r = valid("object-group network EMPTY\nip access-list extended L\n permit ip object-group EMPTY any\n"
                + " permit ip any any\n");
        AccessList l = r.config().accessList("L");
        assertEquals(2, l.size());
        assertEquals(1, l.plainEntries().size());
        assertEquals(1, l.writtenIndex(0));
        assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("matches nothing") && w.lineNumber() == 3));
    }

    @Test
    void groupModeEndsAtAnUnindentedGlobalCommand() {
        ParseResult r = valid("""
                object-group service S
                 gre
                ip access-list extended L
                 permit object-group S any any
                object-group network N
                host 10.0.0.9
                no ip access-list extended GONE
                object-group network M
                 host 10.0.0.1
                exit
                interface eth0
                 ip access-group L in
                """);
        assertEquals(List.of(ObjectGroup.Service.protocol(Protocols.GRE)),
                r.config().objectGroups().group("S").members());
        assertEquals(List.of(AddressMatch.host(ip("10.0.0.9"))), r.config().objectGroups().addresses("N"));
        assertEquals("L", r.config().interfaces().get("eth0").inList());
        // an indented line that is no member is an error, not a global command
        ConfigDiagnostic d = error("object-group network N\n ip access-list extended X\n");
        assertEquals(1, d.column());
    }

    // ---- the expansion limits ----

    /** A network group of n hosts, 10.x.y.z counting up from {@code base}. */
    static String hosts(String name, int base, int n) {
        StringBuilder sb = new StringBuilder("object-group network ").append(name).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(" host ").append(Ipv4.format(base + i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void anEntryExpandingPastTheLimitIsRefused() {
        String groups = hosts("A", ip("10.0.0.0"), 101) + hosts("B", ip("10.1.0.0"), 100);
        ConfigDiagnostic d = error(groups + "ip access-list extended L\n permit ip object-group A object-group B\n");
        assertEquals("% Entry expands to 10100 entries through its object groups, more than the limit of 10000",
                d.message());
        assertEquals(" permit ip object-group ".length(), d.column());
        // 100 x 100 is at the limit
        ParseResult ok = valid(hosts("A", ip("10.0.0.0"), 100) + hosts("B", ip("10.1.0.0"), 100)
                + "ip access-list extended L\n permit ip object-group A object-group B\n");
        assertEquals(ObjectGroups.MAX_ENTRY_EXPANSION, ok.config().accessList("L").plainEntries().size());
    }

    @Test
    void aMemberThatWouldTakeAnEntryPastTheLimitIsRefused() {
        String text = hosts("A", ip("10.0.0.0"), 100) + hosts("B", ip("10.1.0.0"), 100)
                + "object-group network OUTER\n group-object A\n"
                + "ip access-list extended L\n permit ip object-group OUTER object-group B\n"
                + "object-group network A\n host 10.9.9.9\n";
        ConfigDiagnostic d = error(text);
        assertEquals("% This member would expand entry 10 of access list L to 10100 entries, more than the limit"
                + " of 10000", d.message());
        assertEquals(1, d.column());
        // the member is left out, the rest stands
        ParseResult r = parse(text);
        assertEquals(100, r.config().objectGroups().addresses("A").size());
        assertEquals(10_000, r.config().accessList("L").plainEntries().size());
    }

    @Test
    void theEntriesOfOneListArePassedTheListLimitNoFurther() {
        StringBuilder text = new StringBuilder(hosts("A", ip("10.0.0.0"), 100) + hosts("B", ip("10.1.0.0"), 100));
        text.append("ip access-list extended L\n");
        for (int i = 0; i < 11; i++) {
            text.append(" permit ip object-group A object-group B dscp ").append(i).append('\n');
        }
        ConfigDiagnostic d = error(text.toString());
        assertEquals("% Entry would bring the object-group entries of access list L to 110000 entries, more than"
                + " the limit of 100000", d.message());
        assertEquals(202 + 1 + 11, d.lineNumber());
    }
}
