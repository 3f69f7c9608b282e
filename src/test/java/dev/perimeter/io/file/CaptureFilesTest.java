package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.TcpFlags;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaptureFilesTest {
    private static final long T0 = 1_771_903_580_123_456_789L;

    @TempDir
    Path dir;

    /** Frames of assorted sizes, some snapped short of their original length, on interfaces 0 and 1. */
    static List<Frames> sample(int interfaces) {
        List<Frames> frames = new ArrayList<>();
        byte[][] payloads = {
            FrameBuilder.tcp("172.16.11.5", 41234, "172.16.27.70", 143, TcpFlags.SYN).build(),
            FrameBuilder.udp("10.0.0.1", 5000, "10.0.0.2", 53).payload(new byte[1400]).build(),
            FrameBuilder.arpRequest("02:00:00:00:00:09", "10.0.0.9", "10.0.0.1"),
            FrameBuilder.icmp("10.0.0.1", "10.0.0.2", 8, 0).payload("x").build(),
            new byte[0],
            FrameBuilder.udp("10.0.0.1", 5000, "10.0.0.2", 53).payload(new byte[9000]).build(),
        };
        for (int i = 0; i < 40; i++) {
            byte[] p = payloads[i % payloads.length];
            boolean snapped = i % 7 == 3 && p.length > 60;
            byte[] data = snapped ? Arrays.copyOf(p, 60) : p;
            frames.add(new Frames(T0 + i * 1_234_567_891L, i % interfaces, LinkType.ETHERNET, p.length, data));
        }
        return frames;
    }

    static void write(CaptureWriter w, List<Frames> frames) throws IOException {
        for (Frames f : frames) {
            w.write(f.data(), 0, f.data().length, f.originalLength(), f.timestampNanos(), f.interfaceIndex());
        }
    }

    private static List<Frames> microseconds(List<Frames> frames) {
        List<Frames> out = new ArrayList<>();
        for (Frames f : frames) {
            out.add(new Frames(f.timestampNanos() / 1000 * 1000, 0, f.linkType(), f.originalLength(), f.data()));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void roundTripInBothByteOrders(CaptureFormat format) throws IOException {
        int interfaces = format == CaptureFormat.PCAPNG ? 2 : 1;
        List<Frames> frames = sample(interfaces);
        List<CaptureInterface> ifs = new ArrayList<>();
        for (int i = 0; i < interfaces; i++) {
            ifs.add(new CaptureInterface("eth" + (i + 1) + "/0", LinkType.ETHERNET, 65535));
        }
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path file = dir.resolve(format + "-" + order + ".cap");
            try (CaptureWriter w = CaptureFiles.openWriter(file, format, ifs, order)) {
                write(w, frames);
            }
            List<Frames> expected = format == CaptureFormat.PCAP ? microseconds(frames) : frames;
            try (CaptureReader r = CaptureFiles.openReader(file)) {
                assertEquals(format, r.format());
                assertEquals(interfaces, r.interfaces().size());
                assertEquals(LinkType.ETHERNET, r.interfaces().get(0).linkType());
                if (format == CaptureFormat.PCAPNG) {
                    assertEquals("eth1/0", r.interfaces().get(0).name());
                    assertEquals("eth2/0", r.interfaces().get(1).name());
                } else {
                    assertNull(r.interfaces().get(0).name());
                    assertEquals(65535, r.interfaces().get(0).snapLength());
                }
                Frames.assertSame(expected, Frames.readAll(r));
            }
            assertEquals(format, CaptureFiles.detect(file));
            for (long window : new long[] {9000 + 16, 9100, 20_000, 65_536}) {
                try (CaptureReader r = CaptureFiles.openReader(file, window)) {
                    Frames.assertSame(expected, Frames.readAll(r));
                }
            }
        }
    }

    @Test
    void readerReusesTheFrameBufferAndGrowsItOnlyForLargerFrames() throws IOException {
        Path file = dir.resolve("reuse.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(file, CaptureFormat.PCAP, LinkType.ETHERNET)) {
            write(w, sample(1));
        }
        CapturedFrame f = new CapturedFrame(10_000);
        byte[] buffer = f.data;
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            while (r.next(f)) {
                assertTrue(f.data == buffer, "buffer replaced although every frame fits");
            }
            assertEquals(false, r.next(f), "stays at the end");
        }
    }

    /**
     * A writer that copies the input's records (adjacent ones as one range, more than one gathering write's worth
     * of ranges, mapping windows smaller than the file) writes the same file as one that encodes every frame,
     * also when some frames in between come without their record's place.
     */
    @ParameterizedTest
    @EnumSource(value = CaptureFormat.class, names = {"PCAP", "PCAP_NANO"})
    void copyingTheInputsRecordsWritesTheSameFile(CaptureFormat format) throws IOException {
        List<Frames> sample = sample(1);
        List<Frames> frames = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Frames f = sample.get(i % sample.size());
            frames.add(new Frames(f.timestampNanos() + i, 0, f.linkType(), f.originalLength(), f.data()));
        }
        Path input = dir.resolve("in." + format);
        List<CaptureInterface> itfs = List.of(new CaptureInterface(null, LinkType.ETHERNET, 0));
        try (CaptureWriter w = CaptureFiles.openWriter(input, format, itfs)) {
            write(w, frames);
        }
        Path copied = dir.resolve("copied.pcap");
        Path encoded = dir.resolve("encoded.pcap");
        int copies = 0;
        try (CaptureReader r = CaptureFiles.openReader(input, 64 << 10);
             CaptureWriter c = CaptureFiles.openWriter(copied, format, itfs, r);
             CaptureWriter e = CaptureFiles.openWriter(encoded, format, itfs)) {
            CapturedFrame f = new CapturedFrame(16);
            for (int i = 0; r.next(f); i++) {
                if (i % 3 == 1) {
                    continue;
                }
                e.write(f);
                if (i % 11 == 0) {
                    f.sourceOffset = -1;
                }
                copies += f.sourceOffset >= 0 ? 1 : 0;
                c.write(f);
            }
        }
        assertTrue(copies > 1500, "records copied: " + copies);
        assertTrue(Arrays.equals(Files.readAllBytes(encoded), Files.readAllBytes(copied)), "same bytes");
        assertEquals(2000, Frames.readAll(copied).size());
    }

    /**
     * The modified pcap of old patched Linux tcpdumps, which libpcap reads: 24-byte record headers. Its frames
     * are read as microsecond pcap's and written back as standard pcap (never copied as they stand).
     */
    @Test
    void modifiedPcapIsReadAndWrittenAsStandardPcap() throws IOException {
        List<Frames> frames = microseconds(sample(1));
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(order);
            b.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
                    .putInt(LinkType.ETHERNET);
            for (Frames f : frames) {
                b.putInt((int) (f.timestampNanos() / 1_000_000_000L))
                        .putInt((int) (f.timestampNanos() % 1_000_000_000L / 1000))
                        .putInt(f.data().length).putInt(f.originalLength())
                        .putInt(3).putShort((short) 0x0800).put((byte) 4).put((byte) 0) // ifindex, protocol, type
                        .put(f.data());
            }
            Path modified = Files.write(dir.resolve("modified.pcap"), Arrays.copyOf(b.array(), b.position()));
            Path out = dir.resolve("standard.pcap");
            try (CaptureReader r = CaptureFiles.openReader(modified)) {
                assertEquals(CaptureFormat.PCAP, r.format());
                try (CaptureWriter w = CaptureFiles.openWriter(out, r.format(), r.interfaces(), r)) {
                    for (CapturedFrame f = new CapturedFrame(64); r.next(f); ) {
                        w.write(f);
                    }
                }
            }
            Frames.assertSame(frames, Frames.readAll(modified));
            Frames.assertSame(frames, Frames.readAll(out));
            assertEquals(0xa1b2c3d4, ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.nativeOrder()).getInt());
        }
    }

    @Test
    void emptyCaptureHasNoFrames() throws IOException {
        for (CaptureFormat format : CaptureFormat.values()) {
            Path file = dir.resolve("empty-" + format);
            CaptureFiles.openWriter(file, format, LinkType.LINUX_SLL2).close();
            try (CaptureReader r = CaptureFiles.openReader(file)) {
                assertEquals(LinkType.LINUX_SLL2, r.interfaces().get(0).linkType());
                assertEquals(false, r.next(new CapturedFrame(64)));
            }
        }
    }

    @Test
    void notACaptureFile() throws IOException {
        Path text = Files.writeString(dir.resolve("config.txt"), "interface eth2/0\n ip access-group x out\n");
        CorruptCaptureException e = assertThrows(CorruptCaptureException.class, () -> CaptureFiles.openReader(text));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("not a pcap file"), e.getMessage());
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertEquals(0, assertThrows(CorruptCaptureException.class, () -> CaptureFiles.openReader(empty)).offset());
    }

    @Test
    void aCompressedCaptureIsNamedAsSuch() throws IOException {
        Path pcap = dir.resolve("x.pcap");
        try (CaptureWriter w = CaptureFiles.openWriter(pcap, CaptureFormat.PCAP, LinkType.ETHERNET)) {
            write(w, sample(1));
        }
        Path gz = dir.resolve("x.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(pcap));
        }
        CorruptCaptureException e = assertThrows(CorruptCaptureException.class, () -> CaptureFiles.openReader(gz));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("gzip-compressed: decompress it first (gunzip)"), e.getMessage());
    }

    @Test
    void pcapNeedsOneLinkType() {
        List<CaptureInterface> mixed = List.of(new CaptureInterface("a", LinkType.ETHERNET, 0),
                new CaptureInterface("b", LinkType.RAW, 0));
        assertThrows(IllegalArgumentException.class,
                () -> CaptureFiles.openWriter(dir.resolve("x.pcap"), CaptureFormat.PCAP, mixed));
    }

    @Test
    void writerRejectsUnknownInterface() throws IOException {
        try (CaptureWriter w = CaptureFiles.openWriter(dir.resolve("x.pcapng"), CaptureFormat.PCAPNG,
                LinkType.ETHERNET)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new byte[60], 0, 60, 60, T0, 1));
        }
    }

    @Test
    void timestampsBeforeTheEpochAndFarAheadSurvive() throws IOException {
        long[] stamps = {0, 1, 999_999_999, 4_102_444_800_000_000_001L /* 2100 */};
        for (CaptureFormat format : new CaptureFormat[] {CaptureFormat.PCAP_NANO, CaptureFormat.PCAPNG}) {
            Path file = dir.resolve("ts-" + format);
            try (CaptureWriter w = CaptureFiles.openWriter(file, format, LinkType.ETHERNET)) {
                for (long t : stamps) {
                    w.write(new byte[60], 0, 60, 60, t, 0);
                }
            }
            List<Frames> read = Frames.readAll(file);
            for (int i = 0; i < stamps.length; i++) {
                assertEquals(stamps[i], read.get(i).timestampNanos(), format + " frame " + i);
            }
        }
    }
}
