package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
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
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pcapng input split between two writers made for it: each output is the input as it stands but for the
 * other output's packet blocks, the interface statistics and the custom blocks not to be copied.
 */
class PcapngCopyWriterTest {
    private static final int TLS_KEY_LOG = 0x544c534b;
    private static final int PEN = 32473; // the documentation enterprise number

    @TempDir
    Path dir;

    private static byte[] frame(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 7 + i);
        }
        return b;
    }

    /** Packet options of every kind pcapng has: comments, flags, hash, drop count, id, queue, verdict, custom. */
    private static Option[] packetOptions(int n) {
        return new Option[] {
            Option.text(1, "packet " + n + " comment"),
            Option.u32(2, 0x1 | 0x4 << 5), // inbound, unicast ...
            Option.bytes(3, (byte) 2, (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef), // CRC32 hash
            Option.u64(4, 3 + n),
            Option.u64(5, 0x1234_5678_9abcL + n),
            Option.u32(6, 2),
            Option.bytes(7, (byte) 1, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 7),
            Option.custom(2988, PEN, "custom text".getBytes(StandardCharsets.UTF_8)),
            Option.custom(19373, PEN, new byte[] {1, 2, 3}),
        };
    }

    /**
     * Two sections in different byte orders, the first with an explicit section length, interfaces with all
     * their options, every packet block kind, name resolution, decryption secrets, custom and statistics blocks.
     */
    private static PcapngBlocks everyBlock() throws IOException {
        PcapngBlocks b = new PcapngBlocks()
                .section(ByteOrder.LITTLE_ENDIAN, 4096, Option.text(2, "x86_64 test rig"), Option.text(3, "Linux 6.1"),
                        Option.text(4, "a capture tool 1.0"), Option.text(1, "a section comment"))
                .iface(LinkType.ETHERNET, 262144, Option.text(2, "eth1/0"), Option.text(3, "the outside"),
                        Option.bytes(11, (byte) 0, (byte) 't', (byte) 'c', (byte) 'p'), Option.text(12, "Linux"),
                        Option.bytes(13, (byte) 4), Option.text(15, "a NIC"), Option.bytes(9, (byte) 9),
                        Option.u64(14, 100), Option.text(1, "an interface comment"))
                .iface(LinkType.ETHERNET, 96, Option.text(2, "eth2/0"), Option.bytes(9, (byte) (0x80 | 20)))
                .nrb("192.0.2.1", "host.example")
                .epb(0, 1_700_000_000_000_000_001L, frame(60, 1), 60, packetOptions(1))
                .spb(frame(70, 2), 1514)
                .opb(1, (1_700_000_000L << 20) | 3, frame(64, 3))
                .dsb(TLS_KEY_LOG, "CLIENT_RANDOM 00 11\n")
                .custom(PcapngBlocks.CUSTOM, PEN, "copy me".getBytes(StandardCharsets.UTF_8))
                .custom(PcapngBlocks.CUSTOM_NO_COPY, PEN, "not me".getBytes(StandardCharsets.UTF_8))
                .epb(1, (1_700_000_000L << 20) | 4, frame(90, 4), 1500, packetOptions(4))
                .epb(0, 1_700_000_000_000_000_005L, frame(61, 5), 61)
                .isb(0, 1_700_000_000_000_000_006L, 3, 0)
                .section(ByteOrder.BIG_ENDIAN, Option.text(4, "another tool"))
                .iface(LinkType.RAW, 0, Option.text(2, "tun0"), Option.text(3, "a tunnel"))
                .epb(0, 1_700_000_001_000_007L, frame(40, 6), 40, packetOptions(6))
                .nrb("2001:db8::1", "v6.example")
                .epb(0, 1_700_000_001_000_008L, frame(41, 7), 41)
                .spb(frame(42, 8), 42)
                .isb(0, 1_700_000_001_000_009L, 3, 0)
                .custom(PcapngBlocks.CUSTOM, PEN, "after the last packet".getBytes(StandardCharsets.UTF_8));
        return b;
    }

    /**
     * What a copy of {@code input} keeping the packets {@code kept} (numbered in file order) is: the input's blocks
     * but the other packets, the statistics and the no-copy custom blocks; section lengths unspecified.
     */
    static List<Block> expectedCopy(List<Block> input, IntPredicate kept) {
        List<Block> out = new ArrayList<>();
        int packet = 0;
        for (Block b : input) {
            if (b.isPacket()) {
                if (kept.test(packet++)) {
                    out.add(b);
                }
            } else if (b.type() == PcapngBlocks.SHB) {
                byte[] bytes = b.bytes().clone();
                Arrays.fill(bytes, 16, 24, (byte) 0xff);
                out.add(new Block(b.type(), bytes, b.order()));
            } else if (b.type() != PcapngBlocks.ISB && b.type() != PcapngBlocks.CUSTOM_NO_COPY) {
                out.add(b);
            }
        }
        return out;
    }

    /** Reads {@code input} through mapping windows of {@code window} bytes into two copies: {@code toFirst}'s frames and the rest. */
    static int split(Path input, long window, IntPredicate toFirst, Path first, Path second) throws IOException {
        int frames = 0;
        try (CaptureReader r = CaptureFiles.openReader(input, window);
             CaptureWriter a = CaptureFiles.openWriter(first, CaptureFormat.PCAPNG, r.interfaces(), r);
             CaptureWriter b = CaptureFiles.openWriter(second, CaptureFormat.PCAPNG, r.interfaces(), r)) {
            for (CapturedFrame f = new CapturedFrame(16); r.next(f); frames++) {
                (toFirst.test(frames) ? a : b).write(f);
            }
        }
        return frames;
    }

    private static <T> List<T> select(List<T> all, IntPredicate which) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (which.test(i)) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    @Test
    void eachHalfKeepsEveryBlockButTheOtherHalfsPacketsAndTheStatistics() throws IOException {
        Path input = everyBlock().write(dir.resolve("every-block.pcapng"));
        Path odd = dir.resolve("odd.pcapng");
        Path even = dir.resolve("even.pcapng");
        IntPredicate isOdd = i -> i % 2 == 1;
        assertEquals(8, split(input, MappedInput.DEFAULT_WINDOW, isOdd, odd, even));
        List<Block> blocks = PcapngBlocks.parse(input);
        assertEquals(expectedCopy(blocks, isOdd), PcapngBlocks.parse(odd));
        assertEquals(expectedCopy(blocks, isOdd.negate()), PcapngBlocks.parse(even));
        // and read back, the frames are the input's, on the same interfaces (numbered over both sections)
        List<Frames> frames = Frames.readAll(input);
        Frames.assertSame(select(frames, isOdd), Frames.readAll(odd));
        Frames.assertSame(select(frames, isOdd.negate()), Frames.readAll(even));
    }

    /** All frames to one side, none to the other: the other is the input without packets (and statistics). */
    @Test
    void aCopyWithoutFramesStillHasTheInputsOtherBlocks() throws IOException {
        Path input = everyBlock().write(dir.resolve("every-block.pcapng"));
        Path all = dir.resolve("all.pcapng");
        Path none = dir.resolve("none.pcapng");
        split(input, MappedInput.DEFAULT_WINDOW, i -> true, all, none);
        List<Block> blocks = PcapngBlocks.parse(input);
        assertEquals(expectedCopy(blocks, i -> true), PcapngBlocks.parse(all));
        assertEquals(expectedCopy(blocks, i -> false), PcapngBlocks.parse(none));
        assertEquals(List.of(), Frames.readAll(none));
    }

    /**
     * Many frames with name resolution blocks among them, read through mapping windows much smaller than the file
     * (so copied ranges span several mappings and gathering writes), split one to three.
     */
    @Test
    void manyFramesThroughSmallWindows() throws IOException {
        PcapngBlocks b = new PcapngBlocks().section(ByteOrder.BIG_ENDIAN, Option.text(4, "big"))
                .iface(LinkType.ETHERNET, 0, "eth1/0", 9, 0)
                .iface(LinkType.ETHERNET, 0, "eth2/0", 6, 0);
        for (int i = 0; i < 5000; i++) {
            if (i % 97 == 0) {
                b.nrb("198.51.100." + (i % 250 + 1), "host" + i + ".example");
            }
            if (i % 7 == 3) {
                b.spb(frame(60 + i % 50, i), 60 + i % 50);
            } else {
                b.epb(i % 2, 1_700_000_000_000_000L + i, frame(60 + i % 90, i), 1514,
                        i % 5 == 0 ? new Option[] {Option.text(1, "frame " + i)} : new Option[0]);
            }
        }
        Path input = b.write(dir.resolve("many.pcapng"));
        assertTrue(Files.size(input) > 4 * (64 << 10));
        Path first = dir.resolve("first.pcapng");
        Path rest = dir.resolve("rest.pcapng");
        IntPredicate oneInThree = i -> i % 3 == 0 || i % 101 < 40;
        assertEquals(5000, split(input, 64 << 10, oneInThree, first, rest));
        List<Block> blocks = PcapngBlocks.parse(input);
        assertEquals(expectedCopy(blocks, oneInThree), PcapngBlocks.parse(first));
        assertEquals(expectedCopy(blocks, oneInThree.negate()), PcapngBlocks.parse(rest));
    }

    /** A corrupt block ends the copy with every block before it, packets and others: the reader stopped there. */
    @Test
    void aCorruptInputIsCopiedUpToItsBadBlock() throws IOException {
        PcapngBlocks b = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth0", -1, 0)
                .epb(0, 1, frame(60, 1), 60, Option.text(1, "one"))
                .epb(0, 2, frame(60, 2), 60)
                .nrb("192.0.2.9", "late.example")
                .isb(0, 3, 2, 0);
        int good = b.bytes().length;
        b.epb(0, 4, frame(60, 4), 60);
        Path input = dir.resolve("cut.pcapng");
        Files.write(input, Arrays.copyOf(b.bytes(), b.bytes().length - 6));
        Path first = dir.resolve("first.pcapng");
        Path second = dir.resolve("second.pcapng");
        CorruptCaptureException e = assertThrows(CorruptCaptureException.class,
                () -> split(input, MappedInput.DEFAULT_WINDOW, i -> i == 0, first, second));
        assertEquals(good, e.offset());
        List<Block> blocks = PcapngBlocks.parse(Arrays.copyOf(b.bytes(), good));
        assertEquals(expectedCopy(blocks, i -> i == 0), PcapngBlocks.parse(first));
        assertEquals(expectedCopy(blocks, i -> i == 1), PcapngBlocks.parse(second));
    }

    /**
     * A frame that comes without its block is written as an enhanced packet block on its interface in the
     * section written last, its time in that interface's units (here finer than a nanosecond, binary, with an
     * offset): read back, it is the same frame. A frame of an interface of another section is refused.
     */
    @Test
    void framesWithoutTheirBlockAreEncodedInTheirInterfacesUnits() throws IOException {
        Path input = new PcapngBlocks().section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "old", 6, 0)
                .epb(0, 5, frame(60, 0), 60)
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "ps", 12, 0)
                .iface(LinkType.ETHERNET, 0, "2^-40", 0x80 | 40, 0)
                .iface(LinkType.ETHERNET, 0, "ms+offset", 3, 1_600_000_000L)
                .epb(0, 12_345_678_901_234_567L, frame(60, 1), 60, Option.text(1, "dropped"))
                .epb(1, (1_000_000L << 40) | 0xfedcba9876L, frame(61, 2), 61)
                .epb(2, 100_000_123L, frame(62, 3), 1514)
                .write(dir.resolve("units.pcapng"));
        Path copy = dir.resolve("copy.pcapng");
        try (CaptureReader r = CaptureFiles.openReader(input);
             CaptureWriter w = CaptureFiles.openWriter(copy, CaptureFormat.PCAPNG, r.interfaces(), r)) {
            CapturedFrame f = new CapturedFrame(16);
            assertTrue(r.next(f));
            w.write(f);
            while (r.next(f)) {
                f.sourceOffset = -1;
                w.write(f);
            }
            assertThrows(IllegalArgumentException.class, () -> w.write(new byte[60], 0, 60, 60, 0, 0));
        }
        Frames.assertSame(Frames.readAll(input), Frames.readAll(copy));
        List<Block> written = PcapngBlocks.parse(copy);
        assertEquals(List.of(PcapngBlocks.SHB, PcapngBlocks.IDB, PcapngBlocks.EPB, PcapngBlocks.SHB, PcapngBlocks.IDB,
                        PcapngBlocks.IDB, PcapngBlocks.IDB, PcapngBlocks.EPB, PcapngBlocks.EPB, PcapngBlocks.EPB),
                written.stream().map(Block::type).toList());
        // encoded without options: the comment is gone, the timestamp is in the interface's units
        assertEquals(32 + 60, written.get(7).bytes().length);
        java.nio.ByteBuffer epb = java.nio.ByteBuffer.wrap(written.get(7).bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(12_345_678_901_234_000L, (long) epb.getInt(12) << 32 | epb.getInt(16) & 0xffffffffL);
    }

    /**
     * tshark and tcpdump read both copies of a file of one byte order: the same comments and times as the
     * input's frames, name resolution and secrets in both, the section's options kept.
     */
    @Test
    void tsharkAndTcpdumpReadBothCopies() throws IOException {
        ExternalTools.require("tshark");
        ExternalTools.require("tcpdump");
        ByteOrder order = ByteOrder.nativeOrder();
        PcapngBlocks b = new PcapngBlocks()
                .section(order, Option.text(2, "x86_64 test rig"), Option.text(4, "a capture tool 1.0"))
                .iface(LinkType.ETHERNET, 0, Option.text(2, "eth1/0"), Option.text(3, "the outside"),
                        Option.bytes(9, (byte) 9))
                .nrb("192.0.2.1", "host.example")
                .dsb(TLS_KEY_LOG, "CLIENT_RANDOM 00 11\n");
        for (int i = 0; i < 10; i++) {
            b.epb(0, 1_700_000_000_000_000_000L + i * 1_000_001L, frame(60 + i, i), 60 + i,
                    i % 3 == 0 ? new Option[] {Option.text(1, "frame " + i)} : new Option[0]);
        }
        b.spb(frame(80, 11), 80).isb(0, 1_700_000_001_000_000_000L, 11, 0);
        Path input = b.write(dir.resolve("one-order.pcapng"));
        Path first = dir.resolve("first.pcapng");
        Path second = dir.resolve("second.pcapng");
        IntPredicate toFirst = i -> i % 4 == 1 || i == 10;
        split(input, MappedInput.DEFAULT_WINDOW, toFirst, first, second);
        List<String> fields = List.of("-T", "fields", "-e", "frame.comment", "-e", "frame.time_epoch",
                "-e", "frame.len", "-e", "frame.cap_len");
        List<String> all = tshark(input, fields);
        assertEquals(11, all.size());
        assertEquals(select(all, toFirst), tshark(first, fields));
        assertEquals(select(all, toFirst.negate()), tshark(second, fields));
        List<String> dumped = ExternalTools.tcpdump(input, "-xx");
        for (Path copy : List.of(first, second)) {
            String info = String.join("\n", ExternalTools.run(List.of("capinfos", copy.toString()), true).out());
            assertTrue(info.contains("Capture hardware:    x86_64 test rig"), info);
            assertTrue(info.contains("Description = the outside"), info);
            assertTrue(info.contains("Number of resolved IPv4 addresses in file: 1"), info);
            assertTrue(info.contains("Number of decryption secrets in file: 1"), info);
            assertTrue(!info.contains("Number of stat entries = 1"), info);
        }
        List<String> fromCopies = new ArrayList<>(ExternalTools.tcpdump(first, "-xx"));
        fromCopies.addAll(ExternalTools.tcpdump(second, "-xx"));
        assertEquals(dumped.stream().sorted().toList(), fromCopies.stream().sorted().toList());
    }

    private static List<String> tshark(Path file, List<String> args) {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString()));
        command.addAll(args);
        return ExternalTools.run(command, true).out();
    }
}
