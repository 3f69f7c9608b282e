package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.match.LinearMatcher;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.DecodeStatus;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.packet.LinkType;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static dev.perimeter.log.LogFixtures.FEB24;
import static dev.perimeter.log.LogFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configuration's logging commands, real frames through the decoder and the reference matcher, the log. */
class ConfiguredLoggingTest {
    private static final String CONFIG = """
            service timestamps log datetime msec
            ip access-list log-update threshold 2
            ip access-list extended packet_filter
             permit tcp any host 172.16.27.66 eq 25
             deny tcp any any eq 25 log
             deny tcp any any range 109 110 log
             deny tcp any any eq 143 log-input
             deny icmp any any echo log Deny_Ping
             permit ip any any
            !
            interface eth2/0
             ip access-group packet_filter out
            """;

    private final MemorySink sink = new MemorySink();
    private final FrameDecoder decoder = new FrameDecoder();
    private final PacketKey key = new PacketKey();
    private AccessList list;
    private Matcher matcher;
    private AccessLogger logger;

    private void offer(byte[] frame, long time) {
        logger.advance(time);
        assertEquals(DecodeStatus.IPV4, decoder.decode(frame, 0, frame.length, LinkType.ETHERNET, key));
        int entry = matcher.match(key);
        if (entry != Matcher.NO_MATCH && list.entry(entry).log() != LogOption.NONE) {
            logger.logMatch(list, entry, key, "eth1/0", frame, decoder.sourceMacOffset(), time);
        }
    }

    @Test
    void theSeedFilterLogsLikeTheRouter() {
        ParseResult parsed = ConfigParser.parse("seed", CONFIG);
        assertTrue(parsed.isValid(), parsed.toString());
        list = parsed.config().accessList("packet_filter");
        matcher = new LinearMatcher(list);
        logger = new AccessLogger(parsed.config().logging(), sink, AccessLogger.DEFAULT_FLOW_CACHE,
                ZoneOffset.UTC.getRules());

        byte[] smtp = FrameBuilder.tcp("172.16.11.5", 41234, "172.16.27.70", 25, TcpFlags.SYN).build();
        byte[] mail = FrameBuilder.tcp("172.16.11.5", 41240, "172.16.27.66", 25, TcpFlags.SYN).build();
        byte[] imap = FrameBuilder.ethernet().macs("00:50:56:a1:b2:c3", "00:0c:29:00:00:01")
                .ipv4("172.16.11.5", "172.16.27.70").tcp(41236, 143).flags(TcpFlags.SYN).build();
        byte[] pop = FrameBuilder.tcp("172.16.11.5", 41235, "172.16.27.70", 110, TcpFlags.SYN).build();
        byte[] ping = FrameBuilder.icmp("172.16.11.5", "172.16.27.70", 8, 0).build();
        byte[] web = FrameBuilder.tcp("172.16.11.5", 41237, "172.16.27.70", 80, TcpFlags.SYN).build();

        offer(smtp, FEB24);
        offer(mail, FEB24 + SECOND);
        offer(smtp, FEB24 + 3 * SECOND);
        offer(imap, FEB24 + 4 * SECOND);
        offer(pop, FEB24 + 5 * SECOND);
        offer(ping, FEB24 + 6 * SECOND);
        offer(web, FEB24 + 7 * SECOND);
        offer(smtp, FEB24 + 8 * SECOND);   // second counted packet: the threshold of 2 prints it
        offer(pop, FEB24 + 9 * SECOND);
        logger.finish(FEB24 + 10 * SECOND);

        assertEquals(List.of(
                "*Feb 24 03:26:23.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) -> "
                        + "172.16.27.70(25), 1 packet",
                "*Feb 24 03:26:27.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41236) "
                        + "(eth1/0 0050.56a1.b2c3) -> 172.16.27.70(143), 1 packet",
                "*Feb 24 03:26:28.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41235) -> "
                        + "172.16.27.70(110), 1 packet",
                "*Feb 24 03:26:29.123: %SEC-6-IPACCESSLOGDP: list packet_filter denied icmp 172.16.11.5 -> "
                        + "172.16.27.70 (8/0), 1 packet [Deny_Ping]",
                "*Feb 24 03:26:31.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) -> "
                        + "172.16.27.70(25), 2 packets",
                "*Feb 24 03:26:33.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41235) -> "
                        + "172.16.27.70(110), 1 packet"), sink.lines());
    }
}
