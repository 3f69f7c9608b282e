package dev.perimeter.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
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
 * frame. A coalesced frame from the live bridge counts as the packets it stands for (see {@link FrameEvent#segments}).
 * The filter plan is read once per batch, so a reload takes effect at the next batch and no frame sees
 * half of one plan and half of another. Lists with time ranges are judged at each frame's own time: a frame past
 * the plan's stretch of unchanged states moves the plan first.
 */
public final class FrameHandler implements EventHandler<FrameEvent> {
    /** TCP flags that segmentation leaves on the last segment of a coalesced frame only. */
    private static final int SEGMENT_VARYING_FLAGS = TcpFlags.FIN | TcpFlags.PSH;
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
        int packets = event.segments;
        traffic.countRead(ingress, packets);
        if (event.status == null) {
            event.decode(decoder);
            packets = event.segments;
        }
        switch (event.status) {
            case NON_IPV4 -> {
                traffic.countNonIpv4(event.etherType, packets);
                forward(event, ingress, egress, packets);
            }
            case MALFORMED -> malformed(event, ingress, Malformed.HEADER, packets);
            case UNDECODED_LINK_TYPE -> malformed(event, ingress, Malformed.LINK_TYPE, packets);
            case IPV4_L4_TRUNCATED -> {
                if (plan.pathNeedsL4(ingress, event.key.protocol)) {
                    malformed(event, ingress, Malformed.L4_CUT_SHORT, packets);
                } else {
                    judge(event, ingress, egress, packets);
                }
            }
            case IPV4 -> {
                if (packets > 1 && event.key.protocol == Protocols.TCP
                        && (event.key.tcpFlags & SEGMENT_VARYING_FLAGS) != 0) {
                    judgeLastSegmentApart(event, ingress, egress, packets);
                } else {
                    judge(event, ingress, egress, packets);
                }
            }
        }
    }

    /**
     * A frame (or a coalesced frame whose segments share every field a list reads) meets both lists once and
     * counts as its {@code packets} packets wherever it matches.
     */
    private void judge(FrameEvent event, int ingress, Port egress, int packets) {
        DropReason denied = verdict(event, ingress, egress, packets);
        if (denied == null) {
            forward(event, ingress, egress, packets);
        } else {
            sink.drop(event, denied);
        }
    }

    /**
     * A coalesced TCP frame with FIN or PSH set: segmentation puts those flags on the last segment only, so the
     * leading segments (flags without them) and the last one (flags as they stand) meet the lists apart and are
     * counted where each matches. Every other field a list reads is the same in every segment (see the README).
     * When both parts pass the frame is forwarded whole; when either is denied the whole frame is dropped (our
     * choice: fail closed rather than cut the frame here) and the segments a list permitted are counted as denied
     * with it, so that the accounting still closes.
     */
    private void judgeLastSegmentApart(FrameEvent event, int ingress, Port egress, int packets) {
        PacketKey key = event.key;
        int flags = key.tcpFlags;
        key.tcpFlags = flags & ~SEGMENT_VARYING_FLAGS;
        DropReason leading = verdict(event, ingress, egress, packets - 1);
        key.tcpFlags = flags;
        DropReason last = verdict(event, ingress, egress, 1);
        if (leading == null && last == null) {
            forward(event, ingress, egress, packets);
            return;
        }
        if (leading == null) {
            traffic.countDenied(ingress, packets - 1);
        } else if (last == null) {
            traffic.countDenied(ingress, 1);
        }
        sink.drop(event, leading != null ? leading : last);
    }

    /** Meets the ingress port's {@code in} list, then the egress port's {@code out} list; null when both pass. */
    private DropReason verdict(FrameEvent event, int ingress, Port egress, int packets) {
        DropReason in = passes(plan.inbound(ingress), event, ingress, packets);
        return in != null ? in : passes(plan.outbound(egress.index()), event, ingress, packets);
    }

    /** Meets one list; on a deny, counts it and returns why, else returns null. */
    private DropReason passes(FilterPlan.Step step, FrameEvent event, int ingress, int packets) {
        if (step == null) {
            return null;
        }
        PacketKey key = event.key;
        int entry = step.matcher.match(key);
        if (entry == Matcher.NO_MATCH) {
            step.counters.countImplicitDeny(packets);
            traffic.countImplicitDenied(ingress, packets);
            return DropReason.IMPLICIT_DENY;
        }
        step.counters.countMatch(entry, packets);
        if (step.logs[entry]) {
            CapturedFrame frame = event.frame;
            log.logMatch(step.list, entry, key, inputNames[ingress], frame.data, event.sourceMacOffset,
                    frame.timestampNanos, packets);
        }
        if (step.permits[entry]) {
            return null;
        }
        traffic.countDenied(ingress, packets);
        return DropReason.DENIED;
    }

    private void forward(FrameEvent event, int ingress, Port egress, int packets) {
        traffic.countForwarded(ingress, egress.index(), packets);
        sink.forward(event, egress);
    }

    private void malformed(FrameEvent event, int ingress, Malformed kind, int packets) {
        traffic.countMalformed(ingress, kind, packets);
        sink.drop(event, DropReason.MALFORMED);
    }

    /** The capture time of the last frame judged: where the logger's clock stands at the end. */
    public long lastTimeNanos() {
        return lastTimeNanos;
    }
}
