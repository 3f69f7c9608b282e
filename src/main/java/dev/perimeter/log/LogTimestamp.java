package dev.perimeter.log;

import dev.perimeter.config.LogSettings;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The prefix IOS puts before a log message under {@code service timestamps log ...}, including the trailing
 * {@code ": "}.
 * <ul>
 *   <li>{@code uptime} (the default): time since the origin, {@code 03:26:23} below a day, {@code 1d02h} below a
 *       week, {@code 1w2d} beyond.</li>
 *   <li>{@code datetime}: {@code *Feb 24 03:26:23}, the day padded with a space ({@code *Feb  4}); with
 *       {@code msec} {@code *Feb 24 03:26:23.123}. The {@code *} says the clock is not authoritative (not set by
 *       NTP), which is true of capture time; {@code localtime} uses the given zone rules (the router's clock,
 *       summer time included), otherwise UTC.</li>
 * </ul>
 */
public final class LogTimestamp {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400L;
    private static final long WEEK = 7 * DAY;

    private final LogSettings.Timestamps style;
    private final ZoneRules zone;
    private boolean authoritative;

    public LogTimestamp(LogSettings.Timestamps style, ZoneRules localZone) {
        this.style = style;
        this.zone = style.localtime() ? localZone : ZoneOffset.UTC.getRules();
    }

    public LogTimestamp(LogSettings.Timestamps style) {
        this(style, ZoneId.systemDefault().getRules());
    }

    /** True drops the {@code *}: the clock is synchronised (IOS prints it only for an unsynchronised clock). */
    public void setAuthoritative(boolean authoritative) {
        this.authoritative = authoritative;
    }

    /** Appends the prefix for a message at {@code timeNanos} (ns since the epoch), uptime counted from origin. */
    public StringBuilder append(StringBuilder out, long timeNanos, long originNanos) {
        if (style.datetime()) {
            appendDatetime(out, timeNanos);
        } else {
            appendUptime(out, Math.max(0, timeNanos - originNanos) / SECOND);
        }
        return out.append(": ");
    }

    public String format(long timeNanos, long originNanos) {
        return append(new StringBuilder(24), timeNanos, originNanos).toString();
    }

    static void appendUptime(StringBuilder out, long seconds) {
        if (seconds < DAY) {
            two(out, seconds / 3600).append(':');
            two(out, seconds / 60 % 60).append(':');
            two(out, seconds % 60);
        } else if (seconds < WEEK) {
            out.append(seconds / DAY).append('d');
            two(out, seconds % DAY / 3600).append('h');
        } else {
            out.append(seconds / WEEK).append('w').append(seconds % WEEK / DAY).append('d');
        }
    }

    private void appendDatetime(StringBuilder out, long timeNanos) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(timeNanos, SECOND), Math.floorMod(timeNanos, SECOND));
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                zone.getOffset(instant));
        if (!authoritative) {
            out.append('*');
        }
        out.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        if (t.getDayOfMonth() < 10) {
            out.append(' ');
        }
        out.append(t.getDayOfMonth()).append(' ');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        if (style.msec()) {
            int ms = t.getNano() / 1_000_000;
            out.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                    .append((char) ('0' + ms % 10));
        }
    }

    private static StringBuilder two(StringBuilder out, long v) {
        if (v < 10) {
            out.append('0');
        }
        return out.append(v);
    }
}
