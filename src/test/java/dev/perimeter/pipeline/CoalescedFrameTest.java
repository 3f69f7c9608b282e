package dev.perimeter.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.packet.Offload;
import dev.perimeter.stats.TrafficCounters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coalesced frames (TSO/GSO, GRO) as the live bridge receives them: judged once, counted as the packets they stand
 * for; when FIN or PSH (which segmentation leaves on the last segment only) could change a list's answer, the
 * leading segments and the last one are judged apart.
 */
class CoalescedFrameTest {
    private static final String CONFIG = """
            ip access-list extended from_outside
             deny tcp any any psh log
             deny tcp any any eq 143 log
             permit tcp any any
            interface Ethernet0/0
             ip access-group from_outside in
            interface Ethernet0/1
            """;

    private final FrameHandlerTest.Recorder recorder = new FrameHandlerTest.Recorder();
    private final TrafficCounters traffic = new TrafficCounters(2);
    private final RouterConfig config = ConfigParser.parse("t", CONFIG).config();
    private final FilterPlan plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline),
            FrameHandlerTest.ports());
    private final FrameHandler handler = new FrameHandler(() -> plan, recorder, recorder, traffic);
    private final AccessList list = config.accessList("from_outside");

    /** A TCP frame of {@code payload} bytes with a header saying it is to be cut into {@code mss}-byte segments. */
    private static FrameEvent coalesced(int port, int flags, int payload, int mss) {
        byte[] frame = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", port, flags).payload(new byte[payload])
                .build();
        FrameEvent e = new FrameEvent(frame.length);
        e.set(frame, 0, frame.length, frame.length, 1, LinkType.ETHERNET, 0);
        e.offload.flags = Offload.NEEDS_CSUM;
        e.offload.gsoType = Offload.GSO_TCPV4;
        e.offload.gsoSize = mss;
        e.offload.csumStart = 34;
        e.offload.csumOffset = 16;
        e.decode(new dev.perimeter.packet.FrameDecoder());
        return e;
    }

    @Test
    void aFrameCountsAsItsPayloadCutIntoSegmentsRoundedUp() {
        assertEquals(10, coalesced(80, TcpFlags.ACK, 10_000, 1000).segments);
        assertEquals(11, coalesced(80, TcpFlags.ACK, 10_001, 1000).segments);
        assertEquals(1, coalesced(80, TcpFlags.ACK, 1000, 1000).segments, "one segment's worth is one packet");
        FrameEvent plain = coalesced(80, TcpFlags.ACK, 10_000, 1000);
        plain.offload.clear();
        plain.decode(new dev.perimeter.packet.FrameDecoder());
        assertEquals(1, plain.segments, "without a header a frame is one packet");
    }

    @Test
    void theTransportHeaderIsFoundFromThePendingChecksumWhenTheFrameIsNotIpv4() {
        Offload udp = new Offload();
        udp.gsoType = Offload.GSO_UDP_L4;
        udp.gsoSize = 1200;
        udp.flags = Offload.NEEDS_CSUM;
        udp.csumStart = 54; // Ethernet + IPv6 header
        byte[] frame = new byte[54 + 8 + 3000];
        assertEquals(3, udp.segments(frame, 0, frame.length, frame.length, -1));
        assertEquals(3, udp.segments(frame, 0, 128, frame.length, -1), "only the headers at hand");
        udp.flags = 0;
        assertEquals(1, udp.segments(frame, 0, frame.length, frame.length, -1), "no transport header known: one packet");
    }

    @Test
    void aCoalescedFrameIsJudgedOnceAndCountedAsItsSegments() {
        handler.handle(coalesced(80, TcpFlags.ACK, 10_000, 1000));
        handler.handle(coalesced(143, TcpFlags.ACK, 5_000, 1000));
        assertEquals(List.of("F:" + FrameHandlerTest.INSIDE, "D:DENIED"), recorder.verdicts);
        assertArrayEquals(new long[] {0, 5, 10}, plan.counters(list).snapshot());
        assertEquals(1, recorder.logged.size(), "one log call for the denied frame");
        assertEquals(15, traffic.read());
        assertEquals(10, traffic.forwarded());
        assertEquals(5, traffic.denied());
        assertEquals(15, traffic.port(0).received());
        assertEquals(10, traffic.port(1).transmitted());
        assertTrue(traffic.balanced());
    }

    /**
     * PSH on a coalesced frame is on its last segment only: the nine leading segments are permitted, the last is
     * denied by "deny tcp any any psh"; the frame is dropped whole and every segment is counted where it matched.
     */
    @Test
    void whenTheLastSegmentMeetsAnotherEntryTheSegmentsAreCountedApartAndTheFrameFailsClosed() {
        handler.handle(coalesced(80, TcpFlags.ACK | TcpFlags.PSH, 10_000, 1000));
        assertEquals(List.of("D:DENIED"), recorder.verdicts);
        assertArrayEquals(new long[] {1, 0, 9}, plan.counters(list).snapshot());
        assertEquals(10, traffic.read());
        assertEquals(10, traffic.denied());
        assertEquals(0, traffic.forwarded());
        assertTrue(traffic.balanced());
    }

    @Test
    void aFrameWithPshThatOneSegmentCarriesAloneIsJudgedAsItStands() {
        handler.handle(coalesced(80, TcpFlags.ACK | TcpFlags.PSH, 1000, 1000));
        assertEquals(List.of("D:DENIED"), recorder.verdicts);
        assertArrayEquals(new long[] {1, 0, 0}, plan.counters(list).snapshot());
    }

    @Test
    void whenEverySegmentPassesTheFrameIsForwardedWhole() {
        FrameEvent fin = coalesced(80, TcpFlags.ACK | TcpFlags.FIN, 4_000, 1000);
        handler.handle(fin);
        assertEquals(List.of("F:" + FrameHandlerTest.INSIDE), recorder.verdicts);
        assertArrayEquals(new long[] {0, 0, 4}, plan.counters(list).snapshot());
        assertEquals(TcpFlags.ACK | TcpFlags.FIN, fin.key.tcpFlags, "the frame's own flags are left as they were");
    }
}
