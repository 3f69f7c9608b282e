package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.dsl.ProducerType;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.io.live.WallClock;
import dev.perimeter.match.CompileAhead;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.pipeline.BridgePorts;
import dev.perimeter.pipeline.DropReason;
import dev.perimeter.pipeline.FrameEvent;
import dev.perimeter.pipeline.FrameSink;
import dev.perimeter.pipeline.Pipeline;
import dev.perimeter.pipeline.Port;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The bridge's clock: the capture threads stamp frames with the wall clock, the handler judges each at that
 * time in the router's time zone, and the admin page shows each range's state now. Ranges are written around
 * the present moment, on a router nine hours ahead of UTC, so that a clock read in UTC would put them wrong.
 */
class BridgeTimeRangesTest {

    static String date(LocalDateTime t) {
        String month = t.getMonth().name();
        return t.getHour() + ":" + String.format(Locale.ROOT, "%02d", t.getMinute()) + " " + t.getDayOfMonth() + " "
                + month.charAt(0) + month.substring(1).toLowerCase(Locale.ROOT) + " " + t.getYear();
    }

    @Test
    void framesAreJudgedAndRangesShownOnTheWallClockInTheRoutersZone() throws Exception {
        WallClock clock = new WallClock();
        long now = clock.nowNanos();
        LocalDateTime tokyo = LocalDateTime.ofEpochSecond(now / 1_000_000_000L, 0, ZoneOffset.ofHours(9));
        // in effect from 30 minutes ago for two hours on the router's clock; over since an hour ago
        ParseResult parsed = ConfigParser.parse("t", "clock timezone JST 9 0\n"
                + "time-range NOW\n absolute start " + date(tokyo.minusMinutes(30)) + " end "
                + date(tokyo.plusMinutes(90)) + "\n"
                + "time-range PAST\n absolute end " + date(tokyo.minusHours(1)) + "\n"
                + "ip access-list extended L\n"
                + " deny tcp any any eq www time-range PAST\n"
                + " permit tcp any any eq www time-range NOW\n"
                + " deny ip any any\n"
                + "interface eth0\n ip access-group L in\n");
        assertTrue(parsed.isValid(), parsed::formatErrors);
        RouterConfig config = parsed.config();
        List<String> verdicts = new CopyOnWriteArrayList<>();
        FrameSink sink = new FrameSink() {
            @Override
            public void forward(FrameEvent event, Port egress) {
                verdicts.add("F");
            }

            @Override
            public void drop(FrameEvent event, DropReason reason) {
                verdicts.add("D:" + reason);
            }
        };
        BridgePorts ports = new BridgePorts(new Port(0, "veth0", "eth0"), new Port(1, "veth1", "eth1"));
        Pipeline pipeline = Pipeline.builder(FilterSet.build(config, Matchers::forPipeline, CompileAhead.executor()),
                ports).sink(sink).producers(ProducerType.MULTI).build();
        pipeline.start();
        byte[] web = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        pipeline.publish(web, 0, web.length, web.length, clock.nowNanos(), LinkType.ETHERNET, 0);
        pipeline.drainAndStop();
        assertEquals(List.of("F"), verdicts, "NOW is in effect, PAST is not");
        assertArrayEquals(new long[] {0, 1, 0}, pipeline.plan().counters(config.accessList("L")).snapshot());
        String shown = BridgeRuntime.accessListsText(pipeline.plan(), clock.nowNanos());
        assertTrue(shown.contains("10 deny tcp any any eq www time-range PAST (inactive)\n"), shown);
        assertTrue(shown.contains("20 permit tcp any any eq www time-range NOW (active) (1 match)\n"), shown);
        // an hour and a half later on the same clock NOW has ended
        String later = BridgeRuntime.accessListsText(pipeline.plan(), now + 91 * 60_000_000_000L);
        assertTrue(later.contains("time-range NOW (inactive) (1 match)"), later);
    }
}
