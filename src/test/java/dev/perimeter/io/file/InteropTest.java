package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.DecodeStatus;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files the project writes, read by tcpdump and tshark; files they (and scapy) write, read by the project. */
class InteropTest {
    /** 2026-02-24 03:26:23.100200300 UTC */
    private static final long T0 = 1_771_903_583_100_200_300L;

    @TempDir
    Path dir;

    /** One known TCP/UDP frame: what tcpdump must print for it. */
    private record Known(FrameBuilder builder, String source, int sourcePort, String destination,
                         int destinationPort) {
        String tcpdumpText() {
            return source + "." + sourcePort + " > " + destination + "." + destinationPort + ":";
        }
    }

    private static List<Known> known(FrameBuilder... links) {
        List<Known> out = new ArrayList<>();
        int n = 0;
        for (FrameBuilder b : links) {
            String src = "172.16.11." + (5 + n);
            String dst = "172.16.27." + (60 + n);
            int sport = 41234 + n;
            int dport = new int[] {143, 25, 109, 110, 80, 53}[n % 6];
            b.ipv4(src, dst);
            if (n % 2 == 0) {
                b.tcp(sport, dport).flags(TcpFlags.SYN);
            } else {
                b.udp(sport, dport).payload("payload " + n);
            }
            out.add(new Known(b, src, sport, dst, dport));
            n++;
        }
        return out;
    }

    private static String seconds(long nanos, boolean nano) {
        long s = nanos / 1_000_000_000L;
        long f = nanos % 1_000_000_000L;
        return nano ? String.format("%d.%09d", s, f) : String.format("%d.%06d", s, f / 1000);
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void tcpdumpReadsWhatWeWriteInBothByteOrders(CaptureFormat format) throws IOException {
        ExternalTools.require("tcpdump");
        List<Known> frames = known(FrameBuilder.ethernet(), FrameBuilder.ethernet().vlan(10),
                FrameBuilder.ethernet().qinq(100, 20), FrameBuilder.ethernet(), FrameBuilder.ethernet().padded());
        boolean nano = format != CaptureFormat.PCAP;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path file = dir.resolve("ours-" + order);
            try (CaptureWriter w = CaptureFiles.openWriter(file, format,
                    List.of(new CaptureInterface("eth1/0", LinkType.ETHERNET, 0)), order)) {
                for (int i = 0; i < frames.size(); i++) {
                    byte[] f = frames.get(i).builder.build();
                    w.write(f, 0, f.length, f.length, T0 + i * 2_500_000_001L, 0);
                }
            }
            List<String> lines = nano ? ExternalTools.tcpdump(file, "-e", "--nano") : ExternalTools.tcpdump(file, "-e");
            assertEquals(frames.size(), lines.size(), String.join("\n", lines));
            for (int i = 0; i < frames.size(); i++) {
                String line = lines.get(i);
                assertTrue(line.startsWith(seconds(T0 + i * 2_500_000_001L, nano) + " "), line);
                assertTrue(line.contains(frames.get(i).tcpdumpText()), line);
            }
            assertTrue(lines.get(1).contains("vlan 10"), lines.get(1));
            assertTrue(lines.get(2).contains("vlan 100") && lines.get(2).contains("vlan 20"), lines.get(2));
            assertTrue(lines.get(0).contains("Flags [S]"), lines.get(0));
        }
    }

    @Test
    void tcpdumpReadsEveryLinkTypeWeWrite() throws IOException {
        ExternalTools.require("tcpdump");
        List<Known> frames = known(FrameBuilder.sll(), FrameBuilder.sll2(), FrameBuilder.rawIp(),
                FrameBuilder.ipv4Only(), FrameBuilder.sll2().vlan(7), FrameBuilder.ciscoHdlc(), FrameBuilder.ppp(),
                FrameBuilder.ethernet().tag(dev.perimeter.packet.EtherType.QINQ_OLD, 3, 1).vlan(4));
        for (int i = 0; i < frames.size(); i++) {
            Known k = frames.get(i);
            Path file = dir.resolve("link" + i + ".pcap");
            byte[] f = k.builder.build();
            try (CaptureWriter w = CaptureFiles.openWriter(file, CaptureFormat.PCAP, k.builder.linkType())) {
                w.write(f, 0, f.length, f.length, T0, 0);
            }
            List<String> lines = ExternalTools.tcpdump(file);
            assertEquals(1, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).contains(k.tcpdumpText()), "link " + k.builder.linkType() + ": " + lines);
            // and the project decodes the same fields from its own file
            try (CaptureReader r = CaptureFiles.openReader(file)) {
                CapturedFrame frame = new CapturedFrame(64);
                assertTrue(r.next(frame));
                PacketKey key = new PacketKey();
                assertEquals(DecodeStatus.IPV4, new FrameDecoder().decode(frame.data, frame.offset,
                        frame.capturedLength, frame.linkType, key));
                assertEquals(Ipv4.parse(k.destination), key.destination);
                assertEquals(k.destinationPort, key.destinationPort);
            }
        }
    }

    @Test
    void weReadWhatTcpdumpWrites() throws IOException {
        ExternalTools.require("tcpdump");
        Path ours = dir.resolve("ours.pcap");
        List<Frames> frames = CaptureFilesTest.sample(1);
        try (CaptureWriter w = CaptureFiles.openWriter(ours, CaptureFormat.PCAP_NANO,
                List.of(new CaptureInterface(null, LinkType.ETHERNET, 0)),
                ByteOrder.BIG_ENDIAN)) {
            CaptureFilesTest.write(w, frames);
        }
        Path micro = dir.resolve("tcpdump-micro.pcap");
        ExternalTools.run(List.of("tcpdump", "-r", ours.toString(), "-w", micro.toString()), true);
        Path nano = dir.resolve("tcpdump-nano.pcap");
        ExternalTools.run(List.of("tcpdump", "--time-stamp-precision=nano", "-r", ours.toString(),
                "-w", nano.toString()), true);
        assertEquals(CaptureFormat.PCAP, CaptureFiles.detect(micro));
        assertEquals(CaptureFormat.PCAP_NANO, CaptureFiles.detect(nano));
        Frames.assertSame(frames, Frames.readAll(nano));
        List<Frames> truncated = new ArrayList<>();
        for (Frames f : frames) {
            truncated.add(new Frames(f.timestampNanos() / 1000 * 1000, 0, f.linkType(), f.originalLength(),
                    f.data()));
        }
        Frames.assertSame(truncated, Frames.readAll(micro));
    }

    /** Every pcap flavour editcap writes that tcpdump reads too, read to the same frames. */
    @Test
    void weReadEveryPcapFlavourEditcapWritesThatTcpdumpReads() throws IOException {
        ExternalTools.require("editcap");
        ExternalTools.require("tcpdump");
        Path seed = dir.resolve("seed.pcap");
        SampleCaptures.writeSeedVerification(seed);
        List<Frames> frames = Frames.readAll(seed);
        for (String flavour : List.of("pcap", "nsecpcap", "modpcap", "pcapng")) {
            Path file = dir.resolve(flavour);
            ExternalTools.run(List.of("editcap", "-F", flavour, seed.toString(), file.toString()), true);
            assertEquals(frames.size(), ExternalTools.tcpdumpCount(file, null), flavour);
            Frames.assertSame(frames, Frames.readAll(file));
        }
    }

    @Test
    void tsharkPcapngKeepsInterfacesAndWeReadIt() throws IOException {
        ExternalTools.require("tshark");
        Path ours = dir.resolve("ours.pcapng");
        List<Frames> frames = CaptureFilesTest.sample(2);
        List<CaptureInterface> ifs = List.of(new CaptureInterface("eth1/0", LinkType.ETHERNET, 0),
                new CaptureInterface("eth2/0", LinkType.ETHERNET, 0));
        try (CaptureWriter w = CaptureFiles.openWriter(ours, CaptureFormat.PCAPNG, ifs)) {
            CaptureFilesTest.write(w, frames);
        }
        List<String> names = ExternalTools.run(List.of("tshark", "-r", ours.toString(), "-T", "fields",
                "-e", "frame.interface_name", "-e", "frame.time_epoch"), true).out();
        assertEquals(frames.size(), names.size());
        for (int i = 0; i < frames.size(); i++) {
            String[] cols = names.get(i).split("\t");
            assertEquals(frames.get(i).interfaceIndex() == 0 ? "eth1/0" : "eth2/0", cols[0]);
            assertEquals(seconds(frames.get(i).timestampNanos(), true), cols[1]);
        }
        Path theirs = dir.resolve("tshark.pcapng");
        ExternalTools.run(List.of("tshark", "-r", ours.toString(), "-F", "pcapng", "-w", theirs.toString()), true);
        try (CaptureReader r = CaptureFiles.openReader(theirs)) {
            assertEquals(CaptureFormat.PCAPNG, r.format());
            assertEquals("eth1/0", r.interfaces().get(0).name());
            assertEquals("eth2/0", r.interfaces().get(1).name());
            Frames.assertSame(frames, Frames.readAll(r));
        }
        Path fromPcap = dir.resolve("from-pcap.pcapng");
        Path pcap = dir.resolve("seed.pcap");
        SampleCaptures.writeSeedVerification(pcap);
        ExternalTools.run(List.of("tshark", "-r", pcap.toString(), "-F", "pcapng", "-w", fromPcap.toString()), true);
        Frames.assertSame(Frames.readAll(pcap), Frames.readAll(fromPcap));
    }

    @Test
    void weReadWhatScapyWrites() throws IOException {
        String python = scapyPython();
        Path be = dir.resolve("scapy-be-nano.pcap");
        Path ng = dir.resolve("scapy.pcapng");
        String script = String.join("\n",
                "from scapy.all import Ether, Dot1Q, IP, TCP, UDP, ICMP, PcapWriter, PcapNgWriter",
                "from decimal import Decimal",
                "pkts = [Ether()/IP(src='172.16.11.5', dst='172.16.27.70', options=b'\\x01\\x01\\x01\\x00')"
                        + "/TCP(sport=41234, dport=143, flags='S'),",
                "        Ether()/Dot1Q(vlan=42)/IP(src='10.9.8.7', dst='10.1.2.3', ttl=7)/UDP(sport=5353, dport=53),",
                "        Ether()/IP(src='192.0.2.1', dst='198.51.100.2')/ICMP(type=3, code=13)]",
                "for i, p in enumerate(pkts):",
                "    p.time = Decimal('1771903583.123456789') + i",
                "w = PcapWriter('" + be + "', endianness='>', nano=True, linktype=1)",
                "w.write(pkts); w.close()",
                "w = PcapNgWriter('" + ng + "')",
                "w.write(pkts); w.close()");
        ExternalTools.run(List.of(python, "-c", script), true);
        for (Path file : List.of(be, ng)) {
            try (CaptureReader r = CaptureFiles.openReader(file)) {
                CapturedFrame f = new CapturedFrame(64);
                FrameDecoder d = new FrameDecoder();
                PacketKey key = new PacketKey();
                assertTrue(r.next(f));
                assertEquals(DecodeStatus.IPV4, d.decode(f.data, 0, f.capturedLength, f.linkType, key));
                assertEquals(24, d.ipHeaderLength());
                assertEquals(Ipv4.parse("172.16.27.70"), key.destination);
                assertEquals(41234, key.sourcePort);
                assertEquals(TcpFlags.SYN, key.tcpFlags);
                if (file == be) {
                    assertEquals(1_771_903_583_123_456_789L, f.timestampNanos);
                } else {
                    assertEquals(1_771_903_583_123_456L, f.timestampNanos / 1000);
                }
                assertTrue(r.next(f));
                assertEquals(DecodeStatus.IPV4, d.decode(f.data, 0, f.capturedLength, f.linkType, key));
                assertEquals(42, d.vlanId());
                assertEquals(7, key.ttl);
                assertEquals(53, key.destinationPort);
                assertTrue(r.next(f));
                assertEquals(DecodeStatus.IPV4, d.decode(f.data, 0, f.capturedLength, f.linkType, key));
                assertEquals(3, key.icmpType);
                assertEquals(13, key.icmpCode);
                assertEquals(false, r.next(f));
            }
        }
    }

    private static String scapyPython() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            if ((python.startsWith("/") ? Files.isExecutable(Path.of(python)) : ExternalTools.installed(python))
                    && ExternalTools.run(List.of(python, "-c", "import scapy.all"), false).exitCode() == 0) {
                return python;
            }
        }
        org.junit.jupiter.api.Assumptions.abort("python3-scapy is not installed");
        return null;
    }
}
