package dev.perimeter.pipeline;

import com.lmax.disruptor.RingBuffer;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.packet.FrameDecoder;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;

/**
 * Reads a capture file straight into the ring's slots, a batch at a time: claims {@code batch} slots, fills
 * them from the reader and decodes each frame's headers into its slot (so that the handler's thread only
 * judges), publishes them together. A reader that can lend its frames fills the slots with views of
 * its memory instead of copies, and learns from the ring which frames every consumer is done with. Slots of a
 * batch that the end of the input (or a corrupt record) leaves empty are published as not present, so the
 * handler skips them.
 */
public final class CaptureFeeder {
    private final RingBuffer<FrameEvent> ring;
    private final int batch;
    private final FrameDecoder decoder = new FrameDecoder();

    public CaptureFeeder(RingBuffer<FrameEvent> ring, int batch) {
        if (batch < 1 || batch > ring.getBufferSize()) {
            throw new IllegalArgumentException("batch " + batch + " for a ring of " + ring.getBufferSize());
        }
        this.ring = ring;
        this.batch = batch;
    }

    /**
     * Publishes every frame of the reader; {@code portOfInterface} gives the ingress port of a frame from its
     * capture interface index. Returns the number of frames published.
     * A {@link dev.perimeter.io.CorruptCaptureException} propagates after every frame before it was published.
     * {@code stop} is asked between batches (the handler failed: no point in reading on).
     */
    public long feed(CaptureReader reader, IntUnaryOperator portOfInterface, BooleanSupplier stop)
            throws IOException {
        long frames = 0;
        boolean more = true;
        // frames are published in sequence order from here, one per slot until the last batch: the consumers
        // are done with every frame below their slowest sequence
        long first = ring.getCursor() + 1;
        reader.lendFrames(() -> ring.getMinimumGatingSequence() + 1 - first);
        while (more && !stop.getAsBoolean()) {
            long hi = ring.next(batch);
            long lo = hi - batch + 1;
            long seq = lo;
            try {
                for (; seq <= hi; seq++) {
                    FrameEvent e = ring.get(seq);
                    if (!reader.next(e.frame)) {
                        more = false;
                        break;
                    }
                    e.ingressPort = portOfInterface.applyAsInt(e.frame.interfaceIndex);
                    e.present = true;
                    e.decode(decoder);
                    frames++;
                }
            } finally {
                for (long s = seq; s <= hi; s++) {
                    ring.get(s).present = false;
                }
                ring.publish(lo, hi);
            }
        }
        return frames;
    }
}
