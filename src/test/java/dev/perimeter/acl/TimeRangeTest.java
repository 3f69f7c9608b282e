package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * When a time range is in effect, against dates worked out by hand: 2026-03-02 is a Monday, 2026-03-07 a
 * Saturday, 2026-03-08 a Sunday.
 */
class TimeRangeTest {
    static final int MON = 1, TUE = 2, WED = 4, THU = 8, FRI = 16, SAT = 32, SUN = 64;

    static long minute(String local) {
        return TimeRange.localMinute(LocalDateTime.parse(local));
    }

    static int hm(int h, int m) {
        return h * 60 + m;
    }

    static TimeRange periodic(TimeRange.Periodic... p) {
        return new TimeRange("T", null, List.of(p));
    }

    static boolean active(TimeRange r, String local) {
        return r.activeAt(minute(local));
    }

    @Test
    void weekdaysEndMinuteIsIncluded() {
        TimeRange r = periodic(new TimeRange.Periodic(TimeRange.WEEKDAYS, hm(8, 0), 0, hm(18, 0)));
        assertFalse(active(r, "2026-03-02T07:59"));
        assertTrue(active(r, "2026-03-02T08:00"));
        assertTrue(active(r, "2026-03-02T18:00"), "18:00 is the last minute in effect");
        assertFalse(active(r, "2026-03-02T18:01"));
        assertTrue(active(r, "2026-03-06T12:00"), "Friday");
        assertFalse(active(r, "2026-03-07T12:00"), "Saturday");
        assertFalse(active(r, "2026-03-08T12:00"), "Sunday");
        assertEquals("periodic weekdays 8:00 to 18:00", r.periodics().get(0).toString());
    }

    @Test
    void aPeriodicEndingOnAnotherDaySpansTheDaysBetween() {
        TimeRange r = periodic(new TimeRange.Periodic(MON, hm(8, 0), FRI, hm(18, 0)));
        assertFalse(active(r, "2026-03-02T07:59"));
        assertTrue(active(r, "2026-03-02T08:00"));
        assertTrue(active(r, "2026-03-04T03:00"), "Wednesday night lies between");
        assertTrue(active(r, "2026-03-06T18:00"));
        assertFalse(active(r, "2026-03-06T18:01"));
        assertFalse(active(r, "2026-03-07T10:00"));
        assertFalse(active(r, "2026-03-09T07:59"), "the next Monday before 8:00");
        assertEquals("periodic Monday 8:00 to Friday 18:00", r.periodics().get(0).toString());
    }

    @Test
    void aSpanOverTheWeekendWrapsFromSundayToMonday() {
        TimeRange r = periodic(new TimeRange.Periodic(FRI, hm(18, 0), MON, hm(8, 0)));
        assertFalse(active(r, "2026-03-06T17:59"));
        assertTrue(active(r, "2026-03-06T18:00"));
        assertTrue(active(r, "2026-03-08T23:59"));
        assertTrue(active(r, "2026-03-09T00:00"), "midnight into Monday");
        assertTrue(active(r, "2026-03-09T08:00"));
        assertFalse(active(r, "2026-03-09T08:01"));
        assertFalse(active(r, "2026-03-04T12:00"));
    }

    @Test
    void anEndBeforeTheStartRunsPastMidnight() {
        TimeRange r = periodic(new TimeRange.Periodic(TimeRange.DAILY, hm(22, 0), 0, hm(6, 0)));
        assertFalse(active(r, "2026-03-03T21:59"));
        assertTrue(active(r, "2026-03-03T22:00"));
        assertTrue(active(r, "2026-03-04T00:00"));
        assertTrue(active(r, "2026-03-04T06:00"));
        assertFalse(active(r, "2026-03-04T06:01"));
        // on Sunday night the window runs into Monday: the week wraps
        TimeRange sunday = periodic(new TimeRange.Periodic(SUN, hm(23, 0), 0, hm(1, 0)));
        assertTrue(active(sunday, "2026-03-09T00:30"));
        assertFalse(active(sunday, "2026-03-08T00:30"), "not the Sunday morning before");
    }

    @Test
    void midnightBoundaries() {
        TimeRange weekend = periodic(new TimeRange.Periodic(TimeRange.WEEKEND, hm(0, 0), 0, hm(23, 59)));
        assertFalse(active(weekend, "2026-03-06T23:59"));
        assertTrue(active(weekend, "2026-03-07T00:00"));
        assertTrue(active(weekend, "2026-03-08T23:59"));
        assertFalse(active(weekend, "2026-03-09T00:00"));
        TimeRange noonToMidnight = periodic(new TimeRange.Periodic(TimeRange.WEEKEND, hm(12, 0), 0, 24 * 60));
        assertFalse(active(noonToMidnight, "2026-03-07T11:59"));
        assertTrue(active(noonToMidnight, "2026-03-08T23:59"));
        assertFalse(active(noonToMidnight, "2026-03-09T00:00"), "24:00 ends the day");
        assertEquals("periodic weekend 12:00 to 24:00", noonToMidnight.periodics().get(0).toString());
    }

    @Test
    void severalPeriodicsAreOneUnion() {
        TimeRange r = periodic(new TimeRange.Periodic(MON | WED, hm(9, 0), 0, hm(10, 0)),
                new TimeRange.Periodic(TUE, hm(14, 0), 0, hm(15, 30)));
        assertTrue(active(r, "2026-03-02T09:30"));
        assertFalse(active(r, "2026-03-03T09:30"));
        assertTrue(active(r, "2026-03-03T15:30"));
        assertTrue(active(r, "2026-03-04T10:00"));
        assertFalse(active(r, "2026-03-05T09:30"));
        assertEquals("periodic Monday Wednesday 9:00 to 10:00", r.periodics().get(0).toString());
    }

    @Test
    void absoluteBoundsAreMinutesAndTheEndIsIncluded() {
        TimeRange r = new TimeRange("T", new TimeRange.Absolute(LocalDateTime.parse("2026-03-01T08:00"),
                LocalDateTime.parse("2026-03-03T17:00")), List.of());
        assertFalse(active(r, "2026-03-01T07:59"));
        assertTrue(active(r, "2026-03-01T08:00"));
        assertTrue(active(r, "2026-03-03T17:00"));
        assertFalse(active(r, "2026-03-03T17:01"));
        assertEquals(minute("2026-03-01T08:00"), r.nextChange(minute("2026-02-20T00:00")));
        assertEquals(minute("2026-03-03T17:01"), r.nextChange(minute("2026-03-02T12:00")));
        assertEquals(minute("2026-03-01T08:00"), r.lastChange(minute("2026-03-02T12:00")));
        assertEquals(TimeRange.NEVER, r.nextChange(minute("2026-03-03T17:01")));
        assertEquals("absolute start 8:00 1 March 2026 end 17:00 3 March 2026", r.absolute().toString());
        TimeRange open = new TimeRange("T", new TimeRange.Absolute(null, LocalDateTime.parse("2026-03-03T17:00")),
                List.of());
        assertTrue(active(open, "1999-01-01T00:00"));
        assertFalse(active(open, "2026-03-03T17:01"));
        assertEquals(TimeRange.ALWAYS, open.lastChange(minute("2026-03-03T17:00")));
    }

    @Test
    void absoluteAndPeriodicMustBothHold() {
        TimeRange r = new TimeRange("T", new TimeRange.Absolute(LocalDateTime.parse("2026-03-02T00:00"), null),
                List.of(new TimeRange.Periodic(TimeRange.WEEKDAYS, hm(9, 0), 0, hm(17, 0))));
        assertFalse(active(r, "2026-02-27T10:00"), "a weekday, before the absolute start");
        assertTrue(active(r, "2026-03-02T10:00"));
        assertFalse(active(r, "2026-03-02T08:00"), "inside the absolute window, outside the periodic");
        assertFalse(active(r, "2026-03-07T10:00"));
        assertEquals(minute("2026-03-02T00:00"), r.nextChange(minute("2026-02-27T18:00")),
                "the absolute start comes before the next periodic start (Monday 9:00)");
    }

    @Test
    void aRangeWithNothingInItIsAlwaysInEffect() {
        TimeRange r = new TimeRange("EMPTY", null, List.of());
        assertTrue(active(r, "2026-03-02T10:00"));
        assertEquals(TimeRange.NEVER, r.nextChange(0));
        assertEquals(TimeRange.ALWAYS, r.lastChange(0));
    }

    @Test
    void theWindowAroundAMinuteIsExactForASimpleRange() {
        TimeRange r = periodic(new TimeRange.Periodic(TimeRange.WEEKDAYS, hm(8, 0), 0, hm(18, 0)));
        long noon = minute("2026-03-02T12:00");
        assertEquals(minute("2026-03-02T08:00"), r.lastChange(noon));
        assertEquals(minute("2026-03-02T18:01"), r.nextChange(noon));
        long fridayNight = minute("2026-03-06T22:00");
        assertEquals(minute("2026-03-06T18:01"), r.lastChange(fridayNight));
        assertEquals(minute("2026-03-09T08:00"), r.nextChange(fridayNight), "quiet over the weekend");
    }

    @Test
    void activityIsConstantBetweenTheChangesAroundAnyMinute() {
        TimeRange r = new TimeRange("T", new TimeRange.Absolute(LocalDateTime.parse("2026-03-01T08:00"),
                LocalDateTime.parse("2026-04-01T08:00")), List.of(
                new TimeRange.Periodic(TimeRange.WEEKDAYS, hm(8, 0), 0, hm(12, 0)),
                new TimeRange.Periodic(TimeRange.DAILY, hm(23, 0), 0, hm(1, 0)),
                new TimeRange.Periodic(SAT, hm(10, 0), SUN, hm(10, 0))));
        Random random = new Random(7);
        long base = minute("2026-02-25T00:00");
        for (int i = 0; i < 300; i++) {
            long m = base + random.nextInt(45 * TimeRange.MINUTES_PER_DAY);
            long from = r.lastChange(m);
            long until = r.nextChange(m);
            assertTrue(from <= m && m < until);
            boolean now = r.activeAt(m);
            for (long x = from; x < until && x < m + 3 * TimeRange.MINUTES_PER_DAY; x += 7) {
                assertEquals(now, r.activeAt(x), "at minute " + x + " inside [" + from + ", " + until + ")");
            }
            assertEquals(now, r.activeAt(until - 1));
            assertEquals(now, r.activeAt(from));
        }
    }

    @Test
    void aClockZoneShiftsInstantsIntoLocalMinutes() {
        TimeRange r = periodic(new TimeRange.Periodic(TimeRange.WEEKDAYS, hm(8, 0), 0, hm(18, 0)));
        ClockZone cet = new ClockZone("CET", 60);
        assertTrue(r.activeAt(cet.localMinute(nanos("2026-03-02T07:30:00Z"))), "08:30 in Paris");
        assertFalse(r.activeAt(cet.localMinute(nanos("2026-03-02T06:59:59Z"))), "07:59:59 in Paris");
        ClockZone newfoundland = new ClockZone("NST", -(3 * 60 + 30));
        assertFalse(r.activeAt(newfoundland.localMinute(nanos("2026-03-02T11:29:59Z"))));
        assertTrue(r.activeAt(newfoundland.localMinute(nanos("2026-03-02T11:30:00Z"))));
        // Saturday 02:00 UTC is still Friday evening in New York
        TimeRange friday = periodic(new TimeRange.Periodic(FRI, hm(20, 0), 0, hm(23, 0)));
        ClockZone est = new ClockZone("EST", -5 * 60);
        assertTrue(friday.activeAt(est.localMinute(nanos("2026-03-07T02:00:00Z"))));
        assertFalse(friday.activeAt(ClockZone.UTC.localMinute(nanos("2026-03-07T02:00:00Z"))));
        // and back: the local minute 08:00 in Paris begins at 07:00 UTC
        assertEquals(nanos("2026-03-02T07:00:00Z"), cet.epochNanos(minute("2026-03-02T08:00")));
        assertEquals("clock timezone NST -3 30", newfoundland.config());
        assertEquals("-3:30", newfoundland.offsetText());
        assertEquals("+1", cet.offsetText());
    }

    @Test
    void rangesByNameTreatAnUndefinedOneAsInEffect() {
        TimeRanges ranges = new TimeRanges(java.util.Map.of("WORK",
                periodic(new TimeRange.Periodic(TimeRange.WEEKDAYS, hm(8, 0), 0, hm(18, 0)))), ClockZone.UTC);
        long saturday = nanos("2026-03-07T10:00:00Z");
        assertFalse(ranges.isActive("WORK", saturday));
        assertTrue(ranges.isActive("NOT-DEFINED", saturday));
        assertTrue(ranges.at(nanos("2026-03-02T10:00:00Z")).test("WORK"));
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
