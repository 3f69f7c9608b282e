package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import org.junit.jupiter.api.Test;

/**
 * The router's clock with summer time, against the IANA time zone database as java.time has it: IOS's
 * {@code recurring} rules for the United States, Europe and south-eastern Australia give the same local times as
 * America/Los_Angeles, Europe/Berlin and Australia/Sydney for every hour of the years they have held.
 */
class ClockZoneTest {
    static final long HOUR = 3_600_000_000_000L;
    static final long MINUTE = 60_000_000_000L;

    static final ClockZone PACIFIC = new ClockZone("PST", -8 * 60,
            new SummerTime("PDT", SummerTime.UNITED_STATES, 60));
    static final ClockZone CENTRAL_EUROPE = new ClockZone("CET", 60, new SummerTime("CEST", new SummerTime.Recurring(
            new SummerTime.Edge(SummerTime.Edge.LAST, DayOfWeek.SUNDAY, Month.MARCH, 120),
            new SummerTime.Edge(SummerTime.Edge.LAST, DayOfWeek.SUNDAY, Month.OCTOBER, 180)), 60));
    static final ClockZone SYDNEY = new ClockZone("AEST", 600, new SummerTime("AEDT", new SummerTime.Recurring(
            new SummerTime.Edge(1, DayOfWeek.SUNDAY, Month.OCTOBER, 120),
            new SummerTime.Edge(1, DayOfWeek.SUNDAY, Month.APRIL, 180)), 60));

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static long at(String instant) {
        return nanos(Instant.parse(instant));
    }

    @Test
    void localTimesMatchTheTimeZoneDatabase() {
        assertSameClock(PACIFIC, ZoneId.of("America/Los_Angeles"), 2008, 2035);
        assertSameClock(CENTRAL_EUROPE, ZoneId.of("Europe/Berlin"), 1997, 2035);
        assertSameClock(SYDNEY, ZoneId.of("Australia/Sydney"), 2009, 2035);
    }

    private static void assertSameClock(ClockZone zone, ZoneId reference, int fromYear, int toYear) {
        ZoneRules rules = reference.getRules();
        long from = nanos(LocalDateTime.of(fromYear, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
        long to = nanos(LocalDateTime.of(toYear, 12, 31, 0, 0).toInstant(ZoneOffset.UTC));
        int changes = 0;
        for (long t = from; t < to; t += HOUR + 17 * MINUTE) {
            Instant i = Instant.ofEpochSecond(t / 1_000_000_000L);
            LocalDateTime expected = LocalDateTime.ofInstant(i, reference);
            assertEquals(expected, zone.localTime(t), () -> zone + " at " + i);
            assertEquals(rules.getOffset(i), zone.rules().getOffset(i));
            assertEquals(rules.isDaylightSavings(i) ? zone.summerTime().name() : zone.name(), zone.nameAt(t));
            assertEquals(Math.floorDiv(nanos(expected.toInstant(ZoneOffset.UTC)), MINUTE), zone.localMinute(t));
            ZoneOffsetTransition next = rules.nextTransition(i);
            long stretchEnd = nanos(next.getInstant());
            assertEquals(stretchEnd, zone.stretchUntil(TimeRange.NEVER, t), () -> "next change after " + i);
            assertEquals(nanos(rules.previousTransition(i.plusNanos(1)).getInstant()),
                    zone.stretchFrom(TimeRange.ALWAYS, t), () -> "last change before " + i);
            if (zone.stretchUntil(TimeRange.NEVER, t) <= t + HOUR + 17 * MINUTE) {
                changes++;
            }
        }
        assertEquals(2 * (toYear - fromYear + 1), changes, "two changes a year");
    }

    @Test
    void aLocalMinuteBeginsAtItsInstantSkippedOnesWhenSummerTimeStartsRepeatedOnesTheFirstTime() {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        long start = nanos(LocalDateTime.of(2026, 1, 1, 0, 0).toInstant(ZoneOffset.UTC)) / MINUTE;
        for (long m = start; m < start + 366 * 24 * 60; m += 7) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(m * 60, 0, ZoneOffset.UTC);
            ZoneOffsetTransition gap = la.getRules().getTransition(local);
            long expected = gap != null && gap.isGap() ? nanos(gap.getInstant())
                    : nanos(local.atZone(la).toInstant()); // java.time too takes the earlier of two
            assertEquals(expected, PACIFIC.epochNanos(m), local::toString);
        }
        // 2026-03-08 02:30 does not exist in California: the clock goes from 01:59 PST to 03:00 PDT
        assertEquals(at("2026-03-08T10:00:00Z"), PACIFIC.epochNanos(minute("2026-03-08T02:30")));
        // 2026-11-01 01:30 comes twice: first in PDT
        assertEquals(at("2026-11-01T08:30:00Z"), PACIFIC.epochNanos(minute("2026-11-01T01:30")));
    }

    @Test
    void aStretchStopsAtTheClockChange() {
        // 01:30 PST after the fall back: a state that began at 01:00 local began, as seen from here, at the change
        long afterFallBack = at("2026-11-01T09:30:00Z");
        assertEquals(at("2026-11-01T09:00:00Z"), PACIFIC.stretchFrom(minute("2026-11-01T01:00"), afterFallBack));
        assertEquals(at("2026-11-01T09:20:00Z"), PACIFIC.stretchFrom(minute("2026-11-01T01:20"), afterFallBack));
        // before it, in PDT, a state until 01:40 local ends at 01:40 PDT; one until 03:00 ends at the change
        long beforeFallBack = at("2026-11-01T08:10:00Z");
        assertEquals(at("2026-11-01T08:40:00Z"), PACIFIC.stretchUntil(minute("2026-11-01T01:40"), beforeFallBack));
        assertEquals(at("2026-11-01T09:00:00Z"), PACIFIC.stretchUntil(minute("2026-11-01T03:00"), beforeFallBack));
    }

    @Test
    void aDatedSummerTimeHoldsOnceAndFixedZonesStayLinear() {
        ClockZone once = new ClockZone("GMT", 0, new SummerTime("BST", new SummerTime.Dated(
                LocalDateTime.of(2026, 3, 29, 1, 0), LocalDateTime.of(2026, 10, 25, 2, 0)), 60));
        assertEquals(0, once.offsetMinutesAt(at("2026-03-29T00:59:59Z")));
        assertEquals(60, once.offsetMinutesAt(at("2026-03-29T01:00:00Z")));
        assertEquals("BST", once.nameAt(at("2026-07-01T00:00:00Z")));
        assertEquals(60, once.offsetMinutesAt(at("2026-10-25T00:59:59Z")));
        assertEquals(0, once.offsetMinutesAt(at("2026-10-25T01:00:00Z")), "ends at 02:00 summer time");
        assertEquals(0, once.offsetMinutesAt(at("2027-07-01T00:00:00Z")), "only in 2026");
        ClockZone cet = new ClockZone("CET", 60);
        assertEquals(Long.MIN_VALUE, cet.stretchFrom(TimeRange.ALWAYS, 0));
        assertEquals(Long.MAX_VALUE, cet.stretchUntil(TimeRange.NEVER, 0));
        assertEquals(-HOUR, cet.epochNanos(0));
        assertTrue(cet.config().startsWith("clock timezone CET 1 0"));
        assertEquals("clock timezone CET 1 0\nclock summer-time CEST recurring last Sun Mar 2:00 last Sun Oct 3:00",
                CENTRAL_EUROPE.config());
        assertEquals("clock timezone PST -8 0\nclock summer-time PDT recurring", PACIFIC.config());
        assertEquals("clock timezone GMT 0 0\nclock summer-time BST date Mar 29 2026 1:00 Oct 25 2026 2:00",
                once.config());
    }

    private static long minute(String local) {
        return Math.floorDiv(LocalDateTime.parse(local).toEpochSecond(ZoneOffset.UTC), 60);
    }
}
