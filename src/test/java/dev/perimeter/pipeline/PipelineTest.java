package dev.perimeter.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Disruptor path end to end: frames published in batches come out judged, in order, all of them. */
class PipelineTest {

    /** Frames cycling through: permitted web, denied by implicit deny, ARP, a bad IPv4 header. */
    static List<byte[]> traffic(int n) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(switch (i % 4) {
                case 0 -> FrameBuilder.tcp("10.1.0." + (i % 250), 1024 + i % 60000, "192.168.1.10", 80, 0x02)
                        .build();
                case 1 -> FrameBuilder.udp("10.2.0.1", 53, "192.168.1.10", 1024 + i % 60000).build();
                case 2 -> FrameBuilder.arpRequest("02:00:00:00:00:09", "10.1.2.3", "10.1.2.4");
                default -> {
                    byte[] f = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
                    f[14] = 0x65; // version 6 inside an IPv4 ethertype
                    yield f;
                }
            });
        }
        return frames;
    }

    /** Collects verdicts as sequence numbers written in the frames' TCP/UDP source ports. */
    static final class Verdicts implements FrameSink {
        final StringBuilder kinds = new StringBuilder();

        @Override
        public void forward(FrameEvent event, Port egress) {
            kinds.append('F');
        }

        @Override
        public void drop(FrameEvent event, DropReason reason) {
            kinds.append(reason == DropReason.MALFORMED ? 'M' : 'D');
        }
    }

    @Test
    void everyFrameIsJudgedOnceInOrder() throws Exception {
        int n = 50_001; // not a multiple of the batch: the last batch is cut short
        Verdicts sink = new Verdicts();
        FilterSet filters = FilterSet.build(FrameHandlerTest.twoSided(), Matchers::forPipeline);
        Replay.Result r = Replay.run(filters, sides(), new ListReader(traffic(n), LinkType.ETHERNET, -1), sink,
                MatchLog.NONE);
        assertNull(r.corruption());
        assertNull(r.failure());
        assertEquals(n, r.framesPublished());
        assertEquals(n, sink.kinds.length());
        for (int i = 0; i < n; i++) {
            char expected = "FDFM".charAt(i % 4);
            assertEquals(expected, sink.kinds.charAt(i), "frame " + i);
        }
        var traffic = r.pipeline().traffic();
        assertEquals(n, traffic.read());
        assertEquals((n + 1) / 4, traffic.nonIpv4(0x0806)); // i % 4 == k for (n - k + 3) / 4 of the frames
        assertTrue(traffic.balanced());
        AccessList in = filters.config().accessList("from_outside");
        assertEquals((n + 3) / 4, r.plan().counters(in).matches(0));
        assertEquals((n + 2) / 4, r.plan().counters(in).implicitDenies());
    }

    @Test
    void aCorruptRecordEndsTheRunAfterEveryEarlierFrameIsJudged() throws Exception {
        Verdicts sink = new Verdicts();
        List<String> logged = new ArrayList<>();
        MatchLog log = new MatchLog() {
            @Override
            public void logMatch(AccessList list, int entryIndex, PacketKey key, String inputInterface,
                                 byte[] frame, int sourceMacOffset, long timeNanos, int packets) {
                logged.add(Ipv4.format(key.source));
            }

            @Override
            public void advance(long timeNanos) {
            }

            @Override
            public void finish(long timeNanos) {
                logged.add("finish@" + timeNanos);
            }
        };
        FilterSet filters = FilterSet.build(FrameHandlerTest.twoSided(), Matchers::forPipeline);
        Replay.Result r = Replay.run(filters, sides(), new ListReader(traffic(1000), LinkType.ETHERNET, 333),
                sink, log);
        assertNotNull(r.corruption());
        assertEquals(24 + 333, r.corruption().offset());
        assertEquals(333, sink.kinds.length());
        assertEquals(333, r.pipeline().traffic().read());
        assertTrue(r.pipeline().traffic().balanced());
        // web frames (every 4th) are logged by entry 10; the logger is finished at the last frame's time
        assertEquals(84 + 1, logged.size());
        assertEquals("finish@" + (1_700_000_000_000_000_000L + 332 * 1000L), logged.get(logged.size() - 1));
    }

    @Test
    void aFailingSinkStopsTheReadingAndIsReported() throws Exception {
        FrameSink failing = new FrameSink() {
            @Override
            public void forward(FrameEvent event, Port egress) {
                throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
            }

            @Override
            public void drop(FrameEvent event, DropReason reason) {
            }
        };
        FilterSet filters = FilterSet.build(FrameHandlerTest.twoSided(), Matchers::forPipeline);
        Replay.Result r = Replay.run(filters, sides(), new ListReader(traffic(200_000), LinkType.ETHERNET, -1),
                failing, MatchLog.NONE);
        assertNotNull(r.failure());
        assertTrue(r.failure().getMessage().contains("No space left on device"));
        assertTrue(r.framesPublished() < 200_000, "reading stops soon after the failure");
    }

    @Test
    void reloadSwapsTheFiltersForLaterFrames() throws Exception {
        FilterSet filters = FilterSet.build(FrameHandlerTest.twoSided(), Matchers::forPipeline);
        Pipeline p = Pipeline.builder(filters, FrameHandlerTest.ports()).ringSize(64).build();
        p.start();
        byte[] web = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        for (int i = 0; i < 10; i++) {
            p.publish(web, 0, web.length, web.length, i, LinkType.ETHERNET, 0);
        }
        FilterPlan first = p.plan();
        // wait until the handler has taken all ten before swapping
        while (p.traffic().read() < 10) {
            Thread.onSpinWait();
        }
        p.reload(FilterSet.build(FrameHandlerTest.twoSided(), Matchers::forPipeline));
        for (int i = 0; i < 5; i++) {
            p.publish(web, 0, web.length, web.length, 10 + i, LinkType.ETHERNET, 0);
        }
        p.drainAndStop();
        AccessList in1 = first.filters().config().accessList("from_outside");
        AccessList in2 = p.plan().filters().config().accessList("from_outside");
        assertEquals(10, first.counters(in1).matches(0));
        assertEquals(5, p.plan().counters(in2).matches(0));
        assertEquals(15, p.traffic().forwarded());
    }

    static ReplayPorts sides() {
        return ReplayPorts.resolve(FrameHandlerTest.twoSided(), FrameHandlerTest.OUTSIDE, null, List.of());
    }
}
