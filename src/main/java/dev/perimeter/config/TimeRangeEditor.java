package dev.perimeter.config;

import dev.perimeter.acl.TimeRange;
import java.util.ArrayList;
import java.util.List;

/** One time range while the configuration is read: its absolute window (at most one) and its periodic ones. */
final class TimeRangeEditor {
    final String name;
    TimeRange.Absolute absolute;
    final List<TimeRange.Periodic> periodics = new ArrayList<>();

    TimeRangeEditor(String name) {
        this.name = name;
    }

    TimeRange build() {
        return new TimeRange(name, absolute, periodics);
    }
}
