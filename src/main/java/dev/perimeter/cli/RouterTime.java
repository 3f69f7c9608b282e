package dev.perimeter.cli;

import dev.perimeter.acl.TimeRanges;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants on the router's clock: the {@code --at} option of {@code show} and {@code explain} (a date and time
 * in the router's local time, that of {@code clock timezone}, or an instant with an offset), and how a command
 * says which time it judged the time ranges at.
 */
final class RouterTime {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RouterTime() {
    }

    /**
     * {@code 2026-03-02T09:00} (or with a space for the {@code T}, or with seconds) in the router's local time;
     * {@code 2026-03-02T08:00Z} or {@code 2026-03-02T09:00+01:00} as the instant it names.
     */
    static long parse(String text, TimeRanges ranges) {
        String t = text.strip().replace(' ', 'T');
        try {
            OffsetDateTime o = OffsetDateTime.parse(t);
            Instant i = o.toInstant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException e) {
            // no offset: the router's local time
        }
        try {
            return ranges.epochNanos(LocalDateTime.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date and time such as 2026-03-02T09:00");
        }
    }

    /** The instant as the router's clock reads it: {@code 2026-03-02 09:00:00 CET}. */
    static String format(long epochNanos, TimeRanges ranges) {
        return SHOWN.format(ranges.localTime(epochNanos)) + " " + ranges.zone().nameAt(epochNanos);
    }

    /** The wall clock now, in nanoseconds since the epoch. */
    static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
