package dev.perimeter.pipeline;

import com.lmax.disruptor.EventHandler;
import java.util.concurrent.CountDownLatch;

/**
 * The ring's second stage, on a thread of its own: hands each verdict that the handler recorded in its slot to
 * the sink, so that writing a frame out runs beside judging the next ones. Frames reach the sink in ring order,
 * as they would from the handler itself.
 */
final class SinkStage implements EventHandler<FrameEvent> {
    private static final DropReason[] REASONS = DropReason.values();

    private final BridgePorts ports;
    private final FrameSink sink;
    private final CountDownLatch started = new CountDownLatch(1);

    SinkStage(BridgePorts ports, FrameSink sink) {
        this.ports = ports;
        this.sink = sink;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    void awaitStarted() throws InterruptedException {
        started.await();
    }

    @Override
    public void onEvent(FrameEvent event, long sequence, boolean endOfBatch) {
        if (event.present) {
            if (event.egressPort >= 0) {
                sink.forward(event, ports.get(event.egressPort));
            } else {
                sink.drop(event, REASONS[event.dropReason]);
            }
        }
        if (endOfBatch) {
            sink.endOfBatch();
        }
    }

    /** The handler's side: records each verdict in its slot, as numbers, for the stage to act on. */
    static final class Recorder implements FrameSink {
        @Override
        public void forward(FrameEvent event, Port egress) {
            event.egressPort = egress.index();
        }

        @Override
        public void drop(FrameEvent event, DropReason reason) {
            event.egressPort = -1;
            event.dropReason = reason.ordinal();
        }
    }
}
