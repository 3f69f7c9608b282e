package dev.perimeter.bench;

import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.file.CaptureFiles;
import dev.perimeter.io.file.FloodTraffic;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.pipeline.FilterPlan;
import dev.perimeter.pipeline.FrameEvent;
import dev.perimeter.pipeline.FrameHandler;
import dev.perimeter.pipeline.FrameSink;
import dev.perimeter.pipeline.MatchLog;
import dev.perimeter.pipeline.Replay;
import dev.perimeter.pipeline.ReplayPorts;
import dev.perimeter.stats.TrafficCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay path per frame, on the flood traffic of {@code perimeter generate flood}, with the seed list and
 * with the 1,000-entry list of {@link ReplayLists}. {@code judge}: the handler alone (decode, both lists,
 * counters, verdict) over frames already in ring slots; run with {@code -prof gc} it shows the allocation per
 * frame, which must be 0. {@code replay}: reading the file, the Disruptor ring and the handler (outputs discarded);
 * its small allocation per frame is the ring, built once per run of {@value #FRAMES} frames.
 *
 * <pre>java -jar target/benchmarks.jar ReplayBenchmark -f 1 -wi 3 -i 5 -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReplayBenchmark {
    static final int FRAMES = 200_000;

    @Param({"seed", "1000"})
    public String list;

    private Path capture;
    private FilterSet filters;
    private ReplayPorts sides;
    private FrameEvent[] events;
    private FrameHandler handler;
    private final FrameDecoder decoder = new FrameDecoder();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        capture = Files.createTempFile("flood", ".pcap");
        FloodTraffic.write(capture, CaptureFormat.PCAP, FRAMES, 1);
        ReplayLists.Pair pair = list.equals("seed") ? ReplayLists.seed() : ReplayLists.large(1000, 1);
        ParseResult parsed = ConfigParser.parse(list, pair.config());
        if (!parsed.isValid()) {
            throw new IllegalStateException(parsed.formatErrors());
        }
        filters = FilterSet.build(parsed.config(), Matchers::forPipeline);
        sides = ReplayPorts.resolve(parsed.config(), null, "eth2/0", List.of());
        events = new FrameEvent[FRAMES];
        try (CaptureReader reader = CaptureFiles.openReader(capture)) {
            for (int i = 0; i < FRAMES; i++) {
                events[i] = new FrameEvent();
                CapturedFrame f = events[i].frame;
                if (!reader.next(f)) {
                    throw new IllegalStateException("capture ended at " + i);
                }
                events[i].present = true;
            }
        }
        FilterPlan plan = FilterPlan.build(filters, sides.ports());
        handler = new FrameHandler(() -> plan, FrameSink.DISCARD, MatchLog.NONE, new TrafficCounters(2));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        Files.deleteIfExists(capture);
    }

    /**
     * Frames decoded and judged per second on one thread: the producer's decoding into the slot and the handler's
     * judging, without the ring and the reading.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void judge() {
        for (FrameEvent e : events) {
            e.decode(decoder);
            handler.handle(e);
        }
    }

    /** Frames per second through the whole replay: memory-mapped reading, the ring, the handler. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long replay() throws Exception {
        try (CaptureReader reader = CaptureFiles.openReader(capture)) {
            return Replay.run(filters, sides, reader, FrameSink.DISCARD, MatchLog.NONE).framesPublished();
        }
    }
}
