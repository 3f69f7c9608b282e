package dev.perimeter.acl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;

/**
 * The router's clock: {@code clock timezone NAME HOURS [MINUTES]} (a fixed offset from UTC; IOS's default is UTC)
 * and, when set, {@code clock summer-time}. Time ranges are written in local time; this turns a capture or
 * wall-clock instant (nanoseconds since the epoch) into a local epoch minute and back. Without summer time that is
 * integer arithmetic; with it, {@link #stretchFrom}/{@link #stretchUntil} keep to the instants that share one
 * offset.
 */
public final class ClockZone {
    public static final ClockZone UTC = new ClockZone("UTC", 0);
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Local minutes beyond this (about ±190,000 years) are taken at the standard offset. */
    private static final long FAR_MINUTES = 100_000_000_000L;

    private final String name;
    private final int offsetMinutes;
    private final SummerTime summer;
    private final ZoneRules rules;

    public ClockZone(String name, int offsetMinutes) {
        this(name, offsetMinutes, null);
    }

    /** {@code summer} null: no summer time. */
    public ClockZone(String name, int offsetMinutes, SummerTime summer) {
        this.name = Objects.requireNonNull(name);
        if (Math.abs(offsetMinutes) >= 24 * 60) {
            throw new IllegalArgumentException("offset out of range: " + offsetMinutes);
        }
        this.offsetMinutes = offsetMinutes;
        this.summer = summer;
        this.rules = summer == null ? ZoneRules.of(zoneOffset(offsetMinutes)) : summer.rules(offsetMinutes);
    }

    /** The same time zone with {@code summer} (or without summer time, for null). */
    public ClockZone withSummerTime(SummerTime summer) {
        return new ClockZone(name, offsetMinutes, summer);
    }

    /** The zone's name, as {@code clock timezone} gives it. */
    public String name() {
        return name;
    }

    /** The standard offset from UTC in minutes. */
    public int offsetMinutes() {
        return offsetMinutes;
    }

    /** Summer time, or null. */
    public SummerTime summerTime() {
        return summer;
    }

    /** The clock's offsets over time, for {@code java.time}: what {@code datetime localtime} log times follow. */
    public ZoneRules rules() {
        return rules;
    }

    /** The offset from UTC in minutes at the instant. */
    public int offsetMinutesAt(long epochNanos) {
        if (summer == null) {
            return offsetMinutes;
        }
        return rules.getOffset(instant(epochNanos)).getTotalSeconds() / 60;
    }

    /** The name the clock goes by at the instant: the summer-time name while summer time is in effect. */
    public String nameAt(long epochNanos) {
        return summer != null && offsetMinutesAt(epochNanos) != offsetMinutes ? summer.name() : name;
    }

    /** The local minute (minutes since 1970-01-01 00:00 local time) that holds the instant. */
    public long localMinute(long epochNanos) {
        return Math.floorDiv(epochNanos, NANOS_PER_MINUTE) + offsetMinutesAt(epochNanos);
    }

    /** The local date and time of the instant. */
    public LocalDateTime localTime(long epochNanos) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                (int) Math.floorMod(epochNanos, NANOS_PER_SECOND), zoneOffset(offsetMinutesAt(epochNanos)));
    }

    /**
     * The instant at which local minute {@code minute} begins; {@link TimeRange#ALWAYS} and {@link TimeRange#NEVER}
     * (and minutes beyond what nanoseconds since the epoch can hold) map to the extremes of a long. A minute that
     * summer time skips begins when summer time starts; one that the clock goes through twice, at its first time.
     */
    public long epochNanos(long minute) {
        if (minute == TimeRange.ALWAYS || minute == TimeRange.NEVER) {
            return minute;
        }
        if (summer == null || Math.abs(minute) > FAR_MINUTES) {
            return atOffset(minute, offsetMinutes);
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(minute * 60, 0, ZoneOffset.UTC);
        List<ZoneOffset> valid = rules.getValidOffsets(local);
        if (valid.isEmpty()) {
            return rules.getTransition(local).getInstant().getEpochSecond() * NANOS_PER_SECOND;
        }
        return atOffset(minute, valid.get(0).getTotalSeconds() / 60);
    }

    /**
     * The first instant, in the stretch around {@code epochNanos} in which the clock keeps one offset, whose local
     * minute is {@code minute} or later: where a state that holds since local minute {@code minute} began, as seen
     * from the instant. Local minutes map to instants one to one only inside such a stretch.
     */
    public long stretchFrom(long minute, long epochNanos) {
        long at = minute == TimeRange.ALWAYS ? Long.MIN_VALUE : atOffset(minute, offsetMinutesAt(epochNanos));
        if (summer == null) {
            return at;
        }
        // the last change at or before the instant
        ZoneOffsetTransition t = rules.previousTransition(instant(epochNanos).plusNanos(1));
        return t == null ? at : Math.max(at, t.getInstant().getEpochSecond() * NANOS_PER_SECOND);
    }

    /** The first instant after that stretch, or at local minute {@code minute} in it, whichever comes first. */
    public long stretchUntil(long minute, long epochNanos) {
        long at = minute == TimeRange.NEVER ? Long.MAX_VALUE : atOffset(minute, offsetMinutesAt(epochNanos));
        if (summer == null) {
            return at;
        }
        ZoneOffsetTransition t = rules.nextTransition(instant(epochNanos));
        return t == null ? at : Math.min(at, t.getInstant().getEpochSecond() * NANOS_PER_SECOND);
    }

    private static long atOffset(long minute, int offset) {
        long utcMinute = minute - offset;
        if (utcMinute > Long.MAX_VALUE / NANOS_PER_MINUTE) {
            return Long.MAX_VALUE;
        }
        if (utcMinute < Long.MIN_VALUE / NANOS_PER_MINUTE) {
            return Long.MIN_VALUE;
        }
        return utcMinute * NANOS_PER_MINUTE;
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
                Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    /** A {@code java.time} offset; beyond its ±18 hours it is held at the bound. */
    static ZoneOffset zoneOffset(int minutes) {
        return ZoneOffset.ofTotalSeconds(Math.max(-18 * 3600, Math.min(18 * 3600, minutes * 60)));
    }

    /** The offset as IOS writes it: {@code +1}, {@code -3:30}, {@code +0}. */
    public String offsetText() {
        int abs = Math.abs(offsetMinutes);
        String text = (offsetMinutes < 0 ? "-" : "+") + abs / 60;
        return abs % 60 == 0 ? text : text + ":" + (abs % 60 < 10 ? "0" : "") + abs % 60;
    }

    /** The commands that set this clock: {@code clock timezone CET 1 0}, then any {@code clock summer-time}. */
    public String config() {
        int abs = Math.abs(offsetMinutes);
        String zone = offsetMinutes == 0 && name.equals("UTC") ? ""
                : "clock timezone " + name + " " + (offsetMinutes < 0 ? "-" : "") + abs / 60 + " " + abs % 60;
        return summer == null ? zone : zone.isEmpty() ? summer.config() : zone + "\n" + summer.config();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClockZone z && name.equals(z.name) && offsetMinutes == z.offsetMinutes
                && Objects.equals(summer, z.summer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, offsetMinutes, summer);
    }

    @Override
    public String toString() {
        return config().isEmpty() ? "UTC" : config();
    }
}
