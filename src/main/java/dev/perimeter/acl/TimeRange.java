package dev.perimeter.acl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * An IOS {@code time-range}: at most one {@code absolute} window and any number of {@code periodic} ones, in the
 * router's local time. The range is active when the time lies inside the absolute window (if there is one) and
 * inside some periodic window (if there are any); a range with neither is always active. IOS counts in whole
 * minutes and an end minute is inclusive: {@code 8:00 to 18:00} is active until 18:00:59.
 *
 * <p>Times are local epoch minutes: minutes since 1970-01-01 00:00 on the router's clock ({@link ClockZone}).
 * Activity is constant within a minute, so {@link #nextChange} and {@link #lastChange} bound the stretch of
 * minutes around a time in which nothing changes: a caller judging many packets recomputes only past them.
 * Immutable.
 */
public final class TimeRange {
    public static final int MINUTES_PER_DAY = 24 * 60;
    public static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
    /** {@link #nextChange} when the range never changes again; {@link #lastChange} when it never changed. */
    public static final long NEVER = Long.MAX_VALUE;
    public static final long ALWAYS = Long.MIN_VALUE;

    /** Days as bits, Monday the lowest: the sets the {@code periodic} keywords stand for. */
    public static final int DAILY = 0x7f;
    public static final int WEEKDAYS = 0x1f;
    public static final int WEEKEND = 0x60;
    public static final List<String> DAY_NAMES = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");

    /**
     * {@code absolute [start TIME DATE] [end TIME DATE]}: from the start minute (or always) to the end minute
     * inclusive (or for ever). At least one of the two is given.
     */
    public record Absolute(LocalDateTime start, LocalDateTime end) {
        public Absolute {
            if (start == null && end == null) {
                throw new IllegalArgumentException("absolute needs a start or an end");
            }
            if (start != null && end != null && !end.isAfter(start)) {
                throw new IllegalArgumentException("absolute ends before it starts");
            }
        }

        /** The first active minute, or {@link #ALWAYS}. */
        public long startMinute() {
            return start == null ? ALWAYS : localMinute(start);
        }

        /** The first minute after the window (the end minute is inclusive), or {@link #NEVER}. */
        public long endMinuteExclusive() {
            return end == null ? NEVER : localMinute(end) + 1;
        }

        boolean contains(long minute) {
            return minute >= startMinute() && minute < endMinuteExclusive();
        }

        /** As the running configuration prints it. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("absolute");
            if (start != null) {
                sb.append(" start ");
                appendDate(sb, start);
            }
            if (end != null) {
                sb.append(" end ");
                appendDate(sb, end);
            }
            return sb.toString();
        }

        private static void appendDate(StringBuilder sb, LocalDateTime t) {
            appendClock(sb, t.getHour() * 60 + t.getMinute());
            String month = t.getMonth().name();
            sb.append(' ').append(t.getDayOfMonth()).append(' ').append(month.charAt(0))
                    .append(month.substring(1).toLowerCase(java.util.Locale.ROOT)).append(' ').append(t.getYear());
        }
    }

    /**
     * {@code periodic DAYS HH:MM to [DAYS] HH:MM}. Without end days (or with the same ones) each day of
     * {@code days} is active from {@code start} to {@code end} (an end before the start runs past midnight into
     * the next day); with an end day, the window runs from the start day (one day) at {@code start} to the end day
     * (one day) at {@code end}, across the days between, e.g. Monday 8:00 to Friday 18:00. Minutes of the day;
     * {@code end} may be 1440 (24:00: the end of the day).
     */
    public record Periodic(int days, int start, int endDays, int end) {
        public Periodic {
            if (days <= 0 || days > DAILY || endDays < 0 || endDays > DAILY) {
                throw new IllegalArgumentException("bad days");
            }
            if (endDays == days) {
                endDays = 0;
            }
            if (endDays != 0 && (Integer.bitCount(days) != 1 || Integer.bitCount(endDays) != 1)) {
                throw new IllegalArgumentException("a periodic that ends on other days runs from one day to one day");
            }
            if (start < 0 || start >= MINUTES_PER_DAY || end < 0 || end > MINUTES_PER_DAY) {
                throw new IllegalArgumentException("bad time of day");
            }
        }

        /** Marks the minutes of the week (Monday 00:00 = 0) this window covers. */
        void mark(boolean[] week) {
            int endExclusive = end == MINUTES_PER_DAY ? MINUTES_PER_DAY : end + 1;
            if (endDays != 0) {
                int from = Integer.numberOfTrailingZeros(days) * MINUTES_PER_DAY + start;
                int to = Integer.numberOfTrailingZeros(endDays) * MINUTES_PER_DAY + endExclusive;
                markSpan(week, from, to <= from ? to + MINUTES_PER_WEEK : to);
                return;
            }
            for (int d = 0; d < 7; d++) {
                if ((days & 1 << d) != 0) {
                    int from = d * MINUTES_PER_DAY + start;
                    int to = d * MINUTES_PER_DAY + endExclusive;
                    markSpan(week, from, to <= from ? to + MINUTES_PER_DAY : to);
                }
            }
        }

        private static void markSpan(boolean[] week, int from, int to) {
            for (int m = from; m < to; m++) {
                week[m % MINUTES_PER_WEEK] = true;
            }
        }

        /** As the running configuration prints it: {@code periodic weekdays 8:00 to 18:00}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("periodic ").append(dayText(days)).append(' ');
            appendClock(sb, start);
            sb.append(" to ");
            if (endDays != 0) {
                sb.append(dayText(endDays)).append(' ');
            }
            appendClock(sb, end);
            return sb.toString();
        }
    }

    private final String name;
    private final Absolute absolute;
    private final List<Periodic> periodics;
    /** Per minute of the week, whether some periodic covers it; null without periodics. */
    private final boolean[] week;

    public TimeRange(String name, Absolute absolute, List<Periodic> periodics) {
        this.name = Objects.requireNonNull(name);
        this.absolute = absolute;
        this.periodics = List.copyOf(periodics);
        if (this.periodics.isEmpty()) {
            week = null;
        } else {
            week = new boolean[MINUTES_PER_WEEK];
            this.periodics.forEach(p -> p.mark(week));
        }
    }

    public String name() { return name; }
    /** The absolute window, or null. */
    public Absolute absolute() { return absolute; }
    public List<Periodic> periodics() { return periodics; }

    /** Whether the range is in effect during local minute {@code minute}. */
    public boolean activeAt(long minute) {
        return (absolute == null || absolute.contains(minute)) && (week == null || week[minuteOfWeek(minute)]);
    }

    /** The first minute after {@code minute} at which the activity may change, or {@link #NEVER}. */
    public long nextChange(long minute) {
        long next = NEVER;
        if (week != null) {
            int w = minuteOfWeek(minute);
            boolean now = week[w];
            for (int k = 1; k < MINUTES_PER_WEEK; k++) {
                if (week[(w + k) % MINUTES_PER_WEEK] != now) {
                    next = minute + k;
                    break;
                }
            }
        }
        if (absolute != null) {
            long start = absolute.startMinute();
            long end = absolute.endMinuteExclusive();
            if (start != ALWAYS && start > minute) {
                next = Math.min(next, start);
            }
            if (end != NEVER && end > minute) {
                next = Math.min(next, end);
            }
        }
        return next;
    }

    /** The first minute of the stretch up to {@code minute} in which the activity does not change, or {@link #ALWAYS}. */
    public long lastChange(long minute) {
        long last = ALWAYS;
        if (week != null) {
            int w = minuteOfWeek(minute);
            boolean now = week[w];
            for (int k = 0; k < MINUTES_PER_WEEK - 1; k++) {
                if (week[Math.floorMod(w - k - 1, MINUTES_PER_WEEK)] != now) {
                    last = minute - k;
                    break;
                }
            }
        }
        if (absolute != null) {
            long start = absolute.startMinute();
            long end = absolute.endMinuteExclusive();
            if (start != ALWAYS && start <= minute) {
                last = Math.max(last, start);
            }
            if (end != NEVER && end <= minute) {
                last = Math.max(last, end);
            }
        }
        return last;
    }

    /** The minute of the week, Monday 00:00 being 0: 1970-01-01 was a Thursday. */
    static int minuteOfWeek(long minute) {
        long day = Math.floorDiv(minute, MINUTES_PER_DAY);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7);
        return dayOfWeek * MINUTES_PER_DAY + (int) Math.floorMod(minute, MINUTES_PER_DAY);
    }

    /** The local epoch minute of a local date and time (seconds dropped). */
    public static long localMinute(LocalDateTime t) {
        return Math.floorDiv(t.toEpochSecond(ZoneOffset.UTC), 60);
    }

    /** {@code daily}, {@code weekdays}, {@code weekend}, or the day names in week order. */
    static String dayText(int days) {
        if (days == DAILY) {
            return "daily";
        }
        if (days == WEEKDAYS) {
            return "weekdays";
        }
        if (days == WEEKEND) {
            return "weekend";
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < 7; d++) {
            if ((days & 1 << d) != 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(DAY_NAMES.get(d));
            }
        }
        return sb.toString();
    }

    /** {@code H:MM}, as IOS prints the times of a time range ({@code 8:00}, {@code 0:00}, {@code 23:59}). */
    static void appendClock(StringBuilder sb, int minuteOfDay) {
        sb.append(minuteOfDay / 60).append(':');
        int m = minuteOfDay % 60;
        if (m < 10) {
            sb.append('0');
        }
        sb.append(m);
    }

    /** The definition as the running configuration prints it, each line ending in a newline. */
    public String config() {
        StringBuilder sb = new StringBuilder("time-range ").append(name).append('\n');
        if (absolute != null) {
            sb.append(' ').append(absolute).append('\n');
        }
        for (Periodic p : periodics) {
            sb.append(' ').append(p).append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeRange t && name.equals(t.name) && Objects.equals(absolute, t.absolute)
                && periodics.equals(t.periodics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, absolute, periodics);
    }

    @Override
    public String toString() {
        return "time-range " + name;
    }
}
