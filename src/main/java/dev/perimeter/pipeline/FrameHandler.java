package dev.perimeter.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.stats.TrafficCounters;
import dev.perimeter.stats.TrafficCounters.Malformed;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The one thread that judges frames: takes each frame's headers as its producer decoded them into the slot
 * (decoding it here when the producer did not), meets the ingress port's {@code in} list and then the egress
 * port's {@code out} list, counts, logs, and hands the verdict to the sink. Allocates nothing per
 * frame. The filter plan is read once per batch, so a reload takes effect at the next batch and no frame sees
 * half of one plan and half of another. Lists with time ranges are judged at each frame's own time: a frame past
 * the plan's stretch of unchanged states moves the plan first.
 */
public final class FrameHandler implements EventHandler<FrameEvent> {
    private final Supplier<FilterPlan> plans;
    private final FrameSink sink;
    private final MatchLog log;
    private final TrafficCounters traffic;
    private final FrameDecoder decoder = new FrameDecoder();
    private final String[] inputNames;
    private final CountDownLatch started = new CountDownLatch(1);
    private FilterPlan plan;
    private long lastTimeNanos;

    public FrameHandler(Supplier<FilterPlan> plans, FrameSink sink, MatchLog log, TrafficCounters traffic) {
        this.plans = plans;
        this.sink = sink;
        this.log = log;
        this.traffic = traffic;
        BridgePorts ports = plans.get().ports();
        inputNames = new String[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            Port p = ports.get(i);
            inputNames[i] = p.iosInterface() != null ? p.iosInterface() : p.name();
        }
        plan = plans.get();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Waits until the handler thread runs: a Disruptor shutdown does not wait for a handler not yet running. */
    void awaitStarted() throws InterruptedException {
        started.await();
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        plan = plans.get();
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        if (event.present) {
            handle(event);
        }
        if (endOfBatch) {
            log.advance(lastTimeNanos);
            sink.endOfBatch();
        }
    }

    /** Judges one frame; public so that a single-threaded caller (a benchmark, a test) can drive it directly. */
    public void handle(FrameEvent event) {
        CapturedFrame frame = event.frame;
        int ingress = event.ingressPort;
        Port egress = plan.ports().egressOf(ingress);
        long time = frame.timestampNanos;
        lastTimeNanos = time;
        if (time < plan.validFrom || time >= plan.validUntil) {
            plan.moveTo(time); // a time range starts or ends: this frame already meets the lists of its minute
        }
        traffic.countRead(ingress);
        if (event.status == null) {
            event.decode(decoder);
        }
        switch (event.status) {
            case NON_IPV4 -> {
                traffic.countNonIpv4(event.etherType);
                forward(event, ingress, egress);
            }
            case MALFORMED -> malformed(event, ingress, Malformed.HEADER);
            case UNDECODED_LINK_TYPE -> malformed(event, ingress, Malformed.LINK_TYPE);
            case IPV4_L4_TRUNCATED -> {
                if (plan.pathNeedsL4(ingress, event.key.protocol)) {
                    malformed(event, ingress, Malformed.L4_CUT_SHORT);
                } else {
                    judge(event, ingress, egress);
                }
            }
            case IPV4 -> judge(event, ingress, egress);
        }
    }

    private void judge(FrameEvent event, int ingress, Port egress) {
        if (passes(plan.inbound(ingress), event, ingress) && passes(plan.outbound(egress.index()), event, ingress)) {
            forward(event, ingress, egress);
        }
    }

    /** Meets one list; on a deny, counts and hands the drop to the sink and returns false. */
    private boolean passes(FilterPlan.Step step, FrameEvent event, int ingress) {
        if (step == null) {
            return true;
        }
        PacketKey key = event.key;
        int entry = step.matcher.match(key);
        if (entry == Matcher.NO_MATCH) {
            step.counters.countImplicitDeny();
            traffic.countImplicitDenied(ingress);
            sink.drop(event, DropReason.IMPLICIT_DENY);
            return false;
        }
        step.counters.countMatch(entry);
        if (step.logs[entry]) {
            CapturedFrame frame = event.frame;
            log.logMatch(step.list, entry, key, inputNames[ingress], frame.data, event.sourceMacOffset,
                    frame.timestampNanos);
        }
        if (step.permits[entry]) {
            return true;
        }
        traffic.countDenied(ingress);
        sink.drop(event, DropReason.DENIED);
        return false;
    }

    private void forward(FrameEvent event, int ingress, Port egress) {
        traffic.countForwarded(ingress, egress.index());
        sink.forward(event, egress);
    }

    private void malformed(FrameEvent event, int ingress, Malformed kind) {
        traffic.countMalformed(ingress, kind);
        sink.drop(event, DropReason.MALFORMED);
    }

    /** The capture time of the last frame judged: where the logger's clock stands at the end. */
    public long lastTimeNanos() {
        return lastTimeNanos;
    }
}
