package dev.perimeter.acl;

import static dev.perimeter.acl.TcpFlags.ACK;
import static dev.perimeter.acl.TcpFlags.FIN;
import static dev.perimeter.acl.TcpFlags.RST;
import static dev.perimeter.acl.TcpFlags.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TcpFlagsMatchTest {

    @Test
    void establishedMeansAckOrRst() {
        assertTrue(TcpFlagsMatch.ESTABLISHED.matches(ACK));
        assertTrue(TcpFlagsMatch.ESTABLISHED.matches(RST));
        assertTrue(TcpFlagsMatch.ESTABLISHED.matches(ACK | FIN));
        assertFalse(TcpFlagsMatch.ESTABLISHED.matches(SYN));
        assertFalse(TcpFlagsMatch.ESTABLISHED.matches(0));
    }

    @Test
    void matchAllNeedsEverySetFlagAndNoClearedOne() {
        TcpFlagsMatch m = TcpFlagsMatch.matchAll(SYN, ACK);
        assertTrue(m.matches(SYN));
        assertFalse(m.matches(SYN | ACK));
        assertFalse(m.matches(FIN));
        assertEquals("match-all -ack +syn", m.toString());
    }

    @Test
    void matchAnyNeedsOneCondition() {
        TcpFlagsMatch m = TcpFlagsMatch.matchAny(SYN | FIN, 0);
        assertTrue(m.matches(FIN));
        assertTrue(m.matches(SYN | ACK));
        assertFalse(m.matches(ACK));
        assertTrue(TcpFlagsMatch.matchAny(0, ACK).matches(SYN));
        assertFalse(TcpFlagsMatch.matchAny(0, ACK).matches(ACK));
    }

    @Test
    void noneMatchesEveryCombination() {
        for (int flags = 0; flags < 64; flags++) {
            assertTrue(TcpFlagsMatch.NONE.matches(flags));
        }
    }
}
