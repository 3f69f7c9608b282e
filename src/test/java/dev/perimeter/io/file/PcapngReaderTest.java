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
