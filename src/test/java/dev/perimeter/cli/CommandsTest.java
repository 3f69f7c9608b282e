package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** check, show and explain run through picocli as the command line runs them, on the bundled example and others. */
class CommandsTest {
    private static final Path SEED = Path.of("examples/seed-router.cfg");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(Callable<Integer> command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        if (command instanceof CheckCommand c) {
            c.out = o;
            c.err = e;
        } else if (command instanceof ShowCommand s) {
            s.out = o;
            s.err = e;
        } else if (command instanceof ExplainCommand x) {
            x.out = o;
            x.err = e;
        }
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String text) throws IOException {
        Path p = dir.resolve("router.cfg");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void checkTheSeedExample() {
        Run r = run(new CheckCommand(), SEED.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("examples/seed-router.cfg: valid; 1 access list, 5 entries, 1 bound interface, 0 skipped lines\n",
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void checkReportsEveryErrorAndExitsOne() throws IOException {
        Path cfg = file("hostname r1\nip access-list extended A\n permit tcp any any eq 99999\n permit ip any any\n"
                + " deny udp any any eq snmp bogus\n");
        Run r = run(new CheckCommand(), cfg.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(cfg + ":3:\n permit tcp any any eq 99999\n                       ^\n"
                + "% Invalid input detected at '^' marker."), r.err());
        assertTrue(r.err().contains(cfg + ":5:"), r.err());
        assertTrue(r.out().contains("2 errors; 1 access list, 1 entry, 0 bound interfaces, 1 skipped line"), r.out());
        assertTrue(!r.err().contains("hostname"), "warnings only with --warnings");
        Run w = run(new CheckCommand(), "--warnings", cfg.toString());
        assertTrue(w.err().contains(":1: warning: skipped"), w.err());
    }

    @Test
    void checkOfAMissingFile() {
        Run r = run(new CheckCommand(), dir.resolve("nope.cfg").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void showTheSeedExample() {
        Run r = run(new ShowCommand(), SEED.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                Extended IP access list packet_filter
                    10 permit tcp any host 172.16.27.66 eq smtp
                    20 deny tcp any any eq smtp log
                    30 deny tcp any any range pop2 pop3 log
                    40 deny tcp any any eq 143 log
                    50 permit ip any any
                Interface eth2/0
                  Outgoing access list is packet_filter
                  Inbound  access list is not set
                """, r.out());
    }

    @Test
    void showCompiledNamesTheStrategyPickedForEachList() throws IOException {
        StringBuilder text = new StringBuilder("access-list 1 permit any\nip access-list extended big\n");
        for (int i = 0; i < 500; i++) {
            text.append(" deny tcp 10.").append(i / 250).append('.').append(i % 250).append(".0 0.0.0.255 any eq ")
                    .append(1000 + i).append('\n');
        }
        Run r = run(new ShowCommand(), file(text.toString()).toString(), "--compiled");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        String small = lines[2];
        String big = lines[lines.length - 1];
        assertTrue(small.startsWith("  Compiled: linear-scan"), small);
        assertTrue(big.startsWith("  Compiled: cut-tree"), big);
        assertTrue(big.matches(".*, [0-9,]+ bytes of tables .*"), big);
    }

    @Test
    void checkAndShowListEachInterfaceOfARange() throws IOException {
        Path cfg = file("""
                access-list 101 deny ip any any
                define interface-range CORE Vlan20
                interface range Gi0/1 - 3
                 ip access-group 101 in
                interface range macro CORE
                 ip access-group 101 out
                interface range Gi0/5 - 2
                 ip access-group 101 in
                """);
        Run check = run(new CheckCommand(), cfg.toString());
        assertEquals(1, check.exit());
        assertEquals(cfg + ": 2 errors; 1 access list, 1 entry, 4 bound interfaces, 0 skipped lines\n", check.out());
        assertTrue(check.err().contains(cfg + ":7:\ninterface range Gi0/5 - 2\n                        ^\n"
                + "% Invalid input detected at '^' marker."), check.err());
        Run show = run(new ShowCommand(), cfg.toString());
        assertEquals("""
                Extended IP access list 101
                    10 deny ip any any
                Interface Gi0/1
                  Outgoing access list is not set
                  Inbound  access list is 101
                Interface Gi0/2
                  Outgoing access list is not set
                  Inbound  access list is 101
                Interface Gi0/3
                  Outgoing access list is not set
                  Inbound  access list is 101
                Interface Vlan20
                  Outgoing access list is 101
                  Inbound  access list is not set
                """, show.out());
    }

    @Test
    void showSelectedLists() throws IOException {
        Path cfg = file("access-list 1 permit any\naccess-list 101 deny ip any any\n");
        Run r = run(new ShowCommand(), cfg.toString(), "101");
        assertEquals("Extended IP access list 101\n    10 deny ip any any\n", r.out());
        assertEquals(1, run(new ShowCommand(), cfg.toString(), "7").exit());
    }

    private static final Path GROUPS = Path.of("examples/object-groups.cfg");

    @Test
    void checkCountsTheObjectGroupsAndTheExpandedEntries() {
        Run r = run(new CheckCommand(), GROUPS.toString());
        assertEquals(0, r.exit(), r.err());
        // 1 + 3 services x 1 subnet + 2 services x 4 prefixes (of .67-.80) + 1
        assertEquals("examples/object-groups.cfg: valid; 1 access list, 4 entries (13 with object groups expanded),"
                + " 7 object groups, 1 bound interface, 0 skipped lines\n", r.out());
    }

    @Test
    void checkShowsObjectGroupErrorsWithTheCaret() throws IOException {
        Path cfg = file("object-group network IN\n host 10.0.0.1\nip access-list extended A\n"
                + " permit tcp object-group IN object-group OUT eq 80\n permit object-group IN any any\n");
        Run r = run(new CheckCommand(), cfg.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(cfg + ":4:\n permit tcp object-group IN object-group OUT eq 80\n"
                + " ".repeat(" permit tcp object-group IN object-group ".length()) + "^\n% Object group OUT does not exist"),
                r.err());
        assertTrue(r.err().contains(cfg + ":5:\n permit object-group IN any any\n                     ^\n"
                + "% Object group IN is a network group, not a service group"), r.err());
        assertTrue(r.out().contains("2 errors; 1 access list, 0 entries (0 with object groups expanded), 1 object group"),
                r.out());
    }

    @Test
    void showPrintsTheGroupsAsConfiguredThenTheEntriesAsWritten() {
        Run r = run(new ShowCommand(), GROUPS.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                object-group network MAIL_SERVERS
                 description the mail server
                 host 172.16.27.66
                object-group network INSIDE
                 172.16.27.0 255.255.255.0
                object-group network HOSTS
                 range 172.16.27.67 172.16.27.80
                object-group service SMTP
                 tcp eq smtp
                object-group service MAILBOXES
                 description POP and IMAP
                 tcp range pop2 pop3
                 tcp eq 143
                object-group service MAIL
                 group-object SMTP
                 group-object MAILBOXES
                object-group service MEDIA
                 udp eq 5004
                 icmp echo
                Extended IP access list packet_filter
                    10 permit object-group SMTP any object-group MAIL_SERVERS
                    20 deny object-group MAIL any object-group INSIDE log
                    30 deny object-group MEDIA any object-group HOSTS log
                    40 permit ip any any
                Interface eth2/0
                  Outgoing access list is packet_filter
                  Inbound  access list is not set
                """, r.out());
    }

    @Test
    void showOfSelectedListsPrintsOnlyTheGroupsTheyName() throws IOException {
        Path cfg = file("object-group network UNUSED\n any\nobject-group network INNER\n host 10.0.0.1\n"
                + "object-group network OUTER\n group-object INNER\nobject-group service WEB\n tcp eq www\n"
                + "access-list 101 permit object-group WEB object-group OUTER any\naccess-list 102 permit ip any any\n");
        Run r = run(new ShowCommand(), cfg.toString(), "101");
        assertEquals("""
                object-group network INNER
                 host 10.0.0.1
                object-group network OUTER
                 group-object INNER
                object-group service WEB
                 tcp eq www
                Extended IP access list 101
                    10 permit object-group WEB object-group OUTER any
                """, r.out());
        assertEquals("Extended IP access list 102\n    10 permit ip any any\n",
                run(new ShowCommand(), cfg.toString(), "102").out());
    }

    @Test
    void explainNamesTheEntryAsWritten() {
        Run r = run(new ExplainCommand(), GROUPS.toString(), "--to", "eth2/0", "icmp 172.16.11.5 -> 172.16.27.75");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("eth2/0 out: access list packet_filter, 30 deny object-group MEDIA any"
                + " object-group HOSTS log -> deny"), r.out());
        Run outside = run(new ExplainCommand(), GROUPS.toString(), "--to", "eth2/0", "icmp 172.16.11.5 -> 172.16.27.81");
        assertTrue(outside.out().contains("40 permit ip any any -> permit"), outside.out());
    }

    @Test
    void explainTheSeedImapAttempt() {
        Run r = run(new ExplainCommand(), SEED.toString(), "--to", "eth2/0",
                "tcp 172.16.11.5:41234 -> 172.16.27.70:143 flags=S");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                packet: tcp 172.16.11.5:41234 -> 172.16.27.70:143 flags=S ttl=64
                eth2/0 out: access list packet_filter, 40 deny tcp any any eq 143 log -> deny
                verdict: deny
                """, r.out());
    }

    @Test
    void explainJson() {
        Run mail = run(new ExplainCommand(), SEED.toString(), "--to", "eth2/0", "--json",
                "tcp 198.51.100.7:41234 -> 172.16.27.66:25 flags=S");
        assertEquals("{\"verdict\":\"permit\",\"steps\":[{\"interface\":\"eth2/0\",\"direction\":\"out\","
                + "\"acl\":\"packet_filter\",\"sequence\":10,\"entry\":\"permit tcp any host 172.16.27.66 eq smtp\","
                + "\"result\":\"permit\"}]}\n", mail.out());
        Run other = run(new ExplainCommand(), SEED.toString(), "--to", "eth2/0", "--json",
                "tcp 198.51.100.7:41234 -> 172.16.27.70:25 flags=S");
        assertTrue(other.out().startsWith("{\"verdict\":\"deny\""), other.out());
        assertTrue(other.out().contains("\"sequence\":20"), other.out());
    }

    @Test
    void nonInitialFragmentPassesTheL4DeniesAsIosDoes() {
        Run r = run(new ExplainCommand(), SEED.toString(), "--to", "eth2/0", "--json",
                "tcp 198.51.100.7:41234 -> 172.16.27.70:25 frag=185");
        assertTrue(r.out().contains("\"sequence\":50"), r.out());
        assertTrue(r.out().startsWith("{\"verdict\":\"permit\""), r.out());
    }

    @Test
    void explainMeetsTheInListThenTheOutList() throws IOException {
        Path cfg = file("""
                ip access-list extended IN
                 deny udp any any eq snmp
                 permit ip any any
                ip access-list extended OUT
                 permit tcp any any eq 22
                interface outside
                 ip access-group IN in
                interface inside
                 ip access-group OUT out
                interface dmz
                 ip access-group MISSING out
                """);
        Run ssh = run(new ExplainCommand(), cfg.toString(), "--from", "outside", "--to", "inside", "--json",
                "tcp 1.1.1.1:5000 -> 10.0.0.1:22 flags=S");
        assertEquals("{\"verdict\":\"permit\",\"steps\":["
                + "{\"interface\":\"outside\",\"direction\":\"in\",\"acl\":\"IN\",\"sequence\":20,"
                + "\"entry\":\"permit ip any any\",\"result\":\"permit\"},"
                + "{\"interface\":\"inside\",\"direction\":\"out\",\"acl\":\"OUT\",\"sequence\":10,"
                + "\"entry\":\"permit tcp any any eq 22\",\"result\":\"permit\"}]}\n", ssh.out());
        Run web = run(new ExplainCommand(), cfg.toString(), "--from", "outside", "--to", "inside", "--json",
                "tcp 1.1.1.1:5000 -> 10.0.0.1:80 flags=S");
        assertTrue(web.out().endsWith("{\"interface\":\"inside\",\"direction\":\"out\",\"acl\":\"OUT\","
                + "\"sequence\":null,\"entry\":null,\"result\":\"implicit-deny\"}]}\n"), web.out());
        assertTrue(web.out().startsWith("{\"verdict\":\"deny\""), web.out());
        Run snmp = run(new ExplainCommand(), cfg.toString(), "--from", "outside", "--to", "inside", "--json",
                "udp 1.1.1.1:5000 -> 10.0.0.1:161");
        assertEquals("{\"verdict\":\"deny\",\"steps\":[{\"interface\":\"outside\",\"direction\":\"in\",\"acl\":\"IN\","
                + "\"sequence\":10,\"entry\":\"deny udp any any eq snmp\",\"result\":\"deny\"}]}\n", snmp.out(),
                "a frame denied on the way in never meets the out list");
        Run back = run(new ExplainCommand(), cfg.toString(), "--from", "inside", "--to", "dmz", "--json",
                "udp 10.0.0.1:5000 -> 1.1.1.1:161");
        assertEquals("{\"verdict\":\"permit\",\"steps\":["
                + "{\"interface\":\"inside\",\"direction\":\"in\",\"acl\":null,\"sequence\":null,\"entry\":null,"
                + "\"result\":\"no-acl\"},"
                + "{\"interface\":\"dmz\",\"direction\":\"out\",\"acl\":\"MISSING\",\"sequence\":null,\"entry\":null,"
                + "\"result\":\"permit\"}]}\n", back.out(), "an undefined bound list permits everything");
    }

    @Test
    void explainDefaultsTheOtherSideWhenThereAreTwoInterfaces() throws IOException {
        Path cfg = file("access-list 1 deny host 1.1.1.1\naccess-list 1 permit any\n"
                + "interface a\n ip access-group 1 in\ninterface b\n");
        Run r = run(new ExplainCommand(), cfg.toString(), "--to", "b", "udp 1.1.1.1:1 -> 2.2.2.2:2");
        assertEquals("""
                packet: udp 1.1.1.1:1 -> 2.2.2.2:2 ttl=64
                a in: access list 1, 10 deny 1.1.1.1 -> deny
                verdict: deny
                """, r.out());
    }

    @Test
    void explainRefusesABadPacket() {
        Run r = run(new ExplainCommand(), SEED.toString(), "--to", "eth2/0", "tcp 1.2.3.4 -> 5.6.7.8");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad PACKET"), r.err());
    }

    private static final Path TIMED = Path.of("examples/time-ranges.cfg");

    @Test
    void checkCountsTheTimeRanges() {
        Run r = run(new CheckCommand(), TIMED.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("examples/time-ranges.cfg: valid; 1 access list, 9 entries, 2 time ranges, 1 bound interface,"
                + " 0 skipped lines\n", r.out());
    }

    /** The clock and the ranges as configured, then each entry with its range's state at --at (14:31 in Sydney). */
    @Test
    void showPrintsTheRangesThenEachEntryWithItsRangesStateAtTheTimeGiven() {
        Run r = run(new ShowCommand(), TIMED.toString(), "--at", "2026-02-24T14:31");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                clock timezone AEST 10 0
                clock summer-time AEDT recurring 1 Sun Oct 2:00 1 Sun Apr 3:00
                time-range OFFICE
                 periodic weekdays 8:00 to 17:59
                time-range MAIL-MOVE
                 absolute start 14:30 24 February 2026 end 14:35 24 February 2026
                Extended IP access list packet_filter
                    10 permit tcp any host 172.16.27.66 eq smtp
                    20 deny tcp any any eq smtp log
                    30 deny tcp any any range pop2 pop3 log time-range MAIL-MOVE (active)
                    40 deny tcp any any eq 143 log time-range MAIL-MOVE (active)
                    50 permit tcp any any range pop2 pop3 time-range OFFICE (active)
                    60 permit tcp any any eq 143 time-range OFFICE (active)
                    70 deny tcp any any range pop2 pop3 log
                    80 deny tcp any any eq 143 log
                    90 permit ip any any
                Interface eth2/0
                  Outgoing access list is packet_filter
                  Inbound  access list is not set
                """, r.out());
        // the same instant given in UTC; and a Saturday, when neither range is in effect
        assertEquals(r.out(), run(new ShowCommand(), TIMED.toString(), "--at", "2026-02-24T03:31:00Z").out());
        Run saturday = run(new ShowCommand(), TIMED.toString(), "--at", "2026-02-28 10:00");
        assertTrue(saturday.out().contains("60 permit tcp any any eq 143 time-range OFFICE (inactive)\n"),
                saturday.out());
        assertEquals(2, run(new ShowCommand(), TIMED.toString(), "--at", "tomorrow").exit());
    }

    @Test
    void showOfSelectedListsPrintsOnlyTheRangesTheyName() throws IOException {
        Path cfg = file("time-range UNUSED\n periodic daily 1:00 to 2:00\n"
                + "time-range USED\n periodic weekend 0:00 to 23:59\n"
                + "access-list 101 permit ip any any time-range USED\naccess-list 102 permit ip any any\n");
        Run r = run(new ShowCommand(), cfg.toString(), "101", "--at", "2026-03-07T12:00");
        assertEquals("""
                time-range USED
                 periodic weekend 0:00 to 23:59
                Extended IP access list 101
                    10 permit ip any any time-range USED (active)
                """, r.out());
        assertEquals("Extended IP access list 102\n    10 permit ip any any\n",
                run(new ShowCommand(), cfg.toString(), "102").out());
    }

    @Test
    void explainSaysWhichTimeAndStatesItJudgedAt() {
        String imap = "tcp 172.16.11.5:41234 -> 172.16.27.70:143 flags=S";
        Run window = run(new ExplainCommand(), TIMED.toString(), "--to", "eth2/0", "--at", "2026-02-24T14:31", imap);
        assertEquals(0, window.exit(), window.err());
        assertEquals("""
                packet: tcp 172.16.11.5:41234 -> 172.16.27.70:143 flags=S ttl=64
                time: 2026-02-24 14:31:00 AEDT (--at): MAIL-MOVE active, OFFICE active
                eth2/0 out: access list packet_filter, 40 deny tcp any any eq 143 log time-range MAIL-MOVE -> deny
                verdict: deny
                """, window.out());
        Run after = run(new ExplainCommand(), TIMED.toString(), "--to", "eth2/0", "--at", "2026-02-24T14:36",
                "--json", imap);
        assertEquals("{\"verdict\":\"permit\",\"at\":\"2026-02-24T14:36:00\",\"timeRanges\":{\"MAIL-MOVE\":"
                + "\"inactive\",\"OFFICE\":\"active\"},\"steps\":[{\"interface\":\"eth2/0\",\"direction\":\"out\","
                + "\"acl\":\"packet_filter\",\"sequence\":60,\"entry\":\"permit tcp any any eq 143 time-range OFFICE\","
                + "\"result\":\"permit\"}]}\n", after.out());
        Run now = run(new ExplainCommand(), TIMED.toString(), "--to", "eth2/0", imap);
        String time = now.out().lines().toList().get(1);
        assertTrue(time.matches("time: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d AEDT \\(now\\): .*"), time);
        assertTrue(!run(new ExplainCommand(), SEED.toString(), "--to", "eth2/0", imap).out().contains("time:"),
                "no time line where no list names a range");
        assertEquals(2, run(new ExplainCommand(), TIMED.toString(), "--to", "eth2/0", "--at", "9am", imap).exit());
    }
}
