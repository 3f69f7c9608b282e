package dev.perimeter.acl;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The time ranges of a configuration by name, with the router's time zone: which ranges are in effect at an
 * instant. An entry naming a range that is not defined is always in effect, as IOS treats it. Immutable.
 */
public final class TimeRanges {
    public static final TimeRanges NONE = new TimeRanges(Map.of(), ClockZone.UTC);

    private final Map<String, TimeRange> ranges;
    private final ClockZone zone;

    public TimeRanges(Map<String, TimeRange> ranges, ClockZone zone) {
        this.ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        this.zone = java.util.Objects.requireNonNull(zone);
    }

    public ClockZone zone() {
        return zone;
    }

    /** The range of this name, or null when none is defined. */
    public TimeRange get(String name) {
        return ranges.get(name);
    }

    /** Every range, in definition order. */
    public Collection<TimeRange> all() {
        return ranges.values();
    }

    public int size() {
        return ranges.size();
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the named range is in effect at the instant (nanoseconds since the epoch); true when undefined. */
    public boolean isActive(String name, long epochNanos) {
        TimeRange r = ranges.get(name);
        return r == null || r.activeAt(zone.localMinute(epochNanos));
    }

    /** The names in effect at the instant. */
    public Predicate<String> at(long epochNanos) {
        long minute = zone.localMinute(epochNanos);
        return name -> {
            TimeRange r = ranges.get(name);
            return r == null || r.activeAt(minute);
        };
    }

    /** The instant at which a local date and time (on the router's clock) falls. */
    public long epochNanos(LocalDateTime local) {
        return zone.epochNanos(TimeRange.localMinute(local)) + local.getSecond() * 1_000_000_000L + local.getNano();
    }

    /** The local date and time of an instant, on the router's clock. */
    public LocalDateTime localTime(long epochNanos) {
        return zone.localTime(epochNanos);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeRanges t && ranges.equals(t.ranges) && zone.equals(t.zone);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode() * 31 + zone.hashCode();
    }
}
