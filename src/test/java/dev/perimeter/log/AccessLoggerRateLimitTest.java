package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.Protocols;
import dev.perimeter.config.LogSettings;
import dev.perimeter.match.PacketKey;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static dev.perimeter.log.LogFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's rate limiting on capture time: 5-minute updates, threshold, logging interval, full cache. */
class AccessLoggerRateLimitTest {
    private static final long T0 = 1_700_000_000L * SECOND;
    private static final String DENIED_25 = "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) -> "
            + "172.16.27.70(25), ";

    private final AccessList list = extended("packet_filter",
            entry(10, Action.PERMIT, Protocols.TCP, LogOption.NONE, null),
            entry(20, Action.DENY, Protocols.TCP, LogOption.LOG, null),
            entry(30, Action.DENY, Protocols.TCP, LogOption.LOG_INPUT, null));
    private final PacketKey smtp = tcp("172.16.11.5", 41234, "172.16.27.70", 25);

    private void hit(AccessLogger logger, PacketKey p, long t) {
        logger.advance(t);
        logger.logMatch(list, 1, p, "eth2/0", null, -1, t);
    }

    @Test
    void laterPacketsAreCountedAndPrintedByTheFiveMinuteUpdate() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        hit(logger, smtp, T0);
        hit(logger, smtp, T0 + 10 * SECOND);
        hit(logger, smtp, T0 + 10 * SECOND);
        hit(logger, smtp, T0 + 11 * SECOND);
        assertEquals(List.of("00:00:00: " + DENIED_25 + "1 packet"), sink.lines());
        logger.advance(T0 + 299 * SECOND);
        assertEquals(1, sink.lines().size());
        logger.advance(T0 + 300 * SECOND);
        assertEquals(List.of("00:00:00: " + DENIED_25 + "1 packet", "00:05:00: " + DENIED_25 + "3 packets"),
                sink.lines());
        // a quiet interval prints nothing and ages the flow out; its next packet is logged at once
        logger.advance(T0 + 600 * SECOND);
        assertEquals(2, sink.lines().size());
        assertEquals(0, logger.activeFlows());
        hit(logger, smtp, T0 + 700 * SECOND);
        assertEquals("00:11:40: " + DENIED_25 + "1 packet", sink.lines().get(2));
    }

    /** A coalesced frame of ten packets: the first printed at once, the other nine counted into the update. */
    @Test
    void aFrameStandingForSeveralPacketsCountsThemAll() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        logger.advance(T0);
        logger.logMatch(list, 1, smtp, "eth2/0", null, -1, T0, 10);
        logger.logMatch(list, 1, smtp, "eth2/0", null, -1, T0 + SECOND, 5);
        assertEquals(List.of("00:00:00: " + DENIED_25 + "1 packet"), sink.lines());
        logger.advance(T0 + 300 * SECOND);
        assertEquals(List.of("00:00:00: " + DENIED_25 + "1 packet", "00:05:00: " + DENIED_25 + "14 packets"),
                sink.lines());
    }

    @Test
    void updatesCarryTheirDueTimeAndComeOutInOrderWhenTheClockJumps() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        PacketKey other = tcp("172.16.11.6", 5000, "172.16.27.70", 25);
        hit(logger, smtp, T0);
        hit(logger, other, T0 + 100 * SECOND);
        hit(logger, smtp, T0 + 120 * SECOND);
        hit(logger, other, T0 + 130 * SECOND);
        hit(logger, other, T0 + 131 * SECOND);
        logger.advance(T0 + 3600 * SECOND);
        assertEquals(List.of(
                "00:00:00: " + DENIED_25 + "1 packet",
                "00:01:40: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.6(5000) -> 172.16.27.70(25), "
                        + "1 packet",
                "00:05:00: " + DENIED_25 + "1 packet",
                "00:06:40: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.6(5000) -> 172.16.27.70(25), "
                        + "2 packets"), sink.lines());
        assertEquals(0, logger.activeFlows());
    }

    @Test
    void finishPrintsEveryPendingCount() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        hit(logger, smtp, T0);
        hit(logger, smtp, T0 + SECOND);
        hit(logger, smtp, T0 + 2 * SECOND);
        PacketKey imap = tcp("172.16.11.5", 41235, "172.16.27.70", 143);
        hit(logger, imap, T0 + 3 * SECOND);
        logger.finish(T0 + 4 * SECOND);
        assertEquals(List.of(
                "00:00:00: " + DENIED_25 + "1 packet",
                "00:00:03: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41235) -> "
                        + "172.16.27.70(143), 1 packet",
                "00:00:04: " + DENIED_25 + "2 packets"), sink.lines());
        assertEquals(4, logger.packetsLogged());
        logger.finish(T0 + 5 * SECOND);
        assertEquals(3, sink.lines().size(), "a second finish has nothing left to print");
    }

    @Test
    void flowsDifferByEntryAddressesPortsAndInputMac() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        hit(logger, smtp, T0);
        hit(logger, tcp("172.16.11.5", 41234, "172.16.27.70", 26), T0);
        hit(logger, tcp("172.16.11.5", 41233, "172.16.27.70", 25), T0);
        hit(logger, tcp("172.16.11.5", 41234, "172.16.27.71", 25), T0);
        byte[] a = frame();
        byte[] b = frame();
        b[11] = 0x01;
        logger.logMatch(list, 2, smtp, "eth2/0", a, 6, T0);
        logger.logMatch(list, 2, smtp, "eth2/0", a, 6, T0);
        logger.logMatch(list, 2, smtp, "eth2/0", b, 6, T0);
        logger.logMatch(list, 2, smtp, "eth1/0", b, 6, T0);
        assertEquals(7, sink.lines().size(), String.join("\n", sink.lines()));
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172.16.11.5(41234) "
                + "(eth2/0 0050.56a1.b201) -> 172.16.27.70(25), 1 packet", sink.lines().get(5));
        assertEquals(7, logger.activeFlows());
    }

    @Test
    void updateThresholdPrintsAFlowWhenItsCountReachesIt() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings().withLogUpdateThreshold(3), sink);
        for (int i = 0; i < 7; i++) {
            hit(logger, smtp, T0 + i * SECOND);
        }
        assertEquals(List.of(
                "00:00:00: " + DENIED_25 + "1 packet",
                "00:00:03: " + DENIED_25 + "3 packets",
                "00:00:06: " + DENIED_25 + "3 packets"), sink.lines());
        hit(logger, smtp, T0 + 7 * SECOND);
        logger.advance(T0 + 300 * SECOND);
        assertEquals("00:05:00: " + DENIED_25 + "1 packet", sink.lines().get(3));
    }

    @Test
    void thresholdOfOneLogsEveryPacket() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings().withLogUpdateThreshold(1), sink);
        for (int i = 0; i < 4; i++) {
            hit(logger, smtp, T0 + i * SECOND);
        }
        assertEquals(4, sink.lines().size());
        assertTrue(sink.lines().stream().allMatch(l -> l.endsWith(DENIED_25 + "1 packet")), sink.lines().toString());
    }

    @Test
    void loggingIntervalAdmitsOnePacketPerIntervalAndReportsTheRest() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings().withLoggingInterval(100), sink);
        long ms = 1_000_000L;
        for (int i = 0; i < 20; i++) {
            hit(logger, tcp("10.0.0." + (i + 1), 1024, "172.16.27.70", 25), T0 + i * 10 * ms);
        }
        logger.finish(T0 + SECOND);
        assertEquals(List.of(
                "00:00:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 10.0.0.1(1024) -> 172.16.27.70(25), "
                        + "1 packet",
                "00:00:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 10.0.0.11(1024) -> 172.16.27.70(25), "
                        + "1 packet",
                "00:00:01: %SEC-6-IPACCESSLOGRL: access-list logging rate-limited or missed 18 packets"),
                sink.lines());
        assertEquals(18, logger.missedPackets());
    }

    @Test
    void aFullCacheCountsMissesAndReportsThemAMinuteLater() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = new AccessLogger(LogSettings.DEFAULT, sink, 2, ZoneOffset.UTC.getRules());
        hit(logger, tcp("10.0.0.1", 1, "10.9.9.9", 25), T0);
        hit(logger, tcp("10.0.0.2", 1, "10.9.9.9", 25), T0);
        hit(logger, tcp("10.0.0.3", 1, "10.9.9.9", 25), T0 + SECOND);
        hit(logger, tcp("10.0.0.1", 1, "10.9.9.9", 25), T0 + 2 * SECOND);
        hit(logger, tcp("10.0.0.4", 1, "10.9.9.9", 25), T0 + 30 * SECOND);
        assertEquals(2, sink.lines().size());
        logger.advance(T0 + 60 * SECOND);
        assertEquals(2, sink.lines().size());
        logger.advance(T0 + 61 * SECOND);
        assertEquals("00:01:01: %SEC-6-IPACCESSLOGRL: access-list logging rate-limited or missed 2 packets",
                sink.lines().get(2));
        logger.advance(T0 + 300 * SECOND);
        assertEquals("00:05:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 10.0.0.1(1) -> 10.9.9.9(25), "
                + "1 packet", sink.lines().get(3));
        assertEquals(1, logger.activeFlows(), "10.0.0.2 had nothing new and left the cache");
        hit(logger, tcp("10.0.0.5", 1, "10.9.9.9", 25), T0 + 301 * SECOND);
        assertEquals("00:05:01: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 10.0.0.5(1) -> 10.9.9.9(25), "
                + "1 packet", sink.lines().get(4));
    }

    @Test
    void aClockThatStepsBackDoesNotRewindTheLog() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        hit(logger, smtp, T0 + 5 * SECOND);
        hit(logger, tcp("10.0.0.1", 1, "10.9.9.9", 25), T0);
        assertEquals("00:00:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp 10.0.0.1(1) -> 10.9.9.9(25), "
                + "1 packet", sink.lines().get(1));
        logger.finish(T0);
        assertEquals(2, sink.lines().size());
    }

    @Test
    void explicitOriginCountsUptimeFromIt() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        logger.setOrigin(T0 - (26 * 3600 + 7) * SECOND);
        hit(logger, smtp, T0);
        assertEquals("1d02h: " + DENIED_25 + "1 packet", sink.lines().get(0));
    }

    @Test
    void standardListFlowsAreKeyedBySourceOnly() {
        AccessList std = standard("1", entry(10, Action.DENY, Protocols.ANY, LogOption.LOG, null));
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(settings(), sink);
        logger.logMatch(std, 0, tcp("10.1.1.1", 1, "10.2.2.2", 80), "Gi0/0", null, -1, T0);
        logger.logMatch(std, 0, icmp("10.1.1.1", "10.3.3.3", 8, 0), "Gi0/0", null, -1, T0 + SECOND);
        logger.logMatch(std, 0, tcp("10.1.1.2", 1, "10.2.2.2", 80), "Gi0/0", null, -1, T0 + SECOND);
        logger.advance(T0 + 300 * SECOND);
        assertEquals(List.of(
                "00:00:00: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet",
                "00:00:01: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.2 1 packet",
                "00:05:00: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet"), sink.lines());
    }
}
