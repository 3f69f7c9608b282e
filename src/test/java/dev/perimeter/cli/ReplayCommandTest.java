package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.file.CaptureFiles;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perimeter replay} end to end over real capture files: the seed verification capture with the seed
 * configuration, read back by tcpdump. Expected counts come from tcpdump's own filters over the input.
 */
class ReplayCommandTest {
    static final Path SEED_PCAP = Path.of("pcaps/seed-verification.pcap");
    static final Path SEED_PCAPNG = Path.of("pcaps/seed-two-sided.pcapng");
    static final String SEED_CFG = "examples/seed-router.cfg";

    /** The seed list's entries as BPF, in order: what each entry matches among the capture's frames. */
    static final String MAIL_SERVER = "tcp and dst host 172.16.27.66 and dst port 25";
    static final String OTHER_MAIL = "tcp and dst port 25 and not dst host 172.16.27.66";
    static final String POP = "tcp and dst portrange 109-110";
    static final String IMAP = "tcp and dst port 143";
    static final String DENIED = "(" + OTHER_MAIL + ") or (" + POP + ") or (" + IMAP + ")";

    @TempDir
    Path dir;

    static String matches(long n) {
        return n == 0 ? "" : n == 1 ? " (1 match)" : " (" + n + " matches)";
    }

    @Test
    void theSeedCaptureIsFilteredLoggedAndCountedAsTheRouterWould() throws Exception {
        ExternalTools.require("tcpdump");
        Path fwd = dir.resolve("forwarded.pcap");
        Path drp = dir.resolve("dropped.pcap");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", SEED_PCAP.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());

        // the first attempt on each denied port is logged at once, as IOS does
        List<String> log = run.logLines();
        for (String expected : List.of(
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) -> 172.16.27.70(143), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41235) -> 172.16.27.70(25), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41236) -> 172.16.27.70(109), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41237) -> 172.16.27.70(110), 1 packet")) {
            assertTrue(log.stream().anyMatch(l -> l.endsWith(": " + expected)), expected + " in\n" + run.out());
        }
        assertTrue(log.get(0).matches("\\d\\d:\\d\\d:\\d\\d: %SEC-6-IPACCESSLOGP: .*"), log.get(0));
        // every denied packet is in some log line's count
        long logged = log.stream().mapToLong(l -> Long.parseLong(l.replaceAll(".*, (\\d+) packets?$", "$1"))).sum();
        int denied = ExternalTools.tcpdumpCount(SEED_PCAP, DENIED);
        assertEquals(denied, logged);

        int total = ExternalTools.tcpdumpCount(SEED_PCAP, null);
        int ipv4 = ExternalTools.tcpdumpCount(SEED_PCAP, "ip");
        int mail = ExternalTools.tcpdumpCount(SEED_PCAP, MAIL_SERVER);
        int otherMail = ExternalTools.tcpdumpCount(SEED_PCAP, OTHER_MAIL);
        int pop = ExternalTools.tcpdumpCount(SEED_PCAP, POP);
        int imap = ExternalTools.tcpdumpCount(SEED_PCAP, IMAP);
        assertTrue(mail > 0 && otherMail > 0 && pop > 0 && imap > 0 && ipv4 < total, "the capture covers the list");
        List<String> lines = run.outLines();
        List<String> show = List.of(
                "Extended IP access list packet_filter",
                "    10 permit tcp any host 172.16.27.66 eq smtp" + matches(mail),
                "    20 deny tcp any any eq smtp log" + matches(otherMail),
                "    30 deny tcp any any range pop2 pop3 log" + matches(pop),
                "    40 deny tcp any any eq 143 log" + matches(imap),
                "    50 permit ip any any" + matches(ipv4 - mail - otherMail - pop - imap));
        int at = lines.indexOf(show.get(0));
        assertTrue(at > 0, run.out());
        assertEquals(show, lines.subList(at, at + show.size()));
        assertTrue(run.out().contains("read " + total + " = forwarded " + (total - denied) + " + dropped " + denied
                + " + malformed 0"), run.out());
        assertTrue(run.out().contains("0x0806 ARP"), run.out());

        // the outputs hold exactly the input's frames, byte for byte, with their timestamps
        assertEquals(tcpdumpBytes(SEED_PCAP, DENIED), tcpdumpBytes(drp, null));
        assertEquals(tcpdumpBytes(SEED_PCAP, "not (" + DENIED + ")"), tcpdumpBytes(fwd, null));
        assertEquals(CaptureFormat.PCAP, CaptureFiles.detect(fwd));
    }

    /**
     * examples/time-ranges.cfg: on a router in Sydney (UTC+11 in February, its summer), POP and IMAP are denied and
     * logged in the change window 14:30 to 14:35 (local, the end minute included: 03:30:00 to 03:35:59 UTC) and
     * permitted by the office hours around it. The seed capture runs from 03:26:20 to 03:37 UTC, so its later
     * attempts fall inside the window and after it: each frame meets the entries of its own minute, told apart
     * here by tcpdump's times.
     */
    @Test
    void timeRangesDecideEachFrameOfTheSeedCaptureAtItsOwnTime() throws Exception {
        ExternalTools.require("tcpdump");
        Path drp = dir.resolve("dropped.pcap");
        ReplayRun run = ReplayRun.of("--config", "examples/time-ranges.cfg", "--egress", "eth2/0",
                SEED_PCAP.toString(), "--dropped", drp.toString(), "--json", "--log", dir.resolve("log").toString());
        assertEquals(0, run.exitCode(), run.err());
        long windowStart = java.time.Instant.parse("2026-02-24T03:30:00Z").getEpochSecond();
        long windowEnd = java.time.Instant.parse("2026-02-24T03:36:00Z").getEpochSecond();
        java.util.function.Predicate<String> inWindow = line -> {
            double t = Double.parseDouble(line.substring(0, line.indexOf(' ')));
            return t >= windowStart && t < windowEnd;
        };
        List<String> pop = ExternalTools.tcpdump(SEED_PCAP, POP);
        List<String> imap = ExternalTools.tcpdump(SEED_PCAP, IMAP);
        long popIn = pop.stream().filter(inWindow).count();
        long imapIn = imap.stream().filter(inWindow).count();
        assertTrue(popIn > 0 && imapIn > 0 && popIn < pop.size() && imapIn < imap.size(),
                "the capture has attempts on both sides of the window");
        JsonObject json = run.json();
        JsonArray entries = json.getAsJsonArray("accessLists").get(0).getAsJsonObject().getAsJsonArray("entries");
        long[] expected = {ExternalTools.tcpdumpCount(SEED_PCAP, MAIL_SERVER), ExternalTools.tcpdumpCount(SEED_PCAP,
                OTHER_MAIL), popIn, imapIn, pop.size() - popIn, imap.size() - imapIn, 0, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], entries.get(i).getAsJsonObject().get("matches").getAsLong(), "entry " + i);
        }
        // at the end of the capture (14:37 in Sydney) the window is over and the office still open
        assertEquals(false, entries.get(2).getAsJsonObject().get("timeRangeActive").getAsBoolean());
        assertEquals(true, entries.get(5).getAsJsonObject().get("timeRangeActive").getAsBoolean());
        assertTrue(!entries.get(0).getAsJsonObject().has("timeRangeActive"));
        // the dropped frames are the other mail and the mailbox attempts inside the window, at their times
        List<String> dropped = ExternalTools.tcpdump(drp);
        List<String> want = ExternalTools.tcpdump(SEED_PCAP, "(" + OTHER_MAIL + ") or (" + POP + ") or (" + IMAP + ")")
                .stream().filter(l -> l.contains(".25: ") || inWindow.test(l)).toList();
        assertEquals(want, dropped);
        // logged: the window's first attempts per flow, none of those the office hours let through
        List<String> log = Files.readAllLines(dir.resolve("log"));
        assertTrue(log.stream().anyMatch(l -> l.endsWith("172.16.27.70(143), 1 packet")), String.join("\n", log));
        assertTrue(log.stream().noneMatch(l -> l.contains("(109)")), "the port 109 attempt came before the window");
    }

    /**
     * Frames chosen a microsecond either side of the window's first minute (14:30 in Sydney, 03:30 UTC) and of
     * the minute after its last one, one after office hours, and one in June, when Sydney keeps standard time
     * (07:00 UTC is 17:00 there, still office hours, where summer time would make it 18:00): each is judged,
     * counted and logged as its own minute says, with the log's local time on the router's clock.
     */
    @Test
    void aFrameAMicrosecondEitherSideOfAChangeMeetsItsOwnSide() throws Exception {
        Path cfg = dir.resolve("r.cfg");
        Files.writeString(cfg, Files.readString(Path.of("examples/time-ranges.cfg"))
                + "service timestamps log datetime msec localtime\n");
        long[] times = {micros("2026-02-24T03:29:59.999999Z"), micros("2026-02-24T03:30:00Z"),
                micros("2026-02-24T03:35:59.999999Z"), micros("2026-02-24T03:36:00Z"), micros("2026-02-24T07:00:00Z"),
                micros("2026-06-01T07:00:00Z")};
        Path in = dir.resolve("edges.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAP, LinkType.ETHERNET)) {
            for (int i = 0; i < times.length; i++) {
                byte[] syn = FrameBuilder.tcp("172.16.11.5", 50000 + i, "172.16.27.70", 143, 0x02).build();
                w.write(syn, 0, syn.length, syn.length, times[i] * 1000, 0);
            }
        }
        Path fwd = dir.resolve("f.pcap");
        ReplayRun run = ReplayRun.of("--config", cfg.toString(), "--egress", "eth2/0", in.toString(), "--forwarded",
                fwd.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<Long> forwarded = new ArrayList<>();
        try (CaptureReader r = CaptureFiles.openReader(fwd)) {
            CapturedFrame f = new CapturedFrame(2048);
            while (r.next(f)) {
                forwarded.add(f.timestampNanos / 1000);
            }
        }
        assertEquals(List.of(times[0], times[3], times[5]), forwarded);
        assertEquals(List.of(
                "*Feb 24 14:30:00.000: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(50001) -> "
                        + "172.16.27.70(143), 1 packet",
                "*Feb 24 14:35:59.999: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(50002) -> "
                        + "172.16.27.70(143), 1 packet",
                "*Feb 24 18:00:00.000: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(50004) -> "
                        + "172.16.27.70(143), 1 packet"), run.logLines());
        List<String> lines = run.outLines();
        assertTrue(lines.contains("    40 deny tcp any any eq 143 log time-range MAIL-MOVE (inactive) (2 matches)"),
                run.out());
        assertTrue(lines.contains("    60 permit tcp any any eq 143 time-range OFFICE (active) (3 matches)"),
                run.out());
        assertTrue(lines.contains("    80 deny tcp any any eq 143 log (1 match)"), run.out());
    }

    static long micros(String instant) {
        java.time.Instant i = java.time.Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** examples/object-groups.cfg: the seed list with object groups, and a deny of a media stream and pings. */
    static final String GROUPS_CFG = "examples/object-groups.cfg";
    /** Its entries as BPF, the groups written out by hand: HOSTS is 172.16.27.67-80. */
    static final String GROUP_MAIL_SERVER = MAIL_SERVER;
    static final String GROUP_MAIL = "tcp and dst net 172.16.27.0/24 and (dst port 25 or dst portrange 109-110"
            + " or dst port 143) and not (" + MAIL_SERVER + ")";
    static final String HOSTS = "(dst host 172.16.27.67 or dst net 172.16.27.68/30 or dst net 172.16.27.72/29"
            + " or dst host 172.16.27.80)";
    /** udp dst port matches only first fragments: the later ones carry no ports, and a deny with ports passes them on. */
    static final String GROUP_MEDIA = HOSTS + " and ((udp and dst port 5004) or icmp[icmptype] = icmp-echo)";
    static final String GROUP_DENIED = "(" + GROUP_MAIL + ") or (" + GROUP_MEDIA + ")";

    @Test
    void aListNamingObjectGroupsIsFilteredLoggedAndCountedPerEntryAsWritten() throws Exception {
        ExternalTools.require("tcpdump");
        Path fwd = dir.resolve("forwarded.pcap");
        Path drp = dir.resolve("dropped.pcap");
        ReplayRun run = ReplayRun.of("--config", GROUPS_CFG, "--egress", "eth2/0", SEED_PCAP.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());

        int ipv4 = ExternalTools.tcpdumpCount(SEED_PCAP, "ip");
        int mail = ExternalTools.tcpdumpCount(SEED_PCAP, GROUP_MAIL_SERVER);
        int denied = ExternalTools.tcpdumpCount(SEED_PCAP, GROUP_MAIL);
        int media = ExternalTools.tcpdumpCount(SEED_PCAP, GROUP_MEDIA);
        int fragments = ExternalTools.tcpdumpCount(SEED_PCAP, "udp and ip[6:2] & 0x1fff != 0");
        assertTrue(mail > 0 && denied > 0 && media >= 2 && fragments > 0, "the capture covers the list");
        List<String> lines = run.outLines();
        // one count per entry as written, whichever member matched; the groups' names as configured
        List<String> show = List.of(
                "Extended IP access list packet_filter",
                "    10 permit object-group SMTP any object-group MAIL_SERVERS" + matches(mail),
                "    20 deny object-group MAIL any object-group INSIDE log" + matches(denied),
                "    30 deny object-group MEDIA any object-group HOSTS log" + matches(media),
                "    40 permit ip any any" + matches(ipv4 - mail - denied - media));
        int at = lines.indexOf(show.get(0));
        assertTrue(at > 0, run.out());
        assertEquals(show, lines.subList(at, at + show.size()));

        List<String> log = run.logLines();
        for (String expected : List.of(
                "%SEC-6-IPACCESSLOGDP: list packet_filter denied icmp 172.16.11.5 -> 172.16.27.70 (8/0), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied udp 172.16.11.5(41260) -> 172.16.27.70(5004), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) -> 172.16.27.70(143), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41235) -> 172.16.27.70(25), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41236) -> 172.16.27.70(109), 1 packet",
                "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41237) -> 172.16.27.70(110), 1 packet")) {
            assertTrue(log.stream().anyMatch(l -> l.endsWith(": " + expected)), expected + " in\n" + run.out());
        }
        long logged = log.stream().mapToLong(l -> Long.parseLong(l.replaceAll(".*, (\\d+) packets?$", "$1"))).sum();
        int dropped = ExternalTools.tcpdumpCount(SEED_PCAP, GROUP_DENIED);
        assertEquals(denied + media, dropped);
        assertEquals(dropped, logged, "every denied packet is in some log line's count");

        // the later fragments of the denied media stream pass, as IOS passes them
        assertEquals(tcpdumpBytes(SEED_PCAP, GROUP_DENIED), tcpdumpBytes(drp, null));
        assertEquals(tcpdumpBytes(SEED_PCAP, "not (" + GROUP_DENIED + ")"), tcpdumpBytes(fwd, null));
        assertEquals(fragments, ExternalTools.tcpdumpCount(fwd, "udp and ip[6:2] & 0x1fff != 0"));
    }

    /** examples/object-groups.cfg with every group written out by hand, one entry per combination. */
    static final String GROUPS_BY_HAND = """
            ip access-list extended packet_filter
             permit tcp any host 172.16.27.66 eq smtp
             deny tcp any 172.16.27.0 0.0.0.255 eq smtp log
             deny tcp any 172.16.27.0 0.0.0.255 range pop2 pop3 log
             deny tcp any 172.16.27.0 0.0.0.255 eq 143 log
             deny udp any host 172.16.27.67 eq 5004 log
             deny icmp any host 172.16.27.67 echo log
             deny udp any 172.16.27.68 0.0.0.3 eq 5004 log
             deny icmp any 172.16.27.68 0.0.0.3 echo log
             deny udp any 172.16.27.72 0.0.0.7 eq 5004 log
             deny icmp any 172.16.27.72 0.0.0.7 echo log
             deny udp any host 172.16.27.80 eq 5004 log
             deny icmp any host 172.16.27.80 echo log
             permit ip any any
            interface eth2/0
             ip access-group packet_filter out
            """;
    /** The entry of examples/object-groups.cfg each entry of {@link #GROUPS_BY_HAND} stands for. */
    static final int[] BY_HAND_TO_GROUPED = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3};

    @Test
    void aListNamingObjectGroupsPassesAndCountsAsItsExpansionWrittenByHand() throws Exception {
        Path flood = dir.resolve("flood.pcap");
        assertEquals(0, PerimeterCommand.commandLine().execute("generate", "flood", "--frames", "200000", "--seed", "5",
                flood.toString()));
        Path byHand = dir.resolve("by-hand.cfg");
        java.nio.file.Files.writeString(byHand, GROUPS_BY_HAND);
        ReplayRun grouped = ReplayRun.of("--config", GROUPS_CFG, "--egress", "eth2/0", flood.toString(),
                "--forwarded", dir.resolve("g-fwd.pcap").toString(), "--dropped", dir.resolve("g-drp.pcap").toString(),
                "--json");
        ReplayRun plain = ReplayRun.of("--config", byHand.toString(), "--egress", "eth2/0", flood.toString(),
                "--forwarded", dir.resolve("p-fwd.pcap").toString(), "--dropped", dir.resolve("p-drp.pcap").toString(),
                "--json");
        assertEquals(0, grouped.exitCode(), grouped.err());
        assertEquals(0, plain.exitCode(), plain.err());
        JsonArray g = grouped.json().getAsJsonArray("accessLists").get(0)
                .getAsJsonObject().getAsJsonArray("entries");
        JsonArray p = plain.json().getAsJsonArray("accessLists").get(0)
                .getAsJsonObject().getAsJsonArray("entries");
        long[] expected = new long[g.size()];
        for (int i = 0; i < p.size(); i++) {
            expected[BY_HAND_TO_GROUPED[i]] += p.get(i).getAsJsonObject().get("matches").getAsLong();
        }
        for (int i = 0; i < g.size(); i++) {
            assertEquals(expected[i], g.get(i).getAsJsonObject().get("matches").getAsLong(), "entry " + i);
            assertTrue(expected[i] > 0, "the flood reaches entry " + i);
        }
        assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(dir.resolve("p-drp.pcap")),
                java.nio.file.Files.readAllBytes(dir.resolve("g-drp.pcap"))), "the same frames dropped");
        assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(dir.resolve("p-fwd.pcap")),
                java.nio.file.Files.readAllBytes(dir.resolve("g-fwd.pcap"))), "the same frames forwarded");
        // the log lines name packets, not entries: the same lines (the timestamps are the capture's)
        List<String> logged = plain.err().lines().filter(l -> l.contains("%SEC-6-IPACCESSLOG")).toList();
        assertTrue(logged.size() > 100, "log lines: " + logged.size());
        assertEquals(logged, grouped.err().lines().filter(l -> l.contains("%SEC-6-IPACCESSLOG")).toList());
    }

    static List<String> tcpdumpBytes(Path file, String filter) throws Exception {
        return ExternalTools.tcpdump(file, "-xx", filter);
    }

    @Test
    void jsonOutputIsOneObjectWithTheSameCounts() throws Exception {
        ExternalTools.require("tcpdump");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", SEED_PCAP.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject o = run.json();
        JsonObject frames = o.getAsJsonObject("frames");
        int total = ExternalTools.tcpdumpCount(SEED_PCAP, null);
        int denied = ExternalTools.tcpdumpCount(SEED_PCAP, DENIED);
        assertEquals(total, frames.get("read").getAsLong());
        assertEquals(total - denied, frames.get("forwarded").getAsLong());
        assertEquals(denied, frames.get("dropped").getAsLong());
        assertEquals(0, frames.get("malformed").getAsLong());
        assertTrue(o.get("balanced").getAsBoolean());
        assertEquals(denied, o.getAsJsonObject("droppedByList").getAsJsonObject("packet_filter").get("total")
                .getAsLong());
        assertEquals(ExternalTools.tcpdumpCount(SEED_PCAP, "arp"),
                o.getAsJsonObject("nonIpv4ByEthertype").getAsJsonObject("0x0806").get("frames").getAsLong());
        JsonArray entries = o.getAsJsonArray("accessLists").get(0).getAsJsonObject().getAsJsonArray("entries");
        JsonObject imap = entries.get(3).getAsJsonObject();
        assertEquals(40, imap.get("sequence").getAsInt());
        assertEquals("deny tcp any any eq 143 log", imap.get("entry").getAsString());
        assertEquals(ExternalTools.tcpdumpCount(SEED_PCAP, IMAP), imap.get("matches").getAsLong());
        // the log lines went to standard error, keeping standard output one JSON object
        assertTrue(run.err().contains("%SEC-6-IPACCESSLOGP"), run.err());
    }

    @Test
    void aTwoSidedPcapngReplaysBothDirections() throws Exception {
        ExternalTools.require("tcpdump");
        Path fwd = dir.resolve("forwarded.pcapng");
        Path drp = dir.resolve("dropped.pcapng");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, SEED_PCAPNG.toString(), "--forwarded", fwd.toString(),
                "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(tcpdumpBytes(SEED_PCAPNG, DENIED), tcpdumpBytes(drp, null));
        assertEquals(tcpdumpBytes(SEED_PCAPNG, "not (" + DENIED + ")"), tcpdumpBytes(fwd, null));
        assertEquals(CaptureFormat.PCAPNG, CaptureFiles.detect(fwd));
        // replies entering on eth2/0 leave by the outside and never meet eth2/0's out list
        int fromInside = 0;
        try (CaptureReader in = CaptureFiles.openReader(SEED_PCAPNG)) {
            CapturedFrame f = new CapturedFrame(2048);
            while (in.next(f)) {
                if ("eth2/0".equals(in.interfaces().get(f.interfaceIndex).name())
                        && (f.data[12] & 0xff) == 0x08 && f.data[13] == 0) {
                    fromInside++;
                }
            }
        }
        assertTrue(fromInside > 0);
        int ipv4 = ExternalTools.tcpdumpCount(SEED_PCAPNG, "ip");
        int listed = ExternalTools.tcpdumpCount(SEED_PCAPNG, MAIL_SERVER) + ExternalTools.tcpdumpCount(SEED_PCAPNG, DENIED);
        assertTrue(run.out().contains("    50 permit ip any any" + matches(ipv4 - fromInside - listed) + "\n"),
                run.out());
        assertTrue(run.out().contains("eth2/0 <-> eth1/0"), run.out());
    }

    /**
     * The two-sided capture as a Linux box would have named its interfaces: eth2/0 is "ens3.2" in its interface
     * description block. With --map the replay is the same as with the configuration's own names; without it,
     * the replies from inside are taken as coming from outside.
     */
    @Test
    void mappedCaptureInterfaceNamesReplayAsTheConfigurationsOwn() throws Exception {
        byte[] bytes = Files.readAllBytes(SEED_PCAPNG);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("eth2/0");
        assertTrue(at > 0 && text.indexOf("eth2/0", at + 1) < 0, "one interface block names eth2/0");
        System.arraycopy("ens3.2".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, at, 6);
        Path linux = Files.write(dir.resolve("linux-names.pcapng"), bytes);

        ReplayRun own = ReplayRun.of("--config", SEED_CFG, SEED_PCAPNG.toString(), "--json");
        ReplayRun mapped = ReplayRun.of("--config", SEED_CFG, linux.toString(), "--map", "ens3.2=eth2/0", "--json");
        assertEquals(0, mapped.exitCode(), mapped.err());
        JsonObject expected = own.json();
        JsonObject got = mapped.json();
        for (String field : List.of("frames", "droppedByList", "ports", "accessLists")) {
            assertEquals(expected.get(field), got.get(field), field);
        }
        ReplayRun unmapped = ReplayRun.of("--config", SEED_CFG, linux.toString(), "--json");
        assertEquals(0, unmapped.exitCode(), unmapped.err());
        JsonArray ports = unmapped.json().getAsJsonArray("ports");
        assertEquals(expected.getAsJsonObject("frames").get("read"), ports.get(0).getAsJsonObject().get("received"),
                "every frame taken as entering on the outside: " + unmapped.out());
        assertTrue(!expected.get("ports").equals(ports), "the map decides where the replies enter");

        ReplayRun typo = ReplayRun.of("--config", SEED_CFG, linux.toString(), "--map", "ens3.9=eth2/0");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("--map ens3.9=eth2/0: the capture has no interface named ens3.9 (it has "
                + "eth1/0, ens3.2)"), typo.err());
    }

    /** Frames: a denied SYN, a bad IPv4 header, a TCP header cut short, a permitted datagram, an IPv6 packet. */
    Path awkwardCapture(Path file) throws IOException {
        byte[] syn = FrameBuilder.tcp("172.16.11.5", 41234, "172.16.27.70", 143, 0x02).build();
        byte[] badHeader = FrameBuilder.tcp("172.16.11.5", 41234, "172.16.27.70", 80, 0x02).build();
        badHeader[14] = 0x43; // version 4, IHL 3
        byte[] web = FrameBuilder.tcp("172.16.11.5", 41240, "172.16.27.70", 80, 0x02).build();
        byte[] dns = FrameBuilder.udp("172.16.11.5", 5353, "172.16.27.70", 53).build();
        byte[] v6 = FrameBuilder.ethernet().ipv6("2001:db8::1", "2001:db8::2").udp(1000, 53).build();
        try (CaptureWriter w = CaptureFiles.openWriter(file, CaptureFormat.PCAP, LinkType.ETHERNET)) {
            long t = 1_771_903_583_000_000_000L;
            w.write(syn, 0, syn.length, syn.length, t, 0);
            w.write(badHeader, 0, badHeader.length, badHeader.length, t + 1000, 0);
            w.write(web, 0, 14 + 20 + 10, web.length, t + 2000, 0); // snap length cut the TCP header
            w.write(dns, 0, dns.length, dns.length, t + 3000, 0);
            w.write(v6, 0, v6.length, v6.length, t + 4000, 0);
        }
        return file;
    }

    @Test
    void malformedAndCutFramesAreDroppedAndCounted() throws Exception {
        ExternalTools.require("tcpdump");
        Path in = awkwardCapture(dir.resolve("awkward.pcap"));
        Path fwd = dir.resolve("f.pcap");
        Path drp = dir.resolve("d.pcap");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, in.toString(), "--forwarded", fwd.toString(),
                "--dropped", drp.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject frames = run.json().getAsJsonObject("frames");
        assertEquals(5, frames.get("read").getAsLong());
        assertEquals(2, frames.get("forwarded").getAsLong());
        assertEquals(1, frames.get("dropped").getAsLong());
        assertEquals(2, frames.get("malformed").getAsLong());
        assertEquals(1, frames.get("malformedL4Truncated").getAsLong());
        assertEquals(1, frames.get("nonIpv4").getAsLong());
        List<String> dropped = ExternalTools.tcpdump(drp);
        assertEquals(3, dropped.size());
        assertTrue(dropped.get(0).contains("172.16.27.70.143"), dropped.get(0));
        List<String> forwarded = ExternalTools.tcpdump(fwd);
        assertEquals(2, forwarded.size());
        assertTrue(forwarded.get(0).contains(".53:"), forwarded.get(0));
        assertTrue(forwarded.get(1).contains("IP6"), forwarded.get(1));

        ReplayRun text = ReplayRun.of("--config", SEED_CFG, in.toString());
        assertTrue(text.out().contains("(L4 header cut short 1)"), text.out());
        assertTrue(text.out().contains("0x86dd IPv6"), text.out());
        assertTrue(text.out().contains("read 5 = forwarded 2 + dropped 1 + malformed 2"), text.out());
    }

    @Test
    void aCorruptCaptureStopsAtTheBadRecordAfterWritingEveryFrameBeforeIt() throws Exception {
        ExternalTools.require("tcpdump");
        byte[] seed = Files.readAllBytes(SEED_PCAP);
        // walk the records to find where the last one starts
        ByteBuffer b = ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xa1b2c3d4 && b.getInt(0) != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
        }
        int offset = 24;
        int last = -1;
        int records = 0;
        while (offset < seed.length) {
            last = offset;
            offset += 16 + b.getInt(offset + 8);
            records++;
        }
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(seed, last + 16 + 5));
        Path fwd = dir.resolve("f.pcap");
        Path drp = dir.resolve("d.pcap");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", cut.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("byte offset " + last), run.err());
        assertEquals(records - 1, ExternalTools.tcpdumpCount(fwd, null) + ExternalTools.tcpdumpCount(drp, null));
        assertTrue(run.out().contains("Extended IP access list packet_filter"), run.out());
        assertTrue(run.out().contains("read " + (records - 1) + " = "), run.out());
    }

    @Test
    void aPcapngCutBeforeItsFirstFrameIsAnEmptyOrCorruptReplayNeverACrash() throws Exception {
        byte[] seed = Files.readAllBytes(SEED_PCAPNG);
        ByteBuffer b = ByteBuffer.wrap(seed).order(seed[8] == 0x4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        List<Integer> boundaries = new ArrayList<>();
        int firstFrameEnd = 0;
        for (int at = 0; firstFrameEnd == 0; ) {
            int type = b.getInt(at);
            at += b.getInt(at + 4);
            boundaries.add(at);
            firstFrameEnd = type == 6 ? at : 0;
        }
        Path cut = dir.resolve("cut.pcapng");
        Path fwd = dir.resolve("f.pcapng");
        Path drp = dir.resolve("d.pcapng");
        for (int length = 0; length <= firstFrameEnd; length++) {
            Files.write(cut, java.util.Arrays.copyOf(seed, length));
            ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", cut.toString(),
                    "--forwarded", fwd.toString(), "--dropped", drp.toString(), "--json");
            String where = "cut at " + length + ": " + run.err();
            assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), where);
            if (boundaries.contains(length)) {
                assertEquals(0, run.exitCode(), where);
                assertEquals(length == firstFrameEnd ? 1 : 0, frames(fwd) + frames(drp), where);
            } else {
                assertEquals(1, run.exitCode(), where);
                assertTrue(run.err().contains("at byte offset "), where);
            }
        }
    }

    @Test
    void linuxCookedCapturesWithNanosecondTimesKeepTheirFormatAndLinkType() throws Exception {
        ExternalTools.require("tcpdump");
        Path in = dir.resolve("sll.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAP_NANO, LinkType.LINUX_SLL)) {
            long t = 1_771_903_583_123_456_789L;
            int[] ports = {143, 80, 25, 110, 443};
            for (int i = 0; i < ports.length; i++) {
                byte[] f = FrameBuilder.sll().ipv4("172.16.11.5", "172.16.27.70").tcp(41234 + i, ports[i])
                        .flags(0x02).build();
                w.write(f, 0, f.length, f.length, t + i * 1_000_001L, 0);
            }
        }
        Path fwd = dir.resolve("f.pcap");
        Path drp = dir.resolve("d.pcap");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", in.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(CaptureFormat.PCAP_NANO, CaptureFiles.detect(drp));
        assertEquals(nanoLines(in, DENIED), nanoLines(drp, null));
        assertEquals(nanoLines(in, "not (" + DENIED + ")"), nanoLines(fwd, null));
        assertEquals(3, nanoLines(drp, null).size());
        assertTrue(nanoLines(drp, null).get(0).startsWith("1771903583.123456789 "), nanoLines(drp, null).get(0));
    }

    /**
     * Captures of a router's serial links, Cisco HDLC and PPP, with a link keepalive among the datagrams (SLARP,
     * LCP echo): judged as tcpdump's filters split them, the keepalive forwarded as not IPv4.
     */
    @Test
    void serialLinkCapturesAreJudged() throws Exception {
        ExternalTools.require("tcpdump");
        byte[] slarp = {(byte) 0x8f, 0, (byte) 0x80, 0x35, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
        byte[] lcpEcho = {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 9, 1, 0, 8, 0, 0, 0, 0};
        for (int link : new int[] {LinkType.C_HDLC, LinkType.PPP}) {
            Path in = dir.resolve("serial-" + link + ".pcap");
            try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAP, link)) {
                int[] ports = {143, 80, 25, 110, 443};
                long t = 1_771_903_583_000_000_000L;
                for (int i = 0; i < ports.length; i++) {
                    FrameBuilder b = link == LinkType.C_HDLC ? FrameBuilder.ciscoHdlc() : FrameBuilder.ppp();
                    byte[] f = b.ipv4("172.16.11.5", "172.16.27.70").tcp(41234 + i, ports[i]).flags(0x02).build();
                    w.write(f, 0, f.length, f.length, t + i * 1000, 0);
                }
                byte[] keepalive = link == LinkType.C_HDLC ? slarp : lcpEcho;
                w.write(keepalive, 0, keepalive.length, keepalive.length, t + 10_000, 0);
            }
            Path fwd = dir.resolve("f-" + link + ".pcap");
            Path drp = dir.resolve("d-" + link + ".pcap");
            ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", in.toString(),
                    "--forwarded", fwd.toString(), "--dropped", drp.toString(), "--json");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(3, nanoLines(drp, null).size(), "link type " + link);
            assertEquals(nanoLines(in, DENIED), nanoLines(drp, null), "link type " + link);
            assertEquals(nanoLines(in, "not (" + DENIED + ")"), nanoLines(fwd, null), "link type " + link);
            JsonObject frames = run.json().getAsJsonObject("frames");
            assertEquals(1, frames.get("nonIpv4").getAsLong(), run.out());
            assertEquals(0, frames.get("malformed").getAsLong(), run.out());
        }
    }

    /**
     * A capture whose frames end with their Ethernet FCS says so in the high bits of its link-type field: the
     * outputs keep the field, so tools still take the last four bytes for the FCS, and the frames are judged.
     */
    @Test
    void theLinkTypeFieldsFcsBitsAreKept() throws Exception {
        ExternalTools.require("tcpdump");
        Path in = dir.resolve("fcs.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAP, LinkType.ETHERNET)) {
            int[] ports = {143, 80};
            for (int i = 0; i < ports.length; i++) {
                byte[] f = FrameBuilder.ethernet().ipv4("172.16.11.5", "172.16.27.70").tcp(41234 + i, ports[i])
                        .flags(0x02).build();
                byte[] withFcs = java.util.Arrays.copyOf(f, f.length + 4); // an FCS of zeros: only its place matters
                w.write(withFcs, 0, withFcs.length, withFcs.length, 1_771_903_583_000_000_000L + i * 1000, 0);
            }
        }
        int field = LinkType.ETHERNET | 0x04000000 | 2 << 28; // libpcap: FCS length present, two 16-bit words
        try (var ch = java.nio.channels.FileChannel.open(in, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, field), 20);
        }
        Path fwd = dir.resolve("f.pcap");
        Path drp = dir.resolve("d.pcap");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", in.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (Path out : List.of(fwd, drp)) {
            assertEquals(field, ByteBuffer.wrap(Files.readAllBytes(out), 20, 4).order(ByteOrder.nativeOrder())
                    .getInt(), out.toString());
            assertEquals(1, nanoLines(out, null).size(), out.toString());
        }
        assertEquals(nanoLines(in, DENIED), nanoLines(drp, null));
        assertEquals(nanoLines(in, "not (" + DENIED + ")"), nanoLines(fwd, null));
    }

    /**
     * Opening an output truncates it: an output that is the capture being read (by any name), the configuration,
     * or another output is refused before anything is opened, and every file is left as it was. Two outputs may
     * share a device such as /dev/null.
     */
    @Test
    void anOutputThatIsAnInputOrAnotherOutputIsRefusedAndNothingIsLost() throws Exception {
        Path in = Files.copy(SEED_PCAP, dir.resolve("in.pcap"));
        Path cfg = Files.copy(Path.of(SEED_CFG), dir.resolve("router.cfg"));
        Path link = Files.createSymbolicLink(dir.resolve("link.pcap"), in);
        byte[] capture = Files.readAllBytes(in);
        byte[] configuration = Files.readAllBytes(cfg);
        String[][] clashes = {
            {"--forwarded", in.toString()},
            {"--dropped", link.toString()},
            {"--forwarded", dir.resolve("out.pcap").toString(), "--dropped", dir.resolve("x/../out.pcap").toString()},
            {"--log", cfg.toString()},
        };
        String[] said = {"--forwarded " + in + " is the input capture", "--dropped " + link + " is the input capture",
            "--forwarded and --dropped name the same file", "--log " + cfg + " is the configuration"};
        for (int i = 0; i < clashes.length; i++) {
            List<String> args = new ArrayList<>(List.of("--config", cfg.toString(), "--egress", "eth2/0",
                    in.toString()));
            args.addAll(List.of(clashes[i]));
            ReplayRun run = ReplayRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains(said[i]) && run.err().contains("nothing replayed"), run.err());
            assertTrue(run.out().isEmpty(), run.out());
            assertTrue(java.util.Arrays.equals(capture, Files.readAllBytes(in)), "the capture is untouched");
            assertTrue(java.util.Arrays.equals(configuration, Files.readAllBytes(cfg)), "the configuration too");
        }
        assertTrue(Files.notExists(dir.resolve("out.pcap")));
        ReplayRun both = ReplayRun.of("--config", cfg.toString(), "--egress", "eth2/0", in.toString(),
                "--forwarded", "/dev/null", "--dropped", "/dev/null", "--json");
        assertEquals(0, both.exitCode(), both.err());
    }

    /**
     * {@code -} as the input reads the capture from standard input ({@code zcat c.pcap.gz | perimeter replay ...
     * -}), and {@code --forwarded -} writes the forwarded frames to standard output as {@code tcpdump -w -} does:
     * the same bytes as a file output, with the log lines and the summary on standard error. Run in a child JVM
     * whose standard input and output are files here.
     */
    @Test
    void aCaptureCanComeFromStandardInputAndGoToStandardOutput() throws Exception {
        Path file = dir.resolve("fwd.pcap");
        ReplayRun toFile = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", SEED_PCAP.toString(),
                "--forwarded", file.toString());
        assertEquals(0, toFile.exitCode(), toFile.err());
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process child = new ProcessBuilder(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), PerimeterCommand.class.getName(),
                "replay", "--config", SEED_CFG, "--egress", "eth2/0", "-", "--forwarded", "-")
                .redirectInput(SEED_PCAP.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child ends");
        String report = Files.readString(stderr);
        assertEquals(0, child.exitValue(), report);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(stdout)),
                "standard output carries the same capture as the file");
        assertTrue(report.contains("%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234)"), report);
        assertTrue(report.contains("read 60 = forwarded 49 + dropped 11 + malformed 0"), report);
        assertTrue(Files.notExists(Path.of("-")), "no file named -");
    }

    /**
     * A binding that names no list, or a configuration that binds none on the replay's sides, lets every frame
     * pass as on the router: replayed, with a warning, since it is more often a slip than the intent.
     */
    @Test
    void sidesWithoutAListAreReplayedWithAWarning() throws Exception {
        Path undefined = Files.writeString(dir.resolve("undefined.cfg"),
                "ip access-list extended x\n deny ip any any\ninterface eth0\n ip access-group y in\n");
        ReplayRun run = ReplayRun.of("--config", undefined.toString(), "--ingress", "eth0", SEED_PCAP.toString(),
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: interface eth0: ip access-group y in names no access list; as on "
                + "the router, it lets every frame pass"), run.err());
        assertTrue(run.err().contains("warning: no access list applies on eth0 or inside: every frame passes"),
                run.err());
        JsonObject frames = run.json().getAsJsonObject("frames");
        assertEquals(60, frames.get("forwarded").getAsLong());

        Path unbound = Files.writeString(dir.resolve("unbound.cfg"), "ip access-list extended x\n deny ip any any\n");
        run = ReplayRun.of("--config", unbound.toString(), SEED_PCAP.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: no access list applies on outside or inside"), run.err());

        run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", SEED_PCAP.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(!run.err().contains("warning"), run.err());
    }

    @Test
    void aDirectoryIsNoCapture() {
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(dir + ": a directory, not a capture file"), run.err());
    }

    /** A macOS loopback capture (DLT_NULL, AF_INET in little-endian): judged as tcpdump's filters split it. */
    @Test
    void bsdLoopbackCapturesAreJudged() throws Exception {
        ExternalTools.require("tcpdump");
        Path in = dir.resolve("lo0.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAP, LinkType.NULL)) {
            int[] ports = {143, 80, 25, 110, 443};
            for (int i = 0; i < ports.length; i++) {
                byte[] p = FrameBuilder.rawIp().ipv4("127.0.0.1", "127.0.0.1").tcp(50000 + i, ports[i])
                        .flags(0x02).build();
                byte[] f = new byte[4 + p.length];
                f[0] = 2; // AF_INET, host byte order of a little-endian Mac
                System.arraycopy(p, 0, f, 4, p.length);
                w.write(f, 0, f.length, f.length, 1_771_903_583_000_000_000L + i * 1000, 0);
            }
        }
        Path fwd = dir.resolve("f.pcap");
        Path drp = dir.resolve("d.pcap");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", in.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(3, nanoLines(drp, null).size());
        assertEquals(nanoLines(in, DENIED), nanoLines(drp, null));
        assertEquals(nanoLines(in, "not (" + DENIED + ")"), nanoLines(fwd, null));
    }

    /**
     * Frames of a link type the decoder cannot read cannot be judged: each is dropped as malformed, written with
     * the dropped frames, and the replay goes on to the frames after it. The interface is named in a warning.
     */
    @Test
    void framesOfAnUndecodableLinkTypeAreDroppedAsMalformedAndTheReplayGoesOn() throws Exception {
        Path in = dir.resolve("wifi.pcapng");
        List<CaptureReader.CaptureInterface> itfs = List.of(new CaptureReader.CaptureInterface("eth0",
                LinkType.ETHERNET, 0), new CaptureReader.CaptureInterface("wlan0", 105, 0));
        byte[] telnet = FrameBuilder.tcp("172.16.11.5", 41234, "172.16.27.70", 143, 0x02).build();
        byte[] web = FrameBuilder.tcp("172.16.11.5", 41235, "172.16.27.70", 80, 0x02).build();
        // the 802.11 frames hold bytes that an Ethernet reading would take for permitted web traffic
        int[] interfaceOf = {0, 1, 0, 1, 1, 0, 0};
        byte[][] frameOf = {telnet, web, web, web, telnet, telnet, web};
        try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAPNG, itfs)) {
            for (int i = 0; i < interfaceOf.length; i++) {
                byte[] f = frameOf[i];
                w.write(f, 0, f.length, f.length, 1_771_903_583_000_000_000L + i, interfaceOf[i]);
            }
        }
        Path fwd = dir.resolve("f.pcapng");
        Path drp = dir.resolve("d.pcapng");
        ReplayRun run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth2/0", in.toString(),
                "--forwarded", fwd.toString(), "--dropped", drp.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: interface wlan0 has link type 105 (IEEE802_11), which replay does"
                + " not decode"), run.err());
        JsonObject frames = run.json().getAsJsonObject("frames");
        assertEquals(7, frames.get("read").getAsInt());
        assertEquals(2, frames.get("forwarded").getAsInt());
        assertEquals(2, frames.get("dropped").getAsInt());
        assertEquals(3, frames.get("malformed").getAsInt());
        assertEquals(3, frames.get("malformedLinkType").getAsInt());
        assertEquals(2, frames(fwd));
        assertEquals(5, frames(drp));
        try (CaptureReader r = CaptureFiles.openReader(fwd)) {
            CapturedFrame f = new CapturedFrame(64);
            while (r.next(f)) {
                assertEquals(0, f.interfaceIndex, "only Ethernet frames are forwarded");
            }
        }
    }

    /**
     * A list bound under {@code interface range} filters each interface of the range: in pcapng, frames entering
     * on either named interface meet its {@code in} list; in classic pcap, {@code --egress} takes an interface of
     * the range by its own name and its {@code out} list.
     */
    @Test
    void aListBoundUnderAnInterfaceRangeFiltersEachInterfaceOfIt() throws Exception {
        ExternalTools.require("tcpdump");
        Path cfg = dir.resolve("range.cfg");
        Files.writeString(cfg, """
                ip access-list extended EDGE
                 deny tcp any any eq 143
                 permit ip any any
                interface range GigabitEthernet 0/1 - 2 , GigabitEthernet0/4-5
                 description uplinks
                 ip access-group EDGE in
                 ip access-group EDGE out
                """);
        Path in = dir.resolve("two.pcapng");
        List<CaptureReader.CaptureInterface> itfs = List.of(
                new CaptureReader.CaptureInterface("GigabitEthernet0/1", LinkType.ETHERNET, 0),
                new CaptureReader.CaptureInterface("GigabitEthernet0/2", LinkType.ETHERNET, 0));
        try (CaptureWriter w = CaptureFiles.openWriter(in, CaptureFormat.PCAPNG, itfs)) {
            long t = 1_771_903_583_000_000_000L;
            for (int itf = 0; itf < 2; itf++) {
                for (int port : new int[] {143, 80}) {
                    byte[] f = FrameBuilder.tcp("10.0." + itf + ".5", 41234, "10.9.9.9", port, 0x02).build();
                    w.write(f, 0, f.length, f.length, t += 1000, itf);
                }
            }
        }
        Path fwd = dir.resolve("f.pcapng");
        Path drp = dir.resolve("d.pcapng");
        ReplayRun run = ReplayRun.of("--config", cfg.toString(), in.toString(), "--forwarded", fwd.toString(),
                "--dropped", drp.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(tcpdumpBytes(in, "tcp dst port 143"), tcpdumpBytes(drp, null));
        assertEquals(tcpdumpBytes(in, "tcp dst port 80"), tcpdumpBytes(fwd, null));
        assertEquals(2, frames(drp), "one denied frame entered on each interface of the range");
        assertTrue(run.out().contains("GigabitEthernet0/1 <-> GigabitEthernet0/2"), run.out());

        Path pcap = dir.resolve("one.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(pcap, CaptureFormat.PCAP, LinkType.ETHERNET)) {
            for (int port : new int[] {143, 80, 143}) {
                byte[] f = FrameBuilder.tcp("10.0.0.5", 41234, "10.9.9.9", port, 0x02).build();
                w.write(f, 0, f.length, f.length, 1_771_903_583_000_000_000L, 0);
            }
        }
        ReplayRun egress = ReplayRun.of("--config", cfg.toString(), "--egress", "GigabitEthernet0/5", pcap.toString(),
                "--json");
        assertEquals(0, egress.exitCode(), egress.err());
        JsonObject frames = egress.json().getAsJsonObject("frames");
        assertEquals(1, frames.get("forwarded").getAsLong());
        assertEquals(2, frames.get("dropped").getAsLong());
        ReplayRun outside = ReplayRun.of("--config", cfg.toString(), "--egress", "GigabitEthernet0/3",
                pcap.toString());
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains("(it has GigabitEthernet0/1, GigabitEthernet0/2, GigabitEthernet0/4,"
                + " GigabitEthernet0/5)"), outside.err());
    }

    static int frames(Path capture) throws IOException {
        int n = 0;
        try (CaptureReader r = CaptureFiles.openReader(capture)) {
            for (CapturedFrame f = new CapturedFrame(64); r.next(f); ) {
                n++;
            }
        }
        return n;
    }

    static List<String> nanoLines(Path file, String filter) throws Exception {
        return ExternalTools.tcpdump(file, "-xx", "--time-stamp-precision=nano", filter).stream()
                .filter(l -> !l.startsWith("\t")).toList();
    }

    @Test
    void badConfigurationsAndUnclearSidesAreReportedPlainly() throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "ip access-list extended x\n permit tcp any any eq 99999\n");
        ReplayRun run = ReplayRun.of("--config", cfg.toString(), SEED_PCAP.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("% Invalid input detected at '^' marker."), run.err());

        run = ReplayRun.of("--config", SEED_CFG, "--egress", "eth9/9", SEED_PCAP.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--egress eth9/9 is not an interface of the configuration"), run.err());

        run = ReplayRun.of("--config", SEED_CFG, dir.resolve("missing.pcap").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no such capture file"), run.err());

        Path nowhere = dir.resolve("no/such/dir/out.pcap");
        run = ReplayRun.of("--config", SEED_CFG, SEED_PCAP.toString(), "--dropped", nowhere.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("cannot write " + nowhere + ": no such directory"), run.err());
    }
}
