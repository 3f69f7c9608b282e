package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.DecodeStatus;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample captures: up to date with their generator, and what tcpdump sees in them. */
class SampleCapturesTest {
    private static final Path SEED = Path.of("pcaps", "seed-verification.pcap");
    private static final Path TWO_SIDED = Path.of("pcaps", "seed-two-sided.pcapng");

    @TempDir
    Path dir;

    @Test
    void shippedFilesAreWhatTheGeneratorWrites() throws IOException {
        SampleCaptures.writeSeedVerification(dir.resolve("seed.pcap"));
        SampleCaptures.writeSeedTwoSided(dir.resolve("two.pcapng"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("seed.pcap")), Files.readAllBytes(SEED),
                "pcaps/seed-verification.pcap is stale: run ./perimeter generate samples");
        assertArrayEquals(Files.readAllBytes(dir.resolve("two.pcapng")), Files.readAllBytes(TWO_SIDED),
                "pcaps/seed-two-sided.pcapng is stale: run ./perimeter generate samples");
        assertTrue(Files.size(SEED) < 64 * 1024 && Files.size(TWO_SIDED) < 64 * 1024);
    }

    @Test
    void tcpdumpSeesTheSeedVerification() {
        ExternalTools.require("tcpdump");
        List<String> lines = ExternalTools.tcpdump(SEED);
        assertEquals(60, lines.size());
        assertEquals(5, count(lines, "IP 172.16.11.5.41234 > 172.16.27.70.143: Flags [S]"));
        assertEquals(3, count(lines, "IP 172.16.11.5.41235 > 172.16.27.70.25: Flags [S]"));
        assertEquals(1, count(lines, "IP 172.16.11.5.41236 > 172.16.27.70.109: Flags [S]"));
        assertEquals(2, count(lines, "IP 172.16.11.5.41237 > 172.16.27.70.110: Flags [S]"));
        assertEquals(1, count(lines, "ARP, Request who-has 172.16.11.1 tell 172.16.11.5"));
        assertEquals(1, count(lines, "ARP, Reply 172.16.11.1 is-at"));
        assertEquals(1, count(lines, "172.16.11.5 > 172.16.27.70: ICMP echo request"));
        assertEquals(1, count(lines, "172.16.27.70 > 172.16.11.5: ICMP echo reply"));
        // the mail session: handshake, data both ways, both FINs
        assertEquals(1, count(lines, "172.16.11.5.41240 > 172.16.27.66.25: Flags [S],"));
        assertEquals(1, count(lines, "172.16.27.66.25 > 172.16.11.5.41240: Flags [S.]"));
        assertEquals(1, count(lines, "172.16.11.5.41240 > 172.16.27.66.25: Flags [F.]"));
        assertEquals(1, count(lines, "172.16.27.66.25 > 172.16.11.5.41240: Flags [F.]"));
        assertTrue(count(lines, "SMTP: MAIL FROM") == 1 && count(lines, "SMTP: 221") == 1);
        assertEquals(1, count(lines, "172.16.11.5.41250 > 172.16.27.70.80: Flags [P.]"));
        assertEquals(1, count(lines, "HTTP/1.1 200 OK"));
        // a fragmented UDP datagram: the first fragment with ports, two without
        assertEquals(1, count(lines, "172.16.11.5.41260 > 172.16.27.70.5004: UDP, length 3200"));
        assertEquals(2, count(lines, "172.16.11.5 > 172.16.27.70: ip-proto-17"));
        double first = Double.parseDouble(lines.get(0).split(" ")[0]);
        double last = Double.parseDouble(lines.get(lines.size() - 1).split(" ")[0]);
        assertEquals(1771903580.0, first, 1e-6); // 2026-02-24 03:26:20 UTC
        assertTrue(last - first > 600, "frames more than five minutes apart for the log updates");
        double previous = 0;
        for (String line : lines) {
            double t = Double.parseDouble(line.split(" ")[0]);
            assertTrue(t >= previous, "time order: " + line);
            previous = t;
        }
    }

    @Test
    void theTwoSidedCaptureNamesBothInterfaces() throws IOException {
        ExternalTools.require("tshark");
        List<String> rows = ExternalTools.run(List.of("tshark", "-r", TWO_SIDED.toString(), "-T", "fields",
                "-e", "frame.interface_name", "-e", "ip.src"), true).out();
        assertEquals(60, rows.size());
        for (String row : rows) {
            String[] cols = row.split("\t", -1);
            if (cols[1].startsWith("172.16.11.")) {
                assertEquals("eth1/0", cols[0], row);
            } else if (cols[1].startsWith("172.16.27.")) {
                assertEquals("eth2/0", cols[0], row);
            }
        }
        try (CaptureReader r = CaptureFiles.openReader(TWO_SIDED)) {
            assertEquals(CaptureFormat.PCAPNG, r.format());
            assertEquals("eth1/0", r.interfaces().get(0).name());
            assertEquals("eth2/0", r.interfaces().get(1).name());
        }
        Frames.assertSame(stripInterfaces(Frames.readAll(SEED)), stripInterfaces(Frames.readAll(TWO_SIDED)));
    }

    @Test
    void floodIsReproducibleAndMixed() throws IOException {
        Path a = dir.resolve("a.pcapng");
        FloodTraffic.write(a, CaptureFormat.PCAPNG, 5000, 42);
        Path b = dir.resolve("b.pcapng");
        FloodTraffic.write(b, CaptureFormat.PCAPNG, 5000, 42);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        int[] statuses = new int[DecodeStatus.values().length];
        int[] sides = new int[2];
        int vlans = 0;
        try (CaptureReader r = CaptureFiles.openReader(a)) {
            CapturedFrame f = new CapturedFrame(2048);
            FrameDecoder d = new FrameDecoder();
            PacketKey key = new PacketKey();
            while (r.next(f)) {
                statuses[d.decode(f.data, 0, f.capturedLength, f.linkType, key).ordinal()]++;
                sides[f.interfaceIndex]++;
                vlans += d.vlanId() >= 0 ? 1 : 0;
            }
        }
        assertEquals(5000, statuses[DecodeStatus.IPV4.ordinal()] + statuses[DecodeStatus.NON_IPV4.ordinal()]);
        assertTrue(statuses[DecodeStatus.NON_IPV4.ordinal()] > 100);
        assertTrue(sides[0] > 1000 && sides[1] > 500, sides[0] + "/" + sides[1]);
        assertTrue(vlans > 20);
        if (ExternalTools.installed("tcpdump")) {
            assertEquals(5000, ExternalTools.tcpdump(a).size());
        }
    }

    private static List<Frames> stripInterfaces(List<Frames> frames) {
        return frames.stream().map(f -> new Frames(f.timestampNanos(), 0, f.linkType(), f.originalLength(),
                f.data())).toList();
    }

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }
}
