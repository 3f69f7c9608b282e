package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberMatchTest {

    @Test
    void operatorsCompareAsIosDoes() {
        assertTrue(NumberMatch.port(Operator.EQ, 25, 110).matches(110));
        assertFalse(NumberMatch.port(Operator.EQ, 25, 110).matches(26));
        assertFalse(NumberMatch.port(Operator.NEQ, 25, 110).matches(25));
        assertTrue(NumberMatch.port(Operator.NEQ, 25, 110).matches(24));
        assertTrue(NumberMatch.port(Operator.LT, 1024).matches(1023));
        assertFalse(NumberMatch.port(Operator.LT, 1024).matches(1024));
        assertTrue(NumberMatch.port(Operator.GT, 1023).matches(1024));
        assertFalse(NumberMatch.port(Operator.GT, 1023).matches(1023));
        assertTrue(NumberMatch.port(Operator.RANGE, 109, 110).matches(109));
        assertFalse(NumberMatch.port(Operator.RANGE, 109, 110).matches(111));
    }

    @Test
    void rejectsWrongArityAndOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> NumberMatch.port(Operator.RANGE, 1));
        assertThrows(IllegalArgumentException.class, () -> NumberMatch.port(Operator.LT, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> NumberMatch.port(Operator.EQ, 65536));
        assertThrows(IllegalArgumentException.class, () -> NumberMatch.ttl(Operator.EQ, 256));
    }

    @Test
    void rangesCoverExactlyTheMatchedValues() {
        Random random = new Random(11);
        Operator[] ops = {Operator.EQ, Operator.NEQ, Operator.LT, Operator.GT, Operator.RANGE};
        for (int i = 0; i < 300; i++) {
            Operator op = ops[random.nextInt(ops.length)];
            int[] values = switch (op) {
                case LT, GT -> new int[] {random.nextInt(256)};
                case RANGE -> new int[] {random.nextInt(256), random.nextInt(256)};
                default -> random.ints(1 + random.nextInt(4), 0, 256).toArray();
            };
            NumberMatch m = NumberMatch.ttl(op, values);
            List<int[]> ranges = m.ranges(255);
            for (int v = 0; v <= 255; v++) {
                boolean inRanges = false;
                for (int[] r : ranges) {
                    inRanges |= v >= r[0] && v <= r[1];
                }
                assertEquals(m.matches(v), inRanges, m + " at " + v);
            }
            for (int k = 1; k < ranges.size(); k++) {
                assertTrue(ranges.get(k)[0] > ranges.get(k - 1)[1] + 0, "disjoint and sorted: " + m);
            }
        }
    }
}
