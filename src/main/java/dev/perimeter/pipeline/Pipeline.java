package dev.perimeter.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.perimeter.match.FilterSet;
import dev.perimeter.stats.TrafficCounters;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Disruptor ring between the frame sources and the one handler thread. Sources claim slots, copy frames in
 * and publish them in batches ({@code ring().next(n)} / {@code ring().publish(lo, hi)}); the handler judges them
 * in order and hands each verdict to the sink. Shared by replay (one file reader) and the live bridge (one
 * capture per port: {@link ProducerType#MULTI}). {@link #reload} swaps the filters with one reference write.
 */
public final class Pipeline {
    private final BridgePorts ports;
    private final AtomicReference<FilterPlan> plan;
    private final TrafficCounters traffic;
    private final FrameHandler handler;
    private final Disruptor<FrameEvent> disruptor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean started;

    private Pipeline(Builder b) {
        this.ports = b.ports;
        this.plan = new AtomicReference<>(FilterPlan.build(b.filters, b.ports));
        this.traffic = new TrafficCounters(b.ports.size());
        this.handler = new FrameHandler(plan::get, b.sink, b.log, traffic);
        int slotCapacity = b.slotCapacity;
        this.disruptor = new Disruptor<>(() -> new FrameEvent(slotCapacity), b.ringSize, r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    stopped.countDown();
                }
            }, "perimeter-handler");
            t.setDaemon(true);
            return t;
        }, b.producerType, b.waitStrategy);
        disruptor.handleEventsWith(handler);
        disruptor.setDefaultExceptionHandler(new RecordingExceptionHandler());
    }

    public static Builder builder(FilterSet filters, BridgePorts ports) {
        return new Builder(filters, ports);
    }

    /** Starts the handler thread and waits until it runs; returns the ring the sources publish into. */
    public synchronized RingBuffer<FrameEvent> start() throws InterruptedException {
        if (!started) {
            disruptor.start();
            started = true;
            handler.awaitStarted();
        }
        return disruptor.getRingBuffer();
    }

    public RingBuffer<FrameEvent> ring() {
        return disruptor.getRingBuffer();
    }

    /**
     * Copies one frame into the next slot and publishes it. Sources that receive frames one at a time use this;
     * those that can, claim and publish whole batches on {@link #ring()} instead.
     */
    public void publish(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
                        int linkType, int ingressPort) {
        RingBuffer<FrameEvent> ring = disruptor.getRingBuffer();
        long seq = ring.next();
        try {
            ring.get(seq).set(data, offset, capturedLength, originalLength, timestampNanos, linkType, ingressPort);
        } finally {
            ring.publish(seq);
        }
    }

    /** Swaps in the filters of a new configuration; the handler picks them up at its next batch. */
    public void reload(FilterSet filters) {
        plan.set(FilterPlan.build(filters, ports));
    }

    /** The plan running now, with its counters. */
    public FilterPlan plan() {
        return plan.get();
    }

    public BridgePorts ports() {
        return ports;
    }

    public TrafficCounters traffic() {
        return traffic;
    }

    /** The capture time of the last frame the handler judged. */
    public long lastTimeNanos() {
        return handler.lastTimeNanos();
    }

    /** The first exception a handler or sink threw, or null. The pipeline goes on after one; callers decide. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Lets the handler finish every frame already published, then stops it. When this returns, the counters and
     * the sink's and logger's state are all visible to the caller.
     */
    public void drainAndStop() throws InterruptedException {
        if (!started) {
            return;
        }
        RingBuffer<FrameEvent> ring = disruptor.getRingBuffer();
        while (ring.getMinimumGatingSequence() < ring.getCursor()) {
            Thread.sleep(0, 100_000);
        }
        disruptor.halt();
        stopped.await();
    }

    /** Stops the handler without waiting for the frames still in the ring (the bridge's emergency stop). */
    public void halt(long timeout, TimeUnit unit) throws InterruptedException {
        if (started) {
            disruptor.halt();
            stopped.await(timeout, unit);
        }
    }

    private final class RecordingExceptionHandler implements ExceptionHandler<FrameEvent> {
        @Override
        public void handleEventException(Throwable ex, long sequence, FrameEvent event) {
            failure.compareAndSet(null, ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failure.compareAndSet(null, ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            failure.compareAndSet(null, ex);
        }
    }

    /** Options of a pipeline; everything but the filters and ports has a default. */
    public static final class Builder {
        private final FilterSet filters;
        private final BridgePorts ports;
        private FrameSink sink = FrameSink.DISCARD;
        private MatchLog log = MatchLog.NONE;
        private int ringSize = 4096;
        private int slotCapacity = FrameEvent.INITIAL_CAPACITY;
        private ProducerType producerType = ProducerType.SINGLE;
        private WaitStrategy waitStrategy = new BlockingWaitStrategy();

        private Builder(FilterSet filters, BridgePorts ports) {
            this.filters = Objects.requireNonNull(filters);
            this.ports = Objects.requireNonNull(ports);
        }

        public Builder sink(FrameSink sink) {
            this.sink = Objects.requireNonNull(sink);
            return this;
        }

        public Builder log(MatchLog log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        /** Slots in the ring, a power of two. */
        public Builder ringSize(int ringSize) {
            if (Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("ring size must be a power of two: " + ringSize);
            }
            this.ringSize = ringSize;
            return this;
        }

        /**
         * Bytes each slot's own buffer starts with ({@link FrameEvent#INITIAL_CAPACITY} unless set): sources that
         * copy frames in want room for a full frame from the start; a reader that lends its frames needs none.
         */
        public Builder slotCapacity(int slotCapacity) {
            if (slotCapacity < 0) {
                throw new IllegalArgumentException("slot capacity " + slotCapacity);
            }
            this.slotCapacity = slotCapacity;
            return this;
        }

        /** {@link ProducerType#MULTI} when more than one thread publishes (one capture per bridge port). */
        public Builder producers(ProducerType producerType) {
            this.producerType = Objects.requireNonNull(producerType);
            return this;
        }

        public Builder waitStrategy(WaitStrategy waitStrategy) {
            this.waitStrategy = Objects.requireNonNull(waitStrategy);
            return this;
        }

        public Pipeline build() {
            return new Pipeline(this);
        }
    }
}
