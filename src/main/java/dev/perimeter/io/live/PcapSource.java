package dev.perimeter.io.live;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.perimeter.packet.LinkType;
import dev.perimeter.pipeline.FrameEvent;
import java.util.function.Consumer;

/**
 * The receive loop of one port: takes the frames waiting in the capture buffer (up to {@code batch} per call),
 * then claims exactly that many ring slots, copies the frames in and publishes them together. Claiming after the
 * capture call, not before, matters with two ports on one ring: a port waiting for traffic never holds slots
 * that would stall the other port's frames behind it. When the ring is full the frames that do not fit are
 * counted as ring overflows. A capture that fails (interface gone, handle broken) is reopened with back-off.
 */
public final class PcapSource implements Runnable {
    private static final long MIN_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final PcapPort port;
    private final int portIndex;
    private final RingBuffer<FrameEvent> ring;
    private final LivePortCounters counters;
    private final WallClock clock;
    private final Consumer<String> notices;
    private final int batch;
    private final byte[][] staged;
    private final int[] stagedOriginal;
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
        this.staged = new byte[batch][];
        this.stagedOriginal = new int[batch];
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                port.dispatch(batch, this::stage);
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

    /** The pcap4j callback: keeps the frame's buffer until the batch is published (no copy here). */
    private void stage(byte[] frame) {
        if (stagedCount < staged.length) {
            staged[stagedCount] = frame;
            stagedOriginal[stagedCount] = port.originalLength(frame.length);
            stagedCount++;
        }
    }

    private void publishStaged() {
        int n = stagedCount;
        if (n == 0) {
            return;
        }
        counters.addCaptured(n);
        int whole = 0;
        for (int i = 0; i < n; i++) {
            if (stagedOriginal[i] > staged[i].length) {
                counters.countTruncated(); // a frame cut at the snap length cannot be forwarded whole
            } else {
                staged[whole] = staged[i];
                stagedOriginal[whole] = stagedOriginal[i];
                whole++;
            }
        }
        int take = claimable(whole);
        if (take < whole) {
            counters.addRingOverflows(whole - take);
        }
        if (take > 0) {
            long hi;
            try {
                hi = ring.tryNext(take);
            } catch (InsufficientCapacityException e) {
                counters.addRingOverflows(take);
                take = 0;
                hi = -1;
            }
            if (take > 0) {
                long lo = hi - take + 1;
                long now = clock.nowNanos();
                for (int i = 0; i < take; i++) {
                    byte[] f = staged[i];
                    ring.get(lo + i).set(f, 0, f.length, stagedOriginal[i], now, LinkType.ETHERNET, portIndex);
                }
                ring.publish(lo, hi);
            }
        }
        java.util.Arrays.fill(staged, 0, n, null);
        stagedCount = 0;
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
