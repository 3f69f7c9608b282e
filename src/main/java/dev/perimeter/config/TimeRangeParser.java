package dev.perimeter.config;

import dev.perimeter.acl.SummerTime;
import dev.perimeter.acl.TimeRange;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.List;
import java.util.Locale;

/**
 * The commands inside a {@code time-range} block, {@code clock timezone} and {@code clock summer-time}, as IOS
 * reads them: keywords may be abbreviated, a bad time, day, month or date is refused with the caret under it.
 * <ul>
 *   <li>{@code absolute [start HH:MM DAY MONTH YEAR] [end HH:MM DAY MONTH YEAR]} (the month may come before the
 *       day), years 1993-2035, the end after the start;</li>
 *   <li>{@code periodic DAYS HH:MM to [DAYS] HH:MM}, DAYS one or more of {@code Monday} ... {@code Sunday},
 *       {@code daily}, {@code weekdays}, {@code weekend}; end days other than the start days are one day after
 *       one start day; 24:00 is taken as an end time (the end of the day).</li>
 * </ul>
 */
final class TimeRangeParser {
    private TimeRangeParser() {
    }

    private static final KeywordSet DAYS = KeywordSet.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "daily", "weekdays", "weekend");
    private static final KeywordSet TO = KeywordSet.of("to");
    private static final KeywordSet START = KeywordSet.of("start", "end");
    private static final KeywordSet END = KeywordSet.of("end");
    private static final KeywordSet MONTHS = KeywordSet.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");
    private static final List<String> MONTH_ORDER = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");
    private static final KeywordSet SUMMER_KINDS = KeywordSet.of("recurring", "date");
    private static final KeywordSet WEEKS = KeywordSet.of("first", "last");
    private static final KeywordSet WEEKDAYS = KeywordSet.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    static final int FIRST_YEAR = 1993;
    static final int LAST_YEAR = 2035;

    /** {@code periodic ...} after the keyword. */
    static TimeRange.Periodic periodic(Tokens t) {
        int days = days(t);
        int start = time(t, false);
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        t.expect(TO);
        int endDays = 0;
        int endDaysAt = t.position();
        if (t.hasNext() && !isTime(t.peek())) {
            endDays = days(t);
        }
        int end = time(t, true);
        t.end();
        if (endDays != 0 && endDays != days && (Integer.bitCount(days) != 1 || Integer.bitCount(endDays) != 1)) {
            // a span across days runs from one day to one day; "weekdays 8:00 to weekend 17:00" says nothing
            throw t.invalidAt(endDaysAt);
        }
        return new TimeRange.Periodic(days, start, endDays, end);
    }

    /** One or more day keywords, as a set of day bits (Monday the lowest). */
    private static int days(Tokens t) {
        int days = 0;
        do {
            if (!t.hasNext()) {
                throw t.incomplete();
            }
            days |= dayBits(t.expect(DAYS));
        } while (t.hasNext() && !isTime(t.peek()));
        return days;
    }

    private static int dayBits(String keyword) {
        return switch (keyword) {
            case "daily" -> TimeRange.DAILY;
            case "weekdays" -> TimeRange.WEEKDAYS;
            case "weekend" -> TimeRange.WEEKEND;
            default -> 1 << TimeRange.DAY_NAMES.indexOf(keyword.substring(0, 1).toUpperCase(Locale.ROOT)
                    + keyword.substring(1));
        };
    }

    /** {@code absolute ...} after the keyword: at least one of start and end, the end after the start. */
    static TimeRange.Absolute absolute(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        LocalDateTime start = null;
        LocalDateTime end = null;
        String k = t.expect(START);
        int endAt = t.position() - 1;
        if (k.equals("start")) {
            start = dateTime(t);
            endAt = t.position();
            if (t.accept(END) != null) {
                end = dateTime(t);
            }
        } else {
            end = dateTime(t);
        }
        t.end();
        if (start != null && end != null && !end.isAfter(start)) {
            throw t.rule("% The end time must be later than the start time", endAt);
        }
        return new TimeRange.Absolute(start, end);
    }

    /** {@code HH:MM DAY MONTH YEAR} or {@code HH:MM MONTH DAY YEAR}. */
    private static LocalDateTime dateTime(Tokens t) {
        int minutes = time(t, false);
        return date(t).at(t, minutes);
    }

    /** A date as written, with where its day stands for a caret under a day the month does not have. */
    private record Date(int year, int month, int day, int dayAt) {
        LocalDateTime at(Tokens t, int minutes) {
            try {
                return LocalDateTime.of(year, month, day, minutes / 60, minutes % 60);
            } catch (DateTimeException e) {
                throw t.invalidAt(dayAt); // 30 February
            }
        }
    }

    /** {@code DAY MONTH YEAR} or {@code MONTH DAY YEAR}, years 1993-2035. */
    private static Date date(Tokens t) {
        int dayAt = t.position();
        int day;
        String month;
        if (t.nextIsNumber()) {
            day = t.number(1, 31);
            month = t.expect(MONTHS);
        } else {
            month = t.expect(MONTHS);
            dayAt = t.position();
            day = t.number(1, 31);
        }
        return new Date(t.number(FIRST_YEAR, LAST_YEAR), MONTH_ORDER.indexOf(month) + 1, day, dayAt);
    }

    static boolean isTime(String word) {
        return word != null && parseTime(word, true) >= 0;
    }

    /** {@code HH:MM} as minutes of the day; 24:00 (1440) only as an end time. */
    private static int time(Tokens t, boolean end) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        int minutes = parseTime(t.peek(), end);
        if (minutes < 0) {
            throw t.invalid();
        }
        t.next();
        return minutes;
    }

    /** Minutes of the day of {@code H:MM} or {@code HH:MM}; -1 when it is not a valid time. */
    static int parseTime(String w, boolean allow24) {
        int colon = w.indexOf(':');
        if (colon < 1 || colon > 2 || w.length() - colon - 1 < 1 || w.length() - colon - 1 > 2) {
            return -1;
        }
        String h = w.substring(0, colon);
        String m = w.substring(colon + 1);
        if (!Tokens.isNumber(h) || !Tokens.isNumber(m)) {
            return -1;
        }
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        if (minute > 59 || hour > 24 || hour == 24 && (minute != 0 || !allow24)) {
            return -1;
        }
        return hour * 60 + minute;
    }

    /** The name of a time range: it must begin with a letter and hold no quotation mark. */
    static String name(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        String name = t.peek();
        if (!Character.isLetter(name.charAt(0)) || name.indexOf('"') >= 0) {
            throw t.invalid();
        }
        t.next();
        return name;
    }

    /**
     * {@code clock summer-time} after the keyword: {@code NAME recurring [WEEK DAY MONTH HH:MM WEEK DAY MONTH HH:MM
     * [OFFSET]]} (WEEK 1-4, {@code first} or {@code last}; without dates, the United States rule) or {@code NAME
     * date DATE MONTH YEAR HH:MM DATE MONTH YEAR HH:MM [OFFSET]} (the month may come first); OFFSET in minutes,
     * 60 unless given.
     */
    static SummerTime summerTime(Tokens t) {
        String name = t.next();
        SummerTime.Rule rule;
        if (t.expect(SUMMER_KINDS).equals("recurring")) {
            rule = SummerTime.UNITED_STATES;
            if (t.hasNext()) {
                rule = new SummerTime.Recurring(edge(t), edge(t));
            }
        } else {
            LocalDateTime start = summerDate(t);
            int endAt = t.position();
            LocalDateTime end = summerDate(t);
            if (!end.isAfter(start)) {
                throw t.rule("% The end time must be later than the start time", endAt);
            }
            rule = new SummerTime.Dated(start, end);
        }
        int offset = t.hasNext() ? t.number(1, 1440) : SummerTime.DEFAULT_OFFSET;
        t.end();
        return new SummerTime(name, rule, offset);
    }

    /** {@code WEEK DAY MONTH HH:MM} of a recurring summer time. */
    private static SummerTime.Edge edge(Tokens t) {
        int week;
        if (t.nextIsNumber()) {
            week = t.number(1, 4);
        } else {
            week = t.expect(WEEKS).equals("first") ? 1 : SummerTime.Edge.LAST;
        }
        DayOfWeek day = DayOfWeek.valueOf(t.expect(WEEKDAYS).toUpperCase(Locale.ROOT));
        Month month = Month.of(MONTH_ORDER.indexOf(t.expect(MONTHS)) + 1);
        return new SummerTime.Edge(week, day, month, time(t, false));
    }

    /** {@code DATE MONTH YEAR HH:MM} or {@code MONTH DATE YEAR HH:MM} of a dated summer time. */
    private static LocalDateTime summerDate(Tokens t) {
        Date date = date(t);
        return date.at(t, time(t, false));
    }

    /** {@code HOURS [MINUTES]} of {@code clock timezone NAME}: the offset from UTC in minutes, -23:59 to +23:59. */
    static int offset(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        String w = t.peek();
        boolean negative = w.startsWith("-");
        String digits = negative || w.startsWith("+") ? w.substring(1) : w;
        if (!Tokens.isNumber(digits) || digits.length() > 2 || Integer.parseInt(digits) > 23) {
            throw t.invalid();
        }
        t.next();
        int minutes = Integer.parseInt(digits) * 60;
        if (t.hasNext()) {
            minutes += t.number(0, 59);
        }
        t.end();
        return negative ? -minutes : minutes;
    }
}
