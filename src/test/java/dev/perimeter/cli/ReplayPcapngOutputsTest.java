package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.file.CaptureFiles;
import dev.perimeter.io.file.PcapngBlocks;
import dev.perimeter.io.file.PcapngBlocks.Block;
import dev.perimeter.io.file.PcapngBlocks.Option;
import dev.perimeter.packet.LinkType;
import dev.perimeter.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perimeter replay} of pcapng captures that carry more than packets: the forwarded and dropped files
 * together hold exactly the input's packet blocks, byte for byte and in order, each with every other block of the
 * input but the statistics; tshark, capinfos and tcpdump read them as the input.
 */
class ReplayPcapngOutputsTest {
    @TempDir
    Path dir;

    /** The seed capture with comments on three frames (the seventh is denied) and a TLS key log, by editcap. */
    @Test
    void commentsAndSecretsAddedByEditcapStayWithTheirFrames() throws Exception {
        ExternalTools.require("editcap");
        Path keys = Files.writeString(dir.resolve("keys.txt"), "CLIENT_RANDOM 0011 2233\n");
        Path in = dir.resolve("commented.pcapng");
        ExternalTools.run(List.of("editcap", "-a", "1:the first frame", "-a", "3:a third", "-a", "7:denied, with a comment",
                "--inject-secrets", "tls," + keys, ReplayCommandTest.SEED_PCAPNG.toString(), in.toString()), true);
        List<Boolean> forwarded = replayAndCheck(in);
        assertEquals(List.of(true, true, false), List.of(forwarded.get(0), forwarded.get(2), forwarded.get(6)));
    }

    /**
     * The seed frames rewritten with a section and interfaces carrying options, name resolution, decryption
     * secrets, a custom block, packet options, simple packet blocks and statistics, in big-endian byte order.
     */
    @Test
    void simplePacketsNameResolutionAndOptionsOfEveryKindAreKept() throws Exception {
        PcapngBlocks b = new PcapngBlocks()
                .section(ByteOrder.BIG_ENDIAN, Option.text(2, "a router"), Option.text(3, "IOS"),
                        Option.text(4, "a capture tool"), Option.text(1, "seed traffic, both sides"))
                .iface(LinkType.ETHERNET, 0, Option.text(2, "eth1/0"), Option.text(3, "outside"),
                        Option.bytes(11, (byte) 0, (byte) 'i', (byte) 'p'), Option.text(12, "Linux"),
                        Option.bytes(9, (byte) 9))
                .iface(LinkType.ETHERNET, 0, Option.text(2, "eth2/0"), Option.text(3, "inside"),
                        Option.bytes(9, (byte) 9))
                .nrb("172.16.27.66", "mail.example")
                .dsb(0x544c534b, "CLIENT_RANDOM 0011 2233\n");
        try (CaptureReader r = CaptureFiles.openReader(ReplayCommandTest.SEED_PCAPNG)) {
            CapturedFrame f = new CapturedFrame(2048);
            for (int i = 0; r.next(f); i++) {
                byte[] data = Arrays.copyOf(f.data, f.capturedLength);
                if (i % 9 == 4 && f.interfaceIndex == 0) {
                    b.spb(data, f.originalLength);
                } else {
                    b.epb(f.interfaceIndex, f.timestampNanos, data, f.originalLength,
                            Option.text(1, "frame " + (i + 1)), Option.u32(2, f.interfaceIndex == 0 ? 1 : 2),
                            Option.u64(5, 1000 + i), Option.custom(2988, 32473, "x".getBytes(StandardCharsets.UTF_8)));
                }
                if (i == 20) {
                    b.custom(PcapngBlocks.CUSTOM, 32473, "in the middle".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        b.isb(0, 1_771_904_300_000_000_000L, 37, 0);
        Path in = b.write(dir.resolve("every-block.pcapng"));
        List<Boolean> forwarded = replayAndCheck(in);
        assertTrue(forwarded.contains(false) && forwarded.contains(true));
    }

    /** Replays {@code in} with the seed configuration, checks both outputs; which input frames were forwarded. */
    private List<Boolean> replayAndCheck(Path in) throws IOException {
        ExternalTools.require("tshark");
        ExternalTools.require("tcpdump");
        Path fwd = dir.resolve("forwarded.pcapng");
        Path drp = dir.resolve("dropped.pcapng");
        ReplayRun run = ReplayRun.of("--config", ReplayCommandTest.SEED_CFG, in.toString(), "--forwarded",
                fwd.toString(), "--dropped", drp.toString(), "--log", dir.resolve("log").toString());
        assertEquals(0, run.exitCode(), run.err());

        List<Block> input = PcapngBlocks.parse(in);
        List<Block> packets = input.stream().filter(Block::isPacket).toList();
        assertEquals(packets.size(), new HashSet<>(packets).size(), "the input's packet blocks are all different");
        List<Block> forwardedPackets = PcapngBlocks.parse(fwd).stream().filter(Block::isPacket).toList();
        List<Block> droppedPackets = PcapngBlocks.parse(drp).stream().filter(Block::isPacket).toList();
        List<Boolean> forwarded = new ArrayList<>();
        int f = 0;
        int d = 0;
        for (Block p : packets) {
            boolean isForwarded = f < forwardedPackets.size() && forwardedPackets.get(f).equals(p);
            if (isForwarded) {
                f++;
            } else {
                assertTrue(d < droppedPackets.size(), "packet block " + forwarded.size() + " is in neither output");
                assertEquals(p, droppedPackets.get(d++), "packet block " + forwarded.size());
            }
            forwarded.add(isForwarded);
        }
        assertEquals(forwardedPackets.size(), f, "forwarded blocks not in the input");
        assertEquals(droppedPackets.size(), d, "dropped blocks not in the input");
        assertTrue(d > 0 && f > 0);

        List<Block> others = input.stream()
                .filter(b -> !b.isPacket() && b.type() != PcapngBlocks.ISB).toList();
        for (Path out : List.of(fwd, drp)) {
            assertEquals(others, PcapngBlocks.parse(out).stream().filter(b -> !b.isPacket()).toList(), out.toString());
        }

        // custom blocks are records to tshark: only the packets, which have an interface
        List<String> fields = List.of("-Y", "frame.interface_id", "-T", "fields", "-e", "frame.comment", "-e", "frame.time_epoch",
                "-e", "frame.interface_name", "-e", "frame.len", "-e", "frame.cap_len");
        List<String> all = tshark(in, fields);
        assertEquals(packets.size(), all.size());
        assertEquals(select(all, forwarded, true), tshark(fwd, fields));
        assertEquals(select(all, forwarded, false), tshark(drp, fields));
        assertEquals(f, ExternalTools.tcpdumpCount(fwd, null));
        assertEquals(d, ExternalTools.tcpdumpCount(drp, null));
        if (ExternalTools.installed("capinfos")) {
            String inputInfo = capinfos(in);
            for (Path out : List.of(fwd, drp)) {
                String info = capinfos(out);
                for (String line : List.of("Capture application:", "Capture comment:", "Description =",
                        "Number of resolved IPv4 addresses in file:", "Number of decryption secrets in file:")) {
                    assertEquals(lines(inputInfo, line), lines(info, line), line + " in " + out);
                }
                assertTrue(!info.contains("Number of stat entries = 1"), info);
            }
        }
        return forwarded;
    }

    private static List<String> select(List<String> all, List<Boolean> forwarded, boolean which) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (forwarded.get(i) == which) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    private static List<String> tshark(Path file, List<String> args) {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString()));
        command.addAll(args);
        return ExternalTools.run(command, true).out();
    }

    private static String capinfos(Path file) {
        return String.join("\n", ExternalTools.run(List.of("capinfos", file.toString()), true).out());
    }

    private static List<String> lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).map(String::strip).toList();
    }
}
