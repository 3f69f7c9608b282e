package dev.perimeter.io.live;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.pipeline.FrameEvent;
import java.util.function.Consumer;

/**
 * The receive loop of one port: asks the port how many frames are waiting (up to {@code batch}), then claims
 * exactly that many ring slots, copies the frames in, decodes them here (so that the judging thread does not) and
 * publishes them together. Claiming after the port has frames, not before, matters with two ports on one ring: a
 * port waiting for traffic never holds slots that would stall the other port's frames behind it. Frames longer
 * than a slot's own buffer go into buffers of a {@link LargeFrameArena} lent to the slot. When the ring (or the
 * arena) is full the frames that do not fit are counted as ring overflows; a frame the kernel cut short cannot be
 * forwarded whole and is counted as truncated; both are dropped, never forwarded unjudged. A port that fails
 * (interface gone) is reopened with back-off.
 */
public final class CaptureLoop implements Runnable {
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** Large-frame buffers per port: 512 coalesced frames of 64 KB in flight, some 32 MB at most. */
    private static final int LARGE_FRAMES = 512;

    private final LivePort port;
    private final int portIndex;
    private final RingBuffer<FrameEvent> ring;
    private final LivePortCounters counters;
    private final WallClock clock;
    private final Consumer<String> notices;
    private final int batch;
    private final FrameDecoder decoder = new FrameDecoder();
    private final LargeFrameArena arena;
    /** The handler's sequence: how far the ring's slots (and the arena's buffers lent to them) are done with. */
    private final java.util.function.LongSupplier consumed;
    private volatile boolean stopping;

    public CaptureLoop(LivePort port, int portIndex, RingBuffer<FrameEvent> ring, LivePortCounters counters,
                       WallClock clock, int batch, Consumer<String> notices) {
        if (batch < 1 || batch > ring.getBufferSize()) {
            throw new IllegalArgumentException("batch " + batch + " for a ring of " + ring.getBufferSize());
        }
        this.port = port;
        this.portIndex = portIndex;
        this.ring = ring;
        this.counters = counters;
        this.clock = clock;
        this.batch = batch;
        this.notices = notices;
        this.arena = new LargeFrameArena(LARGE_FRAMES, port.maxFrameLength());
        this.consumed = ring::getMinimumGatingSequence;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                port.releaseConsumed(consumed.getAsLong());
                int n = port.pending(batch);
                if (n > 0) {
                    publish(n);
                }
            } catch (LivePortException e) {
                if (!stopping) {
                    notices.accept(e.getMessage() + "; reopening " + port.interfaceName());
                    reopen();
                }
            }
        }
    }

    /** Claims as many slots as frames are waiting, fills them and publishes them together. */
    private void publish(int n) {
        counters.addCaptured(n);
        int take = (int) Math.min(n, ring.remainingCapacity());
        long hi = -1;
        if (take > 0) {
            try {
                hi = ring.tryNext(take);
            } catch (InsufficientCapacityException e) {
                take = 0;
            }
        }
        long lo = hi - take + 1;
        long now = clock.nowNanos();
        for (int i = 0; i < take; i++) {
            fill(ring.get(lo + i), lo + i, now);
        }
        for (int i = take; i < n; i++) {
            port.skipNext();
        }
        if (take < n) {
            counters.addRingOverflows(n - take);
        }
        if (take > 0) {
            ring.publish(lo, hi);
        }
    }

    private void fill(FrameEvent event, long sequence, long now) {
        int length = port.nextLength();
        CapturedFrame frame = event.frame;
        if (length > frame.ownCapacity() && port.lendsFrames()) {
            frame.ensureCapacity(frame.ownCapacity());
            long address = port.lendNext(frame.data, event.offload, sequence);
            if (address != 0) { // left in the port's ring until the handler is past this slot: no copy
                event.filled(frame.ownCapacity(), length, now, LinkType.ETHERNET, portIndex);
                event.inPlace(address);
                decode(event);
                return;
            }
        }
        if (length <= frame.ownCapacity()) {
            frame.ensureCapacity(length);
        } else {
            byte[] buffer = arena.lend(sequence, consumed);
            if (buffer == null) {
                port.skipNext();
                counters.addRingOverflows(1);
                event.present = false;
                return;
            }
            frame.lend(buffer, 0);
        }
        int wire = port.takeNext(frame.data, event.offload);
        if (wire > length) {
            counters.countTruncated(); // cut short: cannot be forwarded whole
            event.present = false;
            return;
        }
        event.filled(length, wire, now, LinkType.ETHERNET, portIndex);
        decode(event);
    }

    private void decode(FrameEvent event) {
        event.decode(decoder);
        if (event.segments > 1) {
            counters.countCoalesced(event.segments);
        }
    }

    private void reopen() {
        letGoOfLentFrames();
        long backoff = MIN_BACKOFF_MS;
        while (!stopping) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                continue;
            }
            try {
                port.open();
                counters.countReopen();
                notices.accept(port.interfaceName() + ": capture reopened");
                return;
            } catch (LivePortException e) {
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /**
     * Waits (up to a second) for the filter thread to pass every slot this port published, so that no frame lent
     * from the port's memory is read after the port unmaps it; if it does not, the port is closed without
     * unmapping (the memory stays, unused, rather than be read after it is gone).
     */
    private void letGoOfLentFrames() {
        long published = ring.getCursor();
        if (awaitConsumed(consumed, published, 1_000_000_000L)) {
            port.releaseConsumed(published);
        } else {
            port.abandon();
        }
    }

    /** Waits up to {@code nanos} for the handler to pass {@code sequence}; true when it has. */
    static boolean awaitConsumed(java.util.function.LongSupplier consumed, long sequence, long nanos) {
        if (consumed.getAsLong() >= sequence) {
            return true;
        }
        long deadline = System.nanoTime() + nanos;
        while (consumed.getAsLong() < sequence) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** Asks the loop to end; it does within the port's poll interval. */
    public void stop() {
        stopping = true;
        port.wakeUp();
    }
}
