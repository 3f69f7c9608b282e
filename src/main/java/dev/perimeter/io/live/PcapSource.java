package dev.perimeter.io.live;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.pipeline.FrameEvent;
import java.util.function.Consumer;

/**
 * The receive loop of one port: takes the frames waiting in the capture buffer (up to {@code batch} per call) into
 * preallocated staging arrays, then claims exactly that many ring slots, copies the frames in and publishes them
 * together. Claiming after the
 * capture call, not before, matters with two ports on one ring: a port waiting for traffic never holds slots
 * that would stall the other port's frames behind it. When the ring is full the frames that do not fit are
 * counted as ring overflows. A capture that fails (interface gone, handle broken) is reopened with back-off.
 */
public final class PcapSource implements Runnable {
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** How long an idle port waits for frames before looking whether it should stop. */
    private static final int WAIT_MILLIS = 100;

    private final PcapPort port;
    private final int portIndex;
    private final RingBuffer<FrameEvent> ring;
    private final LivePortCounters counters;
    private final WallClock clock;
    private final Consumer<String> notices;
    private final int batch;
    /** Decodes on this port's capture thread, so that the judging thread does not (each source has its own). */
    private final FrameDecoder decoder = new FrameDecoder();
    private byte[][] frames;
    private final int[] captured;
    private final int[] original;
    private int stagedCount;
    private volatile boolean stopping;

    public PcapSource(PcapPort port, int portIndex, RingBuffer<FrameEvent> ring, LivePortCounters counters,
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
        this.frames = new byte[batch][Math.max(port.snapLength(), FrameEvent.INITIAL_CAPACITY)];
        this.captured = new int[batch];
        this.original = new int[batch];
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                if (port.readsDirectly()) {
                    stagedCount = port.read(frames, captured, original, batch);
                    if (stagedCount == 0) {
                        port.awaitFrames(WAIT_MILLIS);
                        continue;
                    }
                } else {
                    port.dispatch(batch, this::stage);
                }
                publishStaged();
            } catch (InterruptedException e) {
                publishStaged(); // woken by a stop: keep what was taken
            } catch (LivePortException e) {
                publishStaged();
                if (!stopping) {
                    notices.accept(e.getMessage() + "; reopening " + port.interfaceName());
                    reopen();
                }
            }
        }
    }

    /** The pcap4j dispatch callback (the fallback path): copies the frame into the staging arrays. */
    private void stage(byte[] frame) {
        if (stagedCount < frames.length) {
            int n = Math.min(frame.length, frames[stagedCount].length);
            System.arraycopy(frame, 0, frames[stagedCount], 0, n);
            captured[stagedCount] = n;
            original[stagedCount] = port.originalLength(frame.length);
            stagedCount++;
        }
    }

    /** Claims as many slots as frames were staged, copies them in and publishes them together. */
    private void publishStaged() {
        int n = stagedCount;
        stagedCount = 0;
        if (n == 0) {
            return;
        }
        counters.addCaptured(n);
        int take = claimable(n);
        if (take < n) {
            counters.addRingOverflows(n - take);
        }
        if (take == 0) {
            return;
        }
        long hi;
        try {
            hi = ring.tryNext(take);
        } catch (InsufficientCapacityException e) {
            counters.addRingOverflows(take);
            return;
        }
        long lo = hi - take + 1;
        long now = clock.nowNanos();
        for (int i = 0; i < take; i++) {
            FrameEvent event = ring.get(lo + i);
            if (original[i] > captured[i]) {
                counters.countTruncated(); // cut at the snap length: cannot be forwarded whole
                event.present = false;
            } else {
                event.set(frames[i], 0, captured[i], original[i], now, LinkType.ETHERNET, portIndex);
                event.decode(decoder);
            }
        }
        ring.publish(lo, hi);
    }

    private int claimable(int wanted) {
        if (wanted == 0) {
            return 0;
        }
        long free = ring.remainingCapacity();
        return (int) Math.min(wanted, free);
    }

    private void reopen() {
        long backoff = MIN_BACKOFF_MS;
        while (!stopping) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                continue;
            }
            try {
                port.open();
                if (port.snapLength() > frames[0].length) {
                    frames = new byte[batch][port.snapLength()];
                }
                counters.countReopen();
                notices.accept(port.interfaceName() + ": capture reopened");
                return;
            } catch (LivePortException e) {
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** Asks the loop to end; it does within the port's read timeout. */
    public void stop() {
        stopping = true;
        port.wakeUp();
    }
}
