package dev.perimeter.pipeline;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import java.util.List;

/** A capture held in memory, optionally ending in a corrupt record, for driving the pipeline in tests. */
final class ListReader implements CaptureReader {
    private final List<byte[]> frames;
    private final int linkType;
    private final long corruptAfter;
    private int next;

    /** {@code corruptAfter}: throw after this many frames (-1: a clean end). */
    ListReader(List<byte[]> frames, int linkType, long corruptAfter) {
        this.frames = frames;
        this.linkType = linkType;
        this.corruptAfter = corruptAfter;
    }

    @Override
    public boolean next(CapturedFrame frame) throws CorruptCaptureException {
        if (next == corruptAfter) {
            throw new CorruptCaptureException("record length 4000000000 larger than the snap length", 24 + next);
        }
        if (next == frames.size()) {
            return false;
        }
        byte[] f = frames.get(next);
        frame.ensureCapacity(f.length);
        System.arraycopy(f, 0, frame.data, 0, f.length);
        frame.capturedLength = f.length;
        frame.originalLength = f.length;
        frame.timestampNanos = 1_700_000_000_000_000_000L + next * 1000L;
        frame.linkType = linkType;
        frame.interfaceIndex = 0;
        next++;
        return true;
    }

    @Override
    public List<CaptureInterface> interfaces() {
        return List.of(new CaptureInterface(null, linkType, 65535));
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public void close() {
    }
}
