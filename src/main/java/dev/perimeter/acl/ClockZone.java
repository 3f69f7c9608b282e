package dev.perimeter.acl;

import java.util.Objects;

/**
 * The router's time zone, {@code clock timezone NAME HOURS [MINUTES]}: a fixed offset from UTC (IOS's default is
 * UTC). Time ranges are written in local time; this turns a capture or wall-clock instant (nanoseconds since the
 * epoch) into a local epoch minute and back, with integer arithmetic only. Summer time is not applied.
 */
public record ClockZone(String name, int offsetMinutes) {
    public static final ClockZone UTC = new ClockZone("UTC", 0);
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    public ClockZone {
        Objects.requireNonNull(name);
        if (Math.abs(offsetMinutes) >= 24 * 60) {
            throw new IllegalArgumentException("offset out of range: " + offsetMinutes);
        }
    }

    /** The local minute (minutes since 1970-01-01 00:00 local time) that holds the instant. */
    public long localMinute(long epochNanos) {
        return Math.floorDiv(epochNanos, NANOS_PER_MINUTE) + offsetMinutes;
    }

    /**
     * The instant at which local minute {@code minute} begins; {@link TimeRange#ALWAYS} and {@link TimeRange#NEVER}
     * (and minutes beyond what nanoseconds since the epoch can hold) map to the extremes of a long.
     */
    public long epochNanos(long minute) {
        if (minute == TimeRange.ALWAYS || minute == TimeRange.NEVER) {
            return minute;
        }
        long utcMinute = minute - offsetMinutes;
        if (utcMinute > Long.MAX_VALUE / NANOS_PER_MINUTE) {
            return Long.MAX_VALUE;
        }
        if (utcMinute < Long.MIN_VALUE / NANOS_PER_MINUTE) {
            return Long.MIN_VALUE;
        }
        return utcMinute * NANOS_PER_MINUTE;
    }

    /** The offset for {@code java.time}: what {@code service timestamps log datetime localtime} prints in. */
    public java.time.ZoneOffset offset() {
        return java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    }

    /** The offset as IOS writes it: {@code +1}, {@code -3:30}, {@code +0}. */
    public String offsetText() {
        int abs = Math.abs(offsetMinutes);
        String text = (offsetMinutes < 0 ? "-" : "+") + abs / 60;
        return abs % 60 == 0 ? text : text + ":" + (abs % 60 < 10 ? "0" : "") + abs % 60;
    }

    /** The command that sets this zone: {@code clock timezone CET 1 0}. */
    public String config() {
        int abs = Math.abs(offsetMinutes);
        return "clock timezone " + name + " " + (offsetMinutes < 0 ? "-" : "") + abs / 60 + " " + abs % 60;
    }
}
