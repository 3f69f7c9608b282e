package dev.perimeter.log;

import dev.perimeter.config.LogSettings.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;

import static dev.perimeter.log.LogFixtures.FEB24;
import static dev.perimeter.log.LogFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code service timestamps log uptime | datetime [msec] [localtime]} as IOS prints them. */
class LogTimestampTest {
    private static final long ORIGIN = 1_000 * SECOND;

    private static String uptime(long seconds) {
        return new LogTimestamp(Timestamps.UPTIME, ZoneOffset.UTC.getRules())
                .format(ORIGIN + seconds * SECOND + 999_000_000L, ORIGIN);
    }

    @Test
    void uptimeBelowADayIsHoursMinutesSeconds() {
        assertEquals("00:00:00: ", uptime(0));
        assertEquals("00:00:46: ", uptime(46));
        assertEquals("03:26:23: ", uptime(3 * 3600 + 26 * 60 + 23));
        assertEquals("23:59:59: ", uptime(86_399));
    }

    @Test
    void uptimeBelowAWeekIsDaysAndHours() {
        assertEquals("1d00h: ", uptime(86_400));
        assertEquals("1d02h: ", uptime(86_400 + 2 * 3600 + 59 * 60));
        assertEquals("5d20h: ", uptime(5 * 86_400 + 20 * 3600));
        assertEquals("6d23h: ", uptime(7 * 86_400 - 1));
    }

    @Test
    void uptimeFromAWeekIsWeeksAndDays() {
        assertEquals("1w0d: ", uptime(7 * 86_400));
        assertEquals("1w2d: ", uptime(9 * 86_400 + 5 * 3600));
        assertEquals("52w1d: ", uptime(365 * 86_400));
    }

    @Test
    void uptimeBeforeTheOriginIsZero() {
        assertEquals("00:00:00: ", new LogTimestamp(Timestamps.UPTIME).format(ORIGIN - 5 * SECOND, ORIGIN));
    }

    @Test
    void datetimeIsMarkedUnsynchronised() {
        LogTimestamp t = new LogTimestamp(new Timestamps(true, false, false), ZoneOffset.UTC.getRules());
        assertEquals("*Feb 24 03:26:23: ", t.format(FEB24, 0));
    }

    @Test
    void datetimeMsec() {
        LogTimestamp t = new LogTimestamp(new Timestamps(true, true, false), ZoneOffset.UTC.getRules());
        assertEquals("*Feb 24 03:26:23.123: ", t.format(FEB24, 0));
        assertEquals("*Feb 24 03:26:23.007: ", t.format(FEB24 - 116_000_000L, 0));
    }

    @Test
    void singleDigitDaysArePaddedWithASpace() {
        LogTimestamp t = new LogTimestamp(new Timestamps(true, true, false), ZoneOffset.UTC.getRules());
        assertEquals("*Feb  4 03:26:23.123: ", t.format(FEB24 - 20 * 86_400 * SECOND, 0));
    }

    @Test
    void localtimeUsesTheGivenZoneAndUtcOtherwise() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals("*Feb 24 04:26:23.123: ",
                new LogTimestamp(new Timestamps(true, true, true), berlin.getRules()).format(FEB24, 0));
        assertEquals("*Feb 24 03:26:23.123: ",
                new LogTimestamp(new Timestamps(true, true, false), berlin.getRules()).format(FEB24, 0));
    }

    @Test
    void anAuthoritativeClockHasNoStar() {
        LogTimestamp t = new LogTimestamp(new Timestamps(true, false, false), ZoneOffset.UTC.getRules());
        t.setAuthoritative(true);
        assertEquals("Feb 24 03:26:23: ", t.format(FEB24, 0));
    }

    @Test
    void loggerUsesDatetimeStamps() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = LogFixtures.logger(dev.perimeter.config.LogSettings.DEFAULT
                .withTimestamps(new Timestamps(true, true, false)), sink);
        logger.logMatch(LogFixtures.extended("packet_filter", LogFixtures.entry(10, dev.perimeter.acl.Action.DENY,
                        6, dev.perimeter.acl.LogOption.LOG, null)), 0,
                LogFixtures.tcp("172.16.11.5", 41234, "172.16.27.70", 143), "eth2/0", null, -1, FEB24);
        assertEquals("*Feb 24 03:26:23.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp "
                + "172.16.11.5(41234) -> 172.16.27.70(143), 1 packet", sink.lines().get(0));
    }
}
