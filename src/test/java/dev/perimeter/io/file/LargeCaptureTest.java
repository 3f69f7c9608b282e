package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files beyond 2 GiB, which one mapping cannot cover: sparse files whose big records are holes, so the test
 * writes a few kilobytes and reads the frames on both sides of the 1 GiB window and 2 GiB boundaries.
 */
class LargeCaptureTest {
    private static final long TWO_GIB = 1L << 31;

    @TempDir
    Path dir;

    private static void put(FileChannel ch, long position, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }

    @Test
    void pcapngBeyondTwoGibibytes() throws IOException {
        Path file = dir.resolve("large.pcapng");
        long position;
        int frames = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            byte[] head = new PcapngBlocks().section(ByteOrder.LITTLE_ENDIAN)
                    .iface(1, 0, "eth1/0", 9, 0).bytes();
            put(ch, 0, ByteBuffer.allocate(head.length).put(head));
            position = head.length;
            int skip = PcapngReader.MAX_BLOCK - 4096; // the largest block the reader accepts, unread
            while (position < TWO_GIB + 3L * PcapngReader.MAX_BLOCK) {
                position += epb(ch, position, frames++);
                ByteBuffer other = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0BAD).putInt(skip);
                put(ch, position, other);
                put(ch, position + skip - 4, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(skip));
                position += skip;
            }
            position += epb(ch, position, frames++);
        }
        assertTrue(position > TWO_GIB + PcapngReader.MAX_BLOCK);
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            CapturedFrame f = new CapturedFrame(64);
            for (int i = 0; i < frames; i++) {
                assertTrue(r.next(f), "frame " + i);
                assertEquals(i, f.timestampNanos, "frame " + i);
                assertEquals(60, f.capturedLength);
                assertEquals((byte) i, f.data[59]);
            }
            assertEquals(false, r.next(f));
        }
    }

    /** An EPB whose last data byte and timestamp carry {@code n}; returns its length. */
    private static int epb(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(92).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(6).putInt(92).putInt(0).putInt(0).putInt(n).putInt(60).putInt(60);
        b.position(28 + 59);
        b.put((byte) n);
        b.position(88);
        b.putInt(92);
        put(ch, position, b);
        return 92;
    }

    @Test
    void pcapBeyondTwoGibibytesAndCutThere() throws IOException {
        Path file = dir.resolve("large.pcap");
        int record = 16 + PcapReader.MAX_CAPTURE;
        int count = (int) (TWO_GIB / record) + 3;
        long end = 24;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
            h.putInt(PcapReader.MAGIC_NANO).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(PcapReader.MAX_CAPTURE).putInt(1);
            put(ch, 0, h);
            for (int i = 0; i < count; i++) {
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
                r.putInt(i).putInt(7).putInt(PcapReader.MAX_CAPTURE).putInt(PcapReader.MAX_CAPTURE);
                put(ch, end, r);
                end += record;
            }
            // the last record is cut: its header promises more bytes than the file holds
            put(ch, end, ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putInt(1).putInt(1).putInt(100)
                    .putInt(100));
            put(ch, end + 16, ByteBuffer.allocate(10));
        }
        assertTrue(end > TWO_GIB);
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            CapturedFrame f = new CapturedFrame(PcapReader.MAX_CAPTURE);
            for (int i = 0; i < count; i++) {
                assertTrue(r.next(f), "frame " + i);
                assertEquals(i * 1_000_000_000L + 7, f.timestampNanos);
                assertEquals(PcapReader.MAX_CAPTURE, f.capturedLength);
            }
            long expectedOffset = end;
            CorruptCaptureException e = assertThrows(CorruptCaptureException.class, () -> r.next(f));
            assertEquals(expectedOffset, e.offset());
            assertTrue(e.getMessage().contains("byte offset " + expectedOffset), e.getMessage());
        }
    }
}
