package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import dev.perimeter.packet.LinkType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i);
        }
        return b;
    }

    @Test
    void sectionsInBothByteOrdersNumberInterfacesInFileOrder() throws IOException {
        Path file = new PcapngBlocks()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth1/0", -1, 0)
                .iface(LinkType.RAW, 0, "tun0", 9, 0)
                .epb(1, 1_500_000_000_000_000_007L, bytes(21, 1), 21)
                .epb(0, 1_500_000_000_000_001L, bytes(60, 2), 1514)
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.LINUX_SLL2, 0, "any", -1, 0)
                .epb(0, 1_600_000_000_000_000L, bytes(33, 3), 33)
                .write(dir.resolve("sections.pcapng"));
        // the first section's interfaces are known on opening; the second section's when it is reached
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            assertEquals(2, r.interfaces().size());
            List<Frames> frames = Frames.readAll(r);
            assertEquals(3, r.interfaces().size());
            assertEquals("any", r.interfaces().get(2).name());
            assertEquals(3, frames.size());
            assertEquals(1, frames.get(0).interfaceIndex());
            assertEquals(LinkType.RAW, frames.get(0).linkType());
            assertEquals(1_500_000_000_000_000_007L, frames.get(0).timestampNanos());
            assertEquals(0, frames.get(1).interfaceIndex());
            assertEquals(1_500_000_000_000_001_000L, frames.get(1).timestampNanos());
            assertEquals(1514, frames.get(1).originalLength());
            assertArrayEquals(bytes(60, 2), frames.get(1).data());
            assertEquals(2, frames.get(2).interfaceIndex());
            assertEquals(LinkType.LINUX_SLL2, frames.get(2).linkType());
            assertEquals(1_600_000_000_000_000_000L, frames.get(2).timestampNanos());
            assertArrayEquals(bytes(33, 3), frames.get(2).data());
        }
    }

    @Test
    void copyingThroughTheLiveInterfaceListKeepsLaterSections() throws IOException {
        Path file = new PcapngBlocks()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth1/0", 9, 0)
                .epb(0, 10, bytes(60, 1), 60)
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth2/0", 9, 0)
                .epb(0, 20, bytes(61, 2), 61)
                .write(dir.resolve("two-sections.pcapng"));
        Path copy = dir.resolve("copy.pcapng");
        try (CaptureReader r = CaptureFiles.openReader(file);
             dev.perimeter.io.CaptureWriter w = CaptureFiles.openWriter(copy, dev.perimeter.io.CaptureFormat.PCAPNG,
                     r.interfaces())) {
            CapturedFrame f = new CapturedFrame(64);
            while (r.next(f)) {
                w.write(f);
            }
        }
        try (CaptureReader r = CaptureFiles.openReader(copy)) {
            List<Frames> frames = Frames.readAll(r);
            assertEquals(List.of("eth1/0", "eth2/0"), r.interfaces().stream().map(i -> i.name()).toList());
            assertEquals(2, frames.size());
            assertEquals(1, frames.get(1).interfaceIndex());
            assertEquals(20, frames.get(1).timestampNanos());
            assertArrayEquals(bytes(61, 2), frames.get(1).data());
        }
    }

    @Test
    void unknownBlocksAreSkippedAndSimpleAndObsoletePacketsRead() throws IOException {
        Path file = new PcapngBlocks()
                .section(ByteOrder.LITTLE_ENDIAN)
                .other(0x0BAD, 12)
                .iface(LinkType.ETHERNET, 64, "eth0", -1, 0)
                .other(4, 20) // name resolution block
                .spb(bytes(64, 5), 1514) // snapped to the interface's 64 bytes
                .other(5, 36) // interface statistics
                .opb(0, 2_000_000L, bytes(42, 6))
                .other(0x40000BAD, 0) // custom block with an empty body
                .epb(0, 3_000_000L, bytes(50, 7), 50)
                .write(dir.resolve("mixed.pcapng"));
        List<Frames> frames = Frames.readAll(file);
        assertEquals(3, frames.size());
        assertArrayEquals(bytes(64, 5), frames.get(0).data());
        assertEquals(1514, frames.get(0).originalLength());
        assertEquals(0, frames.get(0).timestampNanos());
        assertArrayEquals(bytes(42, 6), frames.get(1).data());
        assertEquals(2_000_000_000L, frames.get(1).timestampNanos());
        assertEquals(3_000_000_000L, frames.get(2).timestampNanos());
    }

    /** Each frame tells where its packet block is and where the blocks before it that are not packets end. */
    @Test
    void framesTellTheirBlockAndTheEndOfTheOtherBlocksBeforeThem() throws IOException {
        PcapngBlocks blocks = new PcapngBlocks().section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth0", -1, 0);
        int first = blocks.bytes().length;
        blocks.epb(0, 1, bytes(60, 1), 60, PcapngBlocks.Option.text(1, "a comment"));
        int second = blocks.bytes().length;
        int simple = blocks.spb(bytes(61, 2), 61).bytes().length - second;
        blocks.nrb("192.0.2.1", "host.example").isb(0, 3, 2, 0);
        int third = blocks.bytes().length;
        blocks.epb(0, 4, bytes(62, 3), 62);
        int end = blocks.bytes().length;
        Path file = blocks.write(dir.resolve("places.pcapng"));
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            CapturedFrame f = new CapturedFrame(64);
            long[][] expected = {{first, second - first, first}, {second, simple, first}, {third, end - third, third}};
            for (long[] e : expected) {
                assertTrue(r.next(f));
                assertEquals(e[0], f.sourceOffset);
                assertEquals(e[1], f.sourceLength);
                assertEquals(e[2], f.otherBlocksEnd);
            }
            assertTrue(!r.next(f));
        }
    }

    @Test
    void timestampResolutionsAndOffsets() throws IOException {
        Path file = new PcapngBlocks()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "ms", 3, 0)
                .iface(LinkType.ETHERNET, 0, "2^-10", 0x80 | 10, 0)
                .iface(LinkType.ETHERNET, 0, "us+offset", 6, 1_000)
                .iface(LinkType.ETHERNET, 0, "ps", 12, 0)
                .epb(0, 1_234_567L, new byte[14], 14)
                .epb(1, 3L * 1024 + 512, new byte[14], 14)
                .epb(2, 5_000_001L, new byte[14], 14)
                .epb(3, 7_000_000_000_123_456L, new byte[14], 14)
                .write(dir.resolve("resolutions.pcapng"));
        List<Frames> frames = Frames.readAll(file);
        assertEquals(1_234_567_000_000L, frames.get(0).timestampNanos());
        assertEquals(3_500_000_000L, frames.get(1).timestampNanos());
        assertEquals(1_005_000_001_000L, frames.get(2).timestampNanos());
        assertEquals(7_000_000_000_123L, frames.get(3).timestampNanos());
    }

    /** Binary fractions are truncated to nanoseconds exactly, as libpcap does, even where a double would round up. */
    @Test
    void binaryResolutionsConvertExactly() {
        long[] twoTo62 = {62, 1, 0};
        assertEquals(999_999_999L, PcapngReader.nanos(twoTo62, (1L << 62) - 1));
        assertEquals(1_000_000_000L + 500_000_000L, PcapngReader.nanos(twoTo62, (1L << 62) | (1L << 61)));
        long[] twoTo40 = {40, 1, 0};
        long rest = (1L << 40) - 3;
        long exact = java.math.BigInteger.valueOf(rest).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .shiftRight(40).longValueExact();
        assertEquals(7_000_000_000L + exact, PcapngReader.nanos(twoTo40, (7L << 40) | rest));
    }

    /**
     * A copy keeps each interface's timestamp resolution when it is no finer than a nanosecond, and the
     * timestamps in the same units; finer or unknown resolutions are written in nanoseconds.
     */
    @Test
    void copyingKeepsEachInterfacesTimestampResolution() throws IOException {
        int[] resolutions = {3, 6, 0x80 | 20, 0x80 | 29, 9, 12, 0x80 | 32, -1};
        PcapngBlocks blocks = new PcapngBlocks().section(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < resolutions.length; i++) {
            blocks.iface(LinkType.ETHERNET, 0, "if" + i, resolutions[i], 0);
        }
        long[] units = {1_771_903_580_123L, 1_771_903_580_123_456L, (1_771_903_580L << 20) | 777_777,
            (1_771_903_580L << 29) | 123_456_789, 1_771_903_580_123_456_789L, 1_771_903_580_123_456_789L,
            (1_771_903_580L << 32) | 0xfedcba98L, 1_771_903_580_123_456L};
        for (int i = 0; i < units.length; i++) {
            blocks.epb(i, units[i], bytes(60, i), 60);
        }
        Path file = blocks.write(dir.resolve("resolutions.pcapng"));
        Path copy = dir.resolve("copy.pcapng");
        try (CaptureReader r = CaptureFiles.openReader(file);
             dev.perimeter.io.CaptureWriter w = CaptureFiles.openWriter(copy, dev.perimeter.io.CaptureFormat.PCAPNG,
                     r.interfaces())) {
            for (CapturedFrame f = new CapturedFrame(64); r.next(f); ) {
                w.write(f);
            }
        }
        Frames.assertSame(Frames.readAll(file), Frames.readAll(copy));
        try (CaptureReader r = CaptureFiles.openReader(copy)) {
            assertEquals(List.of(3, 6, 0x80 | 20, 0x80 | 29, 9, 9, 9, 6),
                    r.interfaces().stream().map(i -> i.timestampResolution()).toList());
        }
        // the kept units are the input's own: the enhanced packet blocks' timestamps are the same numbers
        java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(copy))
                .order(ByteOrder.nativeOrder());
        int at = 0;
        int packet = 0;
        while (at < out.limit()) {
            if (out.getInt(at) == 6) {
                long written = (out.getInt(at + 12) & 0xffffffffL) << 32 | out.getInt(at + 16) & 0xffffffffL;
                if (packet < 5 || packet == 7) {
                    assertEquals(units[packet], written, "units of packet " + packet);
                }
                packet++;
            }
            at += out.getInt(at + 4);
        }
        assertEquals(units.length, packet);
    }

    @Test
    void packetForAnUndescribedInterfaceIsCorrupt() throws IOException {
        PcapngBlocks blocks = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth0", -1, 0)
                .epb(0, 1, new byte[20], 20);
        int badAt = blocks.bytes().length;
        Path file = blocks.epb(1, 2, new byte[20], 20).write(dir.resolve("bad-if.pcapng"));
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            CapturedFrame f = new CapturedFrame(64);
            assertTrue(r.next(f));
            CorruptCaptureException e = assertThrows(CorruptCaptureException.class, () -> r.next(f));
            assertEquals(badAt, e.offset());
            assertTrue(e.getMessage().contains("interface 1"), e.getMessage());
            assertThrows(CorruptCaptureException.class, () -> r.next(f), "stays failed");
        }
    }

    @Test
    void badTrailingLengthAndBadByteOrderMagicAreCorrupt() throws IOException {
        PcapngBlocks blocks = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, "eth0", -1, 0);
        int at = blocks.bytes().length;
        byte[] b = blocks.epb(0, 1, new byte[20], 20).bytes();
        b[b.length - 4] ^= 4;
        Path file = java.nio.file.Files.write(dir.resolve("trailer.pcapng"), b);
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            CorruptCaptureException e = assertThrows(CorruptCaptureException.class,
                    () -> r.next(new CapturedFrame(64)));
            assertEquals(at, e.offset());
        }
        byte[] shb = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN).bytes();
        shb[8] = 0x11;
        Path bom = java.nio.file.Files.write(dir.resolve("bom.pcapng"), shb);
        assertEquals(0, assertThrows(CorruptCaptureException.class, () -> CaptureFiles.openReader(bom)).offset());
    }
}
