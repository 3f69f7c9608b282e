package dev.perimeter.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.config.ConfigLoader;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.file.CaptureFiles;
import dev.perimeter.io.file.FloodTraffic;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.stats.TrafficCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A replay whose sink runs on a thread of its own writes exactly the files, and counts exactly the frames, of one
 * whose handler calls the sink itself: the flood capture through the seed list, in pcap and pcapng.
 */
class SinkThreadTest {
    private static final int FRAMES = 120_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CaptureFormat.class, names = {"PCAP", "PCAPNG"})
    void theSinkOnItsOwnThreadWritesWhatTheHandlerWrites(CaptureFormat format) throws Exception {
        Path input = dir.resolve("flood." + format.name().toLowerCase());
        FloodTraffic.write(input, format, FRAMES, 7);
        RouterConfig config = ConfigLoader.load(Path.of("examples/seed-router.cfg")).config();
        Counts handler = replay(config, input, "handler", false);
        Counts sinkThread = replay(config, input, "sink-thread", true);
        assertTrue(handler.dropped() > FRAMES / 20 && handler.forwarded() > FRAMES / 2, handler.toString());
        assertEquals(handler, sinkThread);
        for (String output : List.of("-forwarded", "-dropped")) {
            assertEquals(-1, Files.mismatch(dir.resolve("handler" + output), dir.resolve("sink-thread" + output)),
                    output);
        }
    }

    private Counts replay(RouterConfig config, Path input, String name, boolean sinkThread) throws Exception {
        Path fwd = dir.resolve(name + "-forwarded");
        Path drp = dir.resolve(name + "-dropped");
        try (CaptureReader reader = CaptureFiles.openReader(input)) {
            ReplayPorts sides = ReplayPorts.resolve(config, null, "eth2/0",
                    reader.interfaces().stream().map(CaptureReader.CaptureInterface::name).toList());
            Replay.Result r;
            try (CaptureWriter f = CaptureFiles.openWriter(fwd, reader.format(), reader.interfaces(), reader);
                 CaptureWriter d = CaptureFiles.openWriter(drp, reader.format(), reader.interfaces(), reader)) {
                r = Replay.run(FilterSet.build(config, Matchers::forPipeline), sides, reader,
                        new CaptureFileSink(f, d), MatchLog.NONE, sinkThread);
            }
            assertNull(r.failure());
            assertNull(r.corruption());
            TrafficCounters t = r.pipeline().traffic();
            assertTrue(t.balanced());
            return new Counts(t.read(), t.forwarded(), t.dropped(), t.malformed(), t.nonIpv4());
        }
    }

    private record Counts(long read, long forwarded, long dropped, long malformed, long nonIpv4) {
    }
}
