package dev.perimeter.config;

import static dev.perimeter.config.ParsedConfigs.error;
import static dev.perimeter.config.ParsedConfigs.parse;
import static dev.perimeter.config.ParsedConfigs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.ClockZone;
import dev.perimeter.acl.SummerTime;
import dev.perimeter.acl.TimeRange;
import dev.perimeter.acl.TimeRanges;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code time-range} definitions, entries naming them, and {@code clock timezone}, as the parser reads them. */
class TimeRangeConfigTest {
    static final int MON = 1, FRI = 16, SUN = 64;

    static TimeRanges ranges(String text) {
        return valid(text).config().timeRanges();
    }

    static TimeRange.Periodic periodic(int days, String start, int endDays, String end) {
        return new TimeRange.Periodic(days, minutes(start), endDays, minutes(end));
    }

    static int minutes(String hm) {
        String[] p = hm.split(":");
        return Integer.parseInt(p[0]) * 60 + Integer.parseInt(p[1]);
    }

    @Test
    void periodicForms() {
        TimeRange r = ranges("""
                time-range WORK
                 periodic weekdays 8:00 to 18:00
                 periodic Monday 08:00 to Friday 20:00
                 periodic weekend 12:00 to 24:00
                 periodic Monday Friday 0:00 to 23:59
                 periodic Sunday saturday 22:00 to 6:30
                 periodic daily 9:15 to daily 9:45
                """).get("WORK");
        assertNull(r.absolute());
        assertEquals(List.of(periodic(TimeRange.WEEKDAYS, "8:00", 0, "18:00"), periodic(MON, "8:00", FRI, "20:00"),
                periodic(TimeRange.WEEKEND, "12:00", 0, "24:00"), periodic(MON | FRI, "0:00", 0, "23:59"),
                periodic(TimeRange.WEEKEND, "22:00", 0, "6:30"), periodic(TimeRange.DAILY, "9:15", 0, "9:45")),
                r.periodics());
        assertEquals("""
                time-range WORK
                 periodic weekdays 8:00 to 18:00
                 periodic Monday 8:00 to Friday 20:00
                 periodic weekend 12:00 to 24:00
                 periodic Monday Friday 0:00 to 23:59
                 periodic weekend 22:00 to 6:30
                 periodic daily 9:15 to 9:45
                """, r.config());
    }

    @Test
    void keywordsAbbreviateAndTheBlockNeedsNoIndent() {
        RouterConfig c = valid("time-r T\nper weekd 7:00 t 9:00\nper Fri 7:00 t mon 9:00\nabs st 8:00 1 Jan 2026\n"
                + "acc 101 permit ip any any\n").config();
        TimeRange t = c.timeRanges().get("T");
        assertEquals(List.of(periodic(TimeRange.WEEKDAYS, "7:00", 0, "9:00"), periodic(FRI, "7:00", MON, "9:00")),
                t.periodics());
        assertEquals(LocalDateTime.parse("2026-01-01T08:00"), t.absolute().start());
        assertEquals(1, c.accessList("101").size(), "an unindented global command leaves the block");
        ConfigDiagnostic ambiguous = error("time-range T\n periodic wee 7:00 to 9:00\n");
        assertEquals("% Ambiguous command:  \"wee\"", ambiguous.message());
    }

    @Test
    void absoluteWithStartEndOrBothAndASecondOneReplacesTheFirst() {
        TimeRanges r = ranges("""
                time-range A
                 absolute start 8:00 1 March 2026 end 17:30 31 December 2026
                time-range B
                 absolute end 23:59 31 December 2035
                time-range C
                 absolute start 0:00 February 28 2026
                 absolute end 12:00 1 June 2026
                """);
        assertEquals(new TimeRange.Absolute(LocalDateTime.parse("2026-03-01T08:00"),
                LocalDateTime.parse("2026-12-31T17:30")), r.get("A").absolute());
        assertEquals(new TimeRange.Absolute(null, LocalDateTime.parse("2035-12-31T23:59")), r.get("B").absolute());
        assertEquals(new TimeRange.Absolute(null, LocalDateTime.parse("2026-06-01T12:00")), r.get("C").absolute(),
                "only one absolute: the second replaces the first");
        assertEquals(" absolute start 8:00 1 March 2026 end 17:30 31 December 2026\n",
                r.get("A").config().lines().skip(1).findFirst().orElseThrow() + "\n");
    }

    @Test
    void noFormsRemoveWhatTheyName() {
        ParseResult p = parse("""
                time-range T
                 absolute start 8:00 1 March 2026
                 periodic weekdays 8:00 to 18:00
                 periodic weekend 10:00 to 12:00
                 no periodic weekdays 08:00 to 18:00
                 no absolute
                 no periodic daily 1:00 to 2:00
                time-range GONE
                 periodic daily 1:00 to 2:00
                no time-range GONE
                no time-range NEVER-WAS
                """);
        assertTrue(p.isValid(), p::formatErrors);
        TimeRange t = p.config().timeRanges().get("T");
        assertNull(t.absolute());
        assertEquals(List.of(periodic(TimeRange.WEEKEND, "10:00", 0, "12:00")), t.periodics());
        assertNull(p.config().timeRanges().get("GONE"));
        assertEquals(2, p.warnings().stream().filter(w -> w.message().startsWith("no such periodic")
                || w.message().equals("time range NEVER-WAS does not exist")).count());
    }

    @Test
    void extendedEntriesNamedAndNumberedNameARange() {
        RouterConfig c = valid("""
                ip access-list extended WEB
                 permit tcp any any eq www log time-range WORK
                 deny udp any any time-range WORK
                access-list 150 permit icmp any any echo time-range NIGHT
                access-list 150 permit tcp any any established time-range NIGHT
                time-range WORK
                 periodic weekdays 8:00 to 18:00
                time-range NIGHT
                 periodic daily 22:00 to 6:00
                """).config();
        AccessList web = c.accessList("WEB");
        assertEquals("WORK", web.entry(0).timeRange());
        assertEquals(List.of("WORK"), web.timeRangeNames());
        assertEquals(List.of("NIGHT"), c.accessList("150").timeRangeNames());
        assertTrue(c.usesTimeRanges());
        assertEquals(2, c.timeRanges().size());
    }

    @Test
    void aRangeNotDefinedIsNoErrorButAWarning() {
        ParseResult p = parse("ip access-list extended L\n permit ip any any time-range LATER\n");
        assertTrue(p.isValid(), p::formatErrors);
        ConfigDiagnostic w = p.warnings().stream().filter(d -> d.message().contains("LATER")).findFirst()
                .orElseThrow();
        assertEquals(2, w.lineNumber());
        assertEquals("time range LATER is not defined: entries naming it are always in effect, as on IOS",
                w.message());
        assertTrue(p.config().timeRanges().isActive("LATER", 0));
    }

    @Test
    void standardEntriesTakeNoTimeRange() {
        ConfigDiagnostic d = error("access-list 5 permit 10.0.0.0 0.0.0.255 time-range WORK\n");
        assertEquals(ParseError.INVALID, d.message());
        assertEquals("access-list 5 permit 10.0.0.0 0.0.0.255 ".length(), d.column());
        ConfigDiagnostic named = error("ip access-list standard S\n permit any time-range WORK\n");
        assertEquals(" permit any ".length(), named.column());
    }

    @Test
    void anEntryNamesOneRangeOnce() {
        ConfigDiagnostic twice = error("access-list 101 permit ip any any time-range A time-range B\n");
        assertEquals("access-list 101 permit ip any any time-range A ".length(), twice.column());
        assertEquals(ParseError.INCOMPLETE, error("access-list 101 permit ip any any time-range\n").message());
    }

    @Test
    void badTimesDaysAndDatesAreRefusedWithTheCaretUnderThem() {
        assertCaret("time-range T\n periodic weekdays 8:60 to 18:00\n", " periodic weekdays ");
        assertCaret("time-range T\n periodic weekdays 25:00 to 18:00\n", " periodic weekdays ");
        assertCaret("time-range T\n periodic weekdays 24:00 to 18:00\n", " periodic weekdays ");
        assertCaret("time-range T\n periodic weekdays 8:00 to 24:01\n", " periodic weekdays 8:00 to ");
        assertCaret("time-range T\n periodic Funday 8:00 to 18:00\n", " periodic ");
        assertCaret("time-range T\n periodic weekdays 8:00 18:00\n", " periodic weekdays 8:00 ");
        assertCaret("time-range T\n periodic weekdays 8:00 until 18:00\n", " periodic weekdays 8:00 ");
        assertCaret("time-range T\n periodic weekdays 8:00 to weekend 18:00\n", " periodic weekdays 8:00 to ");
        assertCaret("time-range T\n absolute start 8:00 30 February 2026\n", " absolute start 8:00 ");
        assertCaret("time-range T\n absolute start 8:00 1 Smarch 2026\n", " absolute start 8:00 1 ");
        assertCaret("time-range T\n absolute start 8:00 1 March 1992\n", " absolute start 8:00 1 March ");
        assertCaret("time-range T\n absolute start 8:00 1 March 2036\n", " absolute start 8:00 1 March ");
        assertCaret("time-range T\n absolute end 8:00 1 March 2026 start 7:00 1 March 2026\n",
                " absolute end 8:00 1 March 2026 ");
        assertCaret("time-range 9LIVES\n", "time-range ");
        assertEquals(ParseError.INCOMPLETE, error("time-range T\n periodic weekdays 8:00 to\n").message());
        assertEquals(ParseError.INCOMPLETE, error("time-range T\n periodic weekdays 8:00\n").message());
        assertEquals(ParseError.INCOMPLETE, error("time-range T\n absolute\n").message());
        assertEquals(ParseError.INCOMPLETE, error("time-range\n").message());
        ConfigDiagnostic order = error("time-range T\n absolute start 8:00 2 March 2026 end 8:00 1 March 2026\n");
        assertEquals("% The end time must be later than the start time", order.message());
        assertEquals(" absolute start 8:00 2 March 2026 ".length(), order.column());
        assertEquals(2, order.lineNumber());
    }

    private static void assertCaret(String text, String before) {
        ConfigDiagnostic d = error(text);
        assertEquals(ParseError.INVALID, d.message(), d::format);
        assertEquals(before.length(), d.column(), d::format);
    }

    @Test
    void anIndentedStrangerInsideTheBlockIsAnErrorAnUnindentedOneLeavesIt() {
        assertCaret("time-range T\n permit ip any any\n", " ");
        RouterConfig c = valid("time-range T\n periodic daily 1:00 to 2:00\nhostname R1\n").config();
        assertEquals(1, c.timeRanges().get("T").periodics().size());
    }

    @Test
    void clockTimezoneSetsTheOffset() {
        assertEquals(new ClockZone("CET", 60), ranges("clock timezone CET 1\n").zone());
        assertEquals(new ClockZone("CET", 60), ranges("clock timezone CET 1 0\n").zone());
        assertEquals(new ClockZone("NST", -210), ranges("clock timezone NST -3 30\n").zone());
        assertEquals(new ClockZone("IST", 330), ranges("clock timezone IST 5 30\n").zone());
        assertEquals(ClockZone.UTC, ranges("clock timezone CET 1\nno clock timezone\n").zone());
        assertEquals(ClockZone.UTC, ranges("hostname R\n").zone());
        assertCaret("clock timezone X 24\n", "clock timezone X ");
        assertCaret("clock timezone X 1 60\n", "clock timezone X 1 ");
        assertTrue(valid("clock calendar-valid\n").skippedLines() == 1);
    }

    @Test
    void clockSummerTimeForms() {
        ClockZone pacific = ranges("clock timezone PST -8 0\nclock summer-time PDT recurring\n").zone();
        assertEquals(-480, pacific.offsetMinutes());
        assertEquals(new SummerTime("PDT", SummerTime.UNITED_STATES, 60), pacific.summerTime());
        SummerTime europe = ranges("clock timezone CET 1\n"
                + "clock summer-time CEST recurring last Sun Mar 2:00 last Sun Oct 3:00\n").zone().summerTime();
        assertEquals(new SummerTime("CEST", new SummerTime.Recurring(
                new SummerTime.Edge(SummerTime.Edge.LAST, DayOfWeek.SUNDAY, Month.MARCH, 120),
                new SummerTime.Edge(SummerTime.Edge.LAST, DayOfWeek.SUNDAY, Month.OCTOBER, 180)), 60), europe);
        SummerTime lordHowe = ranges("clock summer-time LHDT recurring first sunday october 2:00 1 Sun April 2:00 30\n")
                .zone().summerTime();
        assertEquals(30, lordHowe.offsetMinutes());
        assertEquals(new SummerTime.Edge(1, DayOfWeek.SUNDAY, Month.OCTOBER, 120),
                ((SummerTime.Recurring) lordHowe.rule()).start());
        SummerTime once = ranges("clock summer-time X date 29 Mar 2026 2:00 October 25 2026 3:00\n").zone()
                .summerTime();
        assertEquals(new SummerTime.Dated(LocalDateTime.of(2026, 3, 29, 2, 0), LocalDateTime.of(2026, 10, 25, 3, 0)),
                once.rule());
        assertEquals(once, ranges("clock summer-time X date Mar 29 2026 2:00 25 Oct 2026 3:00\n").zone().summerTime());
        assertNull(ranges("clock summer-time PDT recurring\nno clock summer-time\n").zone().summerTime());
        assertEquals(new ClockZone("PST", -480), ranges("clock timezone PST -8\nclock summer-time PDT recurring\n"
                + "no clock summer-time\n").zone());
        assertEquals(-480, ranges("clock summer-time PDT recurring\nclock timezone PST -8\n").zone().offsetMinutes(),
                "in either order");
    }

    @Test
    void clockSummerTimeErrorsPointAtTheWord() {
        assertCaret("clock summer-time X recurring 5 Sun Mar 2:00 1 Sun Nov 2:00\n", "clock summer-time X recurring ");
        assertCaret("clock summer-time X recurring 2 Sun Mar 2:00 1 Funday Nov 2:00\n",
                "clock summer-time X recurring 2 Sun Mar 2:00 1 ");
        assertCaret("clock summer-time X recurring 2 Sun Mar 25:00 1 Sun Nov 2:00\n",
                "clock summer-time X recurring 2 Sun Mar ");
        assertCaret("clock summer-time X recurring 2 Sun Mar 2:00 1 Sun Nov 2:00 0\n",
                "clock summer-time X recurring 2 Sun Mar 2:00 1 Sun Nov 2:00 ");
        assertCaret("clock summer-time X weekly\n", "clock summer-time X ");
        assertCaret("clock summer-time X date 30 Feb 2026 2:00 1 Oct 2026 2:00\n", "clock summer-time X date ");
        assertEquals(ParseError.INCOMPLETE, error("clock summer-time X recurring 2 Sun Mar 2:00\n").message());
        assertEquals(ParseError.INCOMPLETE, error("clock summer-time X\n").message());
        ConfigDiagnostic order = error("clock summer-time X date 1 Oct 2026 2:00 1 Mar 2026 2:00\n");
        assertEquals("% The end time must be later than the start time", order.message());
        assertEquals("clock summer-time X date 1 Oct 2026 2:00 ".length(), order.column());
    }
}
