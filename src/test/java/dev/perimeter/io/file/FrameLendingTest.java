package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.packet.LinkType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readers that lend frames out of their chunks: every frame reads the same as a copy, and a frame the consumer
 * has not released keeps its bytes however far the reader goes on, in every format and byte order.
 */
class FrameLendingTest {
    /** Enough frames to go round the reader's chunks several times. */
    private static final int FRAMES = 30_000;

    @TempDir
    Path dir;

    /**
     * Frames of random sizes with random bytes (so that any overwrite shows), a few of them too large to lend.
     */
    private Path capture(CaptureFormat format, ByteOrder order) throws IOException {
        Random random = new Random(format.ordinal() * 31L + order.hashCode());
        Path path = dir.resolve("lend." + format.name().toLowerCase());
        int interfaces = format == CaptureFormat.PCAPNG ? 2 : 1;
        List<CaptureInterface> ifs = new ArrayList<>();
        for (int i = 0; i < interfaces; i++) {
            ifs.add(new CaptureInterface("eth" + i, LinkType.ETHERNET, 65535));
        }
        try (CaptureWriter w = CaptureFiles.openWriter(path, format, ifs, order)) {
            for (int i = 0; i < FRAMES; i++) {
                int length = i % 997 == 5 ? ChunkLender.MAX_LENT + random.nextInt(20_000) : random.nextInt(1515);
                byte[] data = new byte[length];
                random.nextBytes(data);
                w.write(data, 0, length, length, 1_700_000_000_000_000_000L + i * 1000L, i % interfaces);
            }
        }
        return path;
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void lentFramesReadAsCopiesDo(CaptureFormat format) throws IOException {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            Path path = capture(format, order);
            List<Frames> copies = Frames.readAll(path);
            List<Frames> lent = new ArrayList<>();
            int viewed = 0;
            // mapping windows smaller than a chunk and not a multiple of it: chunks are filled across remaps
            try (CaptureReader r = CaptureFiles.openReader(path, 100_003)) {
                assertTrue(r.lendFrames(() -> Long.MAX_VALUE));
                CapturedFrame f = new CapturedFrame(16);
                while (r.next(f)) {
                    lent.add(Frames.of(f));
                    viewed += f.data.length == ChunkLender.CHUNK ? 1 : 0;
                }
            }
            assertEquals(FRAMES, copies.size());
            Frames.assertSame(copies, lent);
            assertTrue(viewed > FRAMES * 9 / 10, viewed + " frames lent");
        }
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void framesHeldByTheConsumerKeepTheirBytes(CaptureFormat format) throws IOException {
        Path path = capture(format, ByteOrder.nativeOrder());
        List<Frames> copies = Frames.readAll(path);
        // the consumer holds the last 5,000 frames back, then none at all from frame 20,000 on
        int window = 5_000;
        List<Held> held = new ArrayList<>();
        long[] released = {0};
        int copied = 0;
        try (CaptureReader r = CaptureFiles.openReader(path)) {
            r.lendFrames(() -> released[0]);
            CapturedFrame f = new CapturedFrame(16);
            for (int n = 0; r.next(f); n++) {
                boolean lent = f.data.length == ChunkLender.CHUNK;
                // a copy lives in the holder's own buffer, which the next copy reuses: keep its bytes now
                held.add(lent ? new Held(f.data, f.offset, f.capturedLength)
                        : new Held(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength), 0,
                                f.capturedLength));
                copied += lent ? 0 : 1;
                while (released[0] < Math.min(n + 1 - window, 20_000)) {
                    int i = (int) released[0]++;
                    assertArrayEquals(copies.get(i).data(), held.get(i).bytes(), "frame " + i);
                    held.set(i, null);
                }
            }
        }
        for (int i = (int) released[0]; i < FRAMES; i++) {
            assertArrayEquals(copies.get(i).data(), held.get(i).bytes(), "frame " + i);
        }
        // once every chunk held unreleased frames (4 MiB, about 5,000 of these), the reader went on by copying
        assertTrue(copied > 3_000, copied + " frames copied");
    }

    /** A view of a frame the consumer still holds. */
    private record Held(byte[] array, int offset, int length) {
        byte[] bytes() {
            return Arrays.copyOfRange(array, offset, offset + length);
        }
    }
}
