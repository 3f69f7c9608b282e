package dev.perimeter.acl;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code clock summer-time NAME recurring ...} or {@code clock summer-time NAME date ...}: when the router's clock
 * runs {@code offsetMinutes} ahead of its time zone, and the name it then goes by. As in IOS, a start is written
 * in standard time and an end in summer time.
 */
public record SummerTime(String name, Rule rule, int offsetMinutes) {
    /** IOS's {@code recurring} without dates: the United States rule since 2007. */
    public static final Recurring UNITED_STATES = new Recurring(new Edge(2, DayOfWeek.SUNDAY, Month.MARCH, 120),
            new Edge(1, DayOfWeek.SUNDAY, Month.NOVEMBER, 120));
    public static final int DEFAULT_OFFSET = 60;
    /** Recurring summer time is applied from this year on. */
    static final int FIRST_YEAR = 1900;

    public SummerTime {
        Objects.requireNonNull(name);
        Objects.requireNonNull(rule);
        if (offsetMinutes < 1 || offsetMinutes > 1440) {
            throw new IllegalArgumentException("summer-time offset out of range: " + offsetMinutes);
        }
    }

    /** When summer time starts and ends. */
    public sealed interface Rule permits Recurring, Dated {
    }

    /** Every year, from one weekday of a month to another. */
    public record Recurring(Edge start, Edge end) implements Rule {
    }

    /** Once, between two local times. */
    public record Dated(LocalDateTime start, LocalDateTime end) implements Rule {
    }

    /**
     * A weekday of a month at a time: {@code week} 1 to 4 for the first to fourth such day, {@link #LAST} for the
     * last; {@code minuteOfDay} 0 to 1439.
     */
    public record Edge(int week, DayOfWeek day, Month month, int minuteOfDay) {
        public static final int LAST = -1;

        public Edge {
            if (week != LAST && (week < 1 || week > 4) || minuteOfDay < 0 || minuteOfDay >= 1440) {
                throw new IllegalArgumentException("bad summer-time edge: " + week + " " + minuteOfDay);
            }
        }

        /** As IOS writes it: {@code last Sun Mar 2:00}, {@code 2 Sun Mar 2:00}. */
        String text() {
            StringBuilder sb = new StringBuilder(week == LAST ? "last" : String.valueOf(week)).append(' ')
                    .append(abbreviated(day.name())).append(' ').append(abbreviated(month.name())).append(' ');
            TimeRange.appendClock(sb, minuteOfDay);
            return sb.toString();
        }

        ZoneOffsetTransitionRule rule(ZoneOffset standard, ZoneOffset before, ZoneOffset after) {
            // the n-th weekday is the first one on or after day 7n-6; the last one is on or before the month's end
            int indicator = week == LAST ? -1 : 7 * week - 6;
            return ZoneOffsetTransitionRule.of(month, indicator, day, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60),
                    false, ZoneOffsetTransitionRule.TimeDefinition.WALL, standard, before, after);
        }
    }

    /** The clock's offsets over time with this summer time on a zone {@code standardMinutes} from UTC. */
    ZoneRules rules(int standardMinutes) {
        ZoneOffset standard = ClockZone.zoneOffset(standardMinutes);
        ZoneOffset summer = ClockZone.zoneOffset(standardMinutes + offsetMinutes);
        if (summer.equals(standard)) {
            return ZoneRules.of(standard); // java.time holds offsets within 18 hours of UTC
        }
        if (rule instanceof Recurring r) {
            List<ZoneOffsetTransitionRule> rules = new ArrayList<>(List.of(r.start().rule(standard, standard, summer),
                    r.end().rule(standard, summer, standard)));
            rules.sort(Comparator.comparing(ZoneOffsetTransitionRule::getMonth)); // south of the equator: end first
            // java.time applies yearly rules only after the last listed change: list those of the first year
            List<ZoneOffsetTransition> first = rules.stream().map(x -> x.createTransition(FIRST_YEAR)).toList();
            return ZoneRules.of(standard, standard, List.of(), first, rules);
        }
        Dated d = (Dated) rule;
        return ZoneRules.of(standard, standard, List.of(), List.of(ZoneOffsetTransition.of(d.start(), standard, summer),
                ZoneOffsetTransition.of(d.end(), summer, standard)), List.of());
    }

    /** The command that sets it, as {@code show running-config} prints it. */
    public String config() {
        StringBuilder sb = new StringBuilder("clock summer-time ").append(name);
        if (rule instanceof Recurring r) {
            sb.append(" recurring");
            if (!r.equals(UNITED_STATES) || offsetMinutes != DEFAULT_OFFSET) {
                sb.append(' ').append(r.start().text()).append(' ').append(r.end().text());
            }
        } else {
            Dated d = (Dated) rule;
            sb.append(" date ").append(dateText(d.start())).append(' ').append(dateText(d.end()));
        }
        if (offsetMinutes != DEFAULT_OFFSET) {
            sb.append(' ').append(offsetMinutes);
        }
        return sb.toString();
    }

    private static String dateText(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(abbreviated(t.getMonth().name())).append(' ').append(t.getDayOfMonth())
                .append(' ').append(t.getYear()).append(' ');
        TimeRange.appendClock(sb, t.getHour() * 60 + t.getMinute());
        return sb.toString();
    }

    private static String abbreviated(String upperName) {
        return upperName.charAt(0) + upperName.substring(1, 3).toLowerCase(Locale.ROOT);
    }
}
