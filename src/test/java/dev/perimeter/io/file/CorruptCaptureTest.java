package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import dev.perimeter.packet.LinkType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Captures cut at many offsets and with random bytes changed: every whole frame first, then a clear error. */
class CorruptCaptureTest {
    @TempDir
    Path dir;

    private byte[] original(CaptureFormat format, ByteOrder order) throws IOException {
        Path file = dir.resolve("whole");
        List<CaptureInterface> ifs = List.of(new CaptureInterface("eth1/0", LinkType.ETHERNET, 0),
                new CaptureInterface("eth2/0", LinkType.ETHERNET, 0));
        try (CaptureWriter w = CaptureFiles.openWriter(file, format,
                format == CaptureFormat.PCAPNG ? ifs : ifs.subList(0, 1), order)) {
            CaptureFilesTest.write(w, CaptureFilesTest.sample(format == CaptureFormat.PCAPNG ? 2 : 1));
        }
        return Files.readAllBytes(file);
    }

    /** Where each record (pcap) or block (pcapng) starts, walked from the length fields; the file end last. */
    private static List<Long> recordStarts(byte[] file, CaptureFormat format, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(file).order(order);
        List<Long> starts = new ArrayList<>();
        int at = format == CaptureFormat.PCAPNG ? 0 : 24;
        while (at < file.length) {
            starts.add((long) at);
            at += format == CaptureFormat.PCAPNG ? b.getInt(at + 4) : 16 + b.getInt(at + 8);
        }
        starts.add((long) file.length);
        return starts;
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void cutAnywhereGivesEveryWholeFrameThenTheOffset(CaptureFormat format) throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] whole = original(format, order);
            List<Frames> all = Frames.readAll(dir.resolve("whole"));
            List<Long> starts = recordStarts(whole, format, order);
            int headerBlocks = format == CaptureFormat.PCAPNG ? 3 : 0; // SHB and two IDBs
            TreeSet<Integer> cuts = new TreeSet<>();
            for (int i = 0; i < 200; i++) {
                cuts.add(i);
            }
            for (long s : starts) {
                cuts.add((int) s);
                cuts.add((int) s + 1);
                cuts.add((int) s - 1);
            }
            Random random = new Random(format.ordinal() * 31 + order.hashCode());
            for (int i = 0; i < 150; i++) {
                cuts.add(random.nextInt(whole.length));
            }
            for (int cut : cuts) {
                if (cut < 0 || cut > whole.length) {
                    continue;
                }
                checkCut(format, Arrays.copyOf(whole, cut), starts, headerBlocks, all);
            }
        }
    }

    private void checkCut(CaptureFormat format, byte[] prefix, List<Long> starts, int headerBlocks, List<Frames> all)
            throws IOException {
        Path file = Files.write(dir.resolve("cut"), prefix);
        int cut = prefix.length;
        // the record the cut falls in, or -1 when it falls on a boundary
        long brokenAt = -1;
        int wholeRecords = 0;
        for (int i = 0; i + 1 < starts.size(); i++) {
            if (starts.get(i + 1) <= cut) {
                wholeRecords++;
            } else {
                brokenAt = starts.get(i) == cut ? -1 : starts.get(i);
                break;
            }
        }
        int headerLength = format == CaptureFormat.PCAPNG ? starts.get(1).intValue() : 24;
        if (cut < headerLength) {
            try {
                CaptureFiles.openReader(file).close();
                fail("opened a capture cut at " + cut + " inside its file header");
            } catch (CorruptCaptureException e) {
                assertEquals(0, e.offset(), "cut at " + cut);
            }
            return;
        }
        int wholeFrames = Math.max(0, wholeRecords - headerBlocks);
        List<Frames> got = new ArrayList<>();
        CapturedFrame f = new CapturedFrame(32);
        try (CaptureReader r = CaptureFiles.openReader(file)) {
            while (r.next(f)) {
                got.add(Frames.of(f));
            }
            assertEquals(-1, brokenAt, "cut at " + cut + " inside a record, but the reader found a clean end");
        } catch (CorruptCaptureException e) {
            assertEquals(brokenAt, e.offset(), "cut at " + cut + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("at byte offset " + brokenAt), e.getMessage());
        }
        Frames.assertSame(all.subList(0, wholeFrames), got);
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void randomDamageNeverEscapesAsAnythingButCorruptCapture(CaptureFormat format) throws IOException {
        byte[] whole = original(format, ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(11 + format.ordinal());
        CapturedFrame f = new CapturedFrame(32);
        int corrupt = 0;
        for (int round = 0; round < 200; round++) {
            byte[] damaged = whole.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                damaged[random.nextInt(Math.min(damaged.length, 2000))] = (byte) random.nextInt();
            }
            Path file = Files.write(dir.resolve("damaged"), damaged);
            try (CaptureReader r = CaptureFiles.openReader(file)) {
                int frames = 0;
                while (r.next(f)) {
                    assertTrue(f.capturedLength <= damaged.length);
                    frames++;
                }
                assertTrue(frames <= 1000);
            } catch (CorruptCaptureException e) {
                corrupt++;
                assertTrue(e.offset() >= 0 && e.offset() < damaged.length, e.getMessage());
            }
        }
        assertTrue(corrupt > 0, "no damage was ever detected");
    }
}
