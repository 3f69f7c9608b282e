package dev.perimeter.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.config.RouterConfig;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A bound list whose entries name time ranges, judged at instants on either side of its changes. */
class TimedMatcherTest {
    /** On a router in Paris (UTC+1): web is refused during working hours; NIGHT is never defined. */
    static final String CONFIG = """
            clock timezone CET 1 0
            time-range WORK
             periodic weekdays 8:00 to 18:00
            ip access-list extended L
             deny tcp any any eq www time-range WORK
             permit tcp any any eq www time-range NIGHT
             deny ip any any
            interface eth1/0
             ip access-group L in
            """;

    static RouterConfig config() {
        ParseResult r = ConfigParser.parse("t", CONFIG);
        assertTrue(r.isValid(), r::formatErrors);
        return r.config();
    }

    static long at(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static PacketKey web() {
        PacketKey k = new PacketKey();
        k.protocol = Protocols.TCP;
        k.source = Ipv4.parse("192.0.2.1");
        k.destination = Ipv4.parse("198.51.100.1");
        k.sourcePort = 40000;
        k.destinationPort = 80;
        k.ttl = 64;
        return k;
    }

    @Test
    void eachInstantMeetsTheEntriesInEffectThen() {
        for (Function<dev.perimeter.acl.AccessList, Matcher> compiler : java.util.List.<Function<
                dev.perimeter.acl.AccessList, Matcher>>of(Matchers::reference, Matchers::forPipeline)) {
            FilterSet set = FilterSet.build(config(), compiler);
            TimedMatcher m = assertInstanceOf(TimedMatcher.class, set.inbound("eth1/0").matcher());
            assertThrows(IllegalStateException.class, () -> m.match(web()), "no instant yet");
            // Monday 07:59:59 in Paris: WORK not yet in effect, the undefined NIGHT always is
            assertTrue(m.moveTo(at("2026-03-02T06:59:59Z")));
            assertEquals(1, m.match(web()));
            assertFalse(m.isActive("WORK"));
            assertTrue(m.isActive("NIGHT"));
            assertEquals(at("2026-03-02T07:00:00Z"), m.validUntil());
            // 08:00:00 in Paris
            assertTrue(m.moveTo(at("2026-03-02T07:00:00Z")));
            assertEquals(0, m.match(web()));
            assertEquals(at("2026-03-02T07:00:00Z"), m.validFrom());
            assertEquals(at("2026-03-02T17:01:00Z"), m.validUntil(), "18:00 is the last minute in effect");
            assertFalse(m.moveTo(at("2026-03-02T17:00:59.999Z")), "still 18:00 in Paris");
            assertTrue(m.moveTo(at("2026-03-02T17:01:00Z")));
            assertEquals(1, m.match(web()));
            // Saturday: nothing in effect but the undefined range, until Monday 08:00
            m.moveTo(at("2026-03-07T11:00:00Z"));
            assertEquals(1, m.match(web()));
            assertEquals(at("2026-03-06T17:01:00Z"), m.validFrom(), "since Friday 18:01 in Paris");
            assertEquals(at("2026-03-09T07:00:00Z"), m.validUntil());
            assertEquals(2, m.compiledStates(), "a state seen again reuses its matcher");
        }
    }

    @Test
    void withAnExecutorTheNextStateIsCompiledAhead() {
        FilterSet set = FilterSet.build(config(), Matchers::forPipeline, Runnable::run);
        TimedMatcher m = set.timedMatchers().get(0);
        m.moveTo(at("2026-03-02T06:00:00Z"));
        assertEquals(2, m.compiledStates(), "the 08:00 state is ready before 08:00");
        TimedMatcher.State before = m.current();
        m.moveTo(at("2026-03-02T07:30:00Z"));
        assertFalse(before == m.current());
        assertSame(m.current().view().entries(), before.view().entries(), "the written entries stay the same");
    }

    @Test
    void explainMovesEveryListWithTimeRanges() {
        FilterSet set = FilterSet.build(config(), Matchers::reference);
        set.moveTo(at("2026-03-04T09:00:00Z"));
        assertEquals(0, set.inbound("eth1/0").match(web()));
        set.moveTo(at("2026-03-04T19:00:00Z"));
        assertEquals(1, set.inbound("eth1/0").match(web()));
    }

    @Test
    void underSummerTimeWorkingHoursFollowTheClockAndAStretchEndsAtTheChange() {
        String text = CONFIG.replace("clock timezone CET 1 0\n",
                "clock timezone CET 1 0\nclock summer-time CEST recurring last Sun Mar 2:00 last Sun Oct 3:00\n");
        ParseResult r = ConfigParser.parse("t", text);
        assertTrue(r.isValid(), r::formatErrors);
        for (Function<dev.perimeter.acl.AccessList, Matcher> compiler : java.util.List.<Function<
                dev.perimeter.acl.AccessList, Matcher>>of(Matchers::reference, Matchers::forPipeline)) {
            TimedMatcher m = FilterSet.build(r.config(), compiler).timedMatchers().get(0);
            // Monday 6 July, 06:00 UTC is 08:00 CEST: working hours, where CET alone would say 07:00
            assertTrue(m.moveTo(at("2026-07-06T05:59:00Z")));
            assertEquals(1, m.match(web()));
            assertEquals(at("2026-07-06T06:00:00Z"), m.validUntil());
            assertTrue(m.moveTo(at("2026-07-06T06:00:00Z")));
            assertEquals(0, m.match(web()));
            assertEquals(at("2026-07-06T16:01:00Z"), m.validUntil(), "18:00 CEST is the last minute in effect");
            // Saturday 24 October: the stretch until Monday 08:00 CET is cut by Sunday's change at 01:00 UTC
            assertTrue(m.moveTo(at("2026-10-24T12:00:00Z")));
            assertEquals(at("2026-10-25T01:00:00Z"), m.validUntil());
            assertFalse(m.moveTo(at("2026-10-25T01:00:00Z")), "still the weekend");
            assertEquals(at("2026-10-26T07:00:00Z"), m.validUntil(), "Monday 08:00 CET");
        }
    }
}
