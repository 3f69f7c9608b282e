package dev.perimeter.pipeline;

import com.lmax.disruptor.YieldingWaitStrategy;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CorruptCaptureException;
import dev.perimeter.match.FilterSet;
import java.io.IOException;
import java.util.List;

/**
 * One offline replay: the reader publishes the capture into the ring, the handler judges every frame, the sink
 * writes the verdicts. Runs to the end of the input or to the first corrupt record, and always drains the ring,
 * so every frame before a corrupt record is judged and written.
 */
public final class Replay {
    /** Frames claimed and published together: large enough to amortise the ring's fences. */
    private static final int BATCH = 128;
    private static final int RING_SIZE = 8192;

    private Replay() {
    }

    /** What a replay ended with. {@code corruption} and {@code failure} are null when the run was clean. */
    public record Result(Pipeline pipeline, long framesPublished, long elapsedNanos,
                         CorruptCaptureException corruption, Throwable failure) {
        public FilterPlan plan() {
            return pipeline.plan();
        }
    }

    /**
     * Replays {@code reader} through {@code filters}; the logger is finished at the last frame's time. The sink
     * and the logger are used on the handler thread only.
     */
    public static Result run(FilterSet filters, ReplayPorts sides, CaptureReader reader, FrameSink sink,
                             MatchLog log) throws IOException, InterruptedException {
        // capture files lend their frames: a slot's own buffer is grown only for a frame the reader copies
        Pipeline pipeline = Pipeline.builder(filters, sides.ports()).sink(sink).log(log).ringSize(RING_SIZE)
                .slotCapacity(0).waitStrategy(new YieldingWaitStrategy()).build();
        InterfacePorts ports = new InterfacePorts(reader, sides);
        long start = System.nanoTime();
        CaptureFeeder feeder = new CaptureFeeder(pipeline.start(), BATCH);
        long published = 0;
        CorruptCaptureException corruption = null;
        try {
            published = feeder.feed(reader, ports::portOf, () -> pipeline.failure() != null);
        } catch (CorruptCaptureException e) {
            corruption = e;
        } finally {
            pipeline.drainAndStop();
        }
        long elapsed = System.nanoTime() - start;
        if (pipeline.failure() == null) {
            log.finish(pipeline.lastTimeNanos());
        }
        return new Result(pipeline, published, elapsed, corruption, pipeline.failure());
    }

    /** Capture interface index to ingress port, looked up once per interface (pcapng may add them later). */
    private static final class InterfacePorts {
        private final CaptureReader reader;
        private final ReplayPorts sides;
        private int[] portOfInterface = new int[0];

        InterfacePorts(CaptureReader reader, ReplayPorts sides) {
            this.reader = reader;
            this.sides = sides;
            refresh();
        }

        int portOf(int interfaceIndex) {
            if (interfaceIndex >= portOfInterface.length) {
                refresh();
                if (interfaceIndex >= portOfInterface.length) {
                    return 0;
                }
            }
            return portOfInterface[interfaceIndex];
        }

        private void refresh() {
            List<CaptureReader.CaptureInterface> itfs = reader.interfaces();
            int[] ports = new int[itfs.size()];
            for (int i = 0; i < ports.length; i++) {
                ports[i] = sides.portOf(itfs.get(i).name());
            }
            portOfInterface = ports;
        }
    }
}
