package dev.perimeter.io.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Frames as plain values for comparing what was written with what is read back. */
record Frames(long timestampNanos, int interfaceIndex, int linkType, int originalLength, byte[] data) {

    static Frames of(CapturedFrame f) {
        return new Frames(f.timestampNanos, f.interfaceIndex, f.linkType, f.originalLength,
                Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
    }

    static List<Frames> readAll(Path path) throws IOException {
        try (CaptureReader r = CaptureFiles.openReader(path)) {
            return readAll(r);
        }
    }

    static List<Frames> readAll(CaptureReader r) throws IOException {
        List<Frames> out = new ArrayList<>();
        CapturedFrame f = new CapturedFrame(16);
        while (r.next(f)) {
            out.add(of(f));
        }
        return out;
    }

    static void assertSame(List<Frames> expected, List<Frames> actual) {
        assertEquals(expected.size(), actual.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            Frames e = expected.get(i);
            Frames a = actual.get(i);
            assertEquals(e.timestampNanos, a.timestampNanos, "timestamp of frame " + i);
            assertEquals(e.interfaceIndex, a.interfaceIndex, "interface of frame " + i);
            assertEquals(e.linkType, a.linkType, "link type of frame " + i);
            assertEquals(e.originalLength, a.originalLength, "original length of frame " + i);
            assertArrayEquals(e.data, a.data, "bytes of frame " + i);
        }
    }
}
