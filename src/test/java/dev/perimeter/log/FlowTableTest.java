package dev.perimeter.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow cache against a HashMap under random inserts and removals, with real and colliding hashes. */
class FlowTableTest {

    private static void randomOperations(boolean colliding, long seed) {
        int capacity = 64;
        FlowTable table = new FlowTable(capacity);
        Map<Integer, Integer> model = new HashMap<>(); // source -> flow id
        Random random = new Random(seed);
        for (int step = 0; step < 200_000; step++) {
            int source = random.nextInt(300);
            int h = colliding ? source & 7 : FlowTable.hash(1, 2, 6, source, 9, 25, 0, 0);
            int found = table.find(h, 1, 2, 6, source, 9, 25, 0, 0);
            Integer expected = model.get(source);
            assertEquals(expected == null ? FlowTable.NONE : expected, found, "step " + step);
            if (expected == null) {
                int id = table.insert(h, 1, 2, 6, source, 9, 25, 0, 0, step);
                if (model.size() == capacity) {
                    assertEquals(FlowTable.NONE, id);
                } else {
                    assertNotEquals(FlowTable.NONE, id);
                    model.put(source, id);
                }
            } else if (random.nextInt(3) == 0) {
                table.remove(expected);
                model.remove(source);
            }
            assertEquals(model.size(), table.size());
        }
        for (Map.Entry<Integer, Integer> e : model.entrySet()) {
            int s = e.getKey();
            int h = colliding ? s & 7 : FlowTable.hash(1, 2, 6, s, 9, 25, 0, 0);
            assertEquals(e.getValue(), table.find(h, 1, 2, 6, s, 9, 25, 0, 0));
        }
    }

    @Test
    void behavesLikeAMapWithRealHashes() {
        randomOperations(false, 1);
    }

    @Test
    void behavesLikeAMapWhenEveryKeyCollides() {
        randomOperations(true, 2);
    }

    @Test
    void dueListStaysOrderedWhateverTheInsertionOrder() {
        FlowTable table = new FlowTable(100);
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            table.insert(i, 0, 0, 0, i, 0, 0, 0, 0, random.nextInt(1000));
        }
        for (int i = 0; i < 300; i++) {
            int id = random.nextInt(100);
            table.reschedule(id, random.nextInt(1000));
        }
        List<Long> dues = new ArrayList<>();
        for (int id = table.head(); id != FlowTable.NONE; id = table.next(id)) {
            dues.add(table.due[id]);
        }
        assertEquals(100, dues.size());
        for (int i = 1; i < dues.size(); i++) {
            assertTrue(dues.get(i - 1) <= dues.get(i), dues.toString());
        }
    }
}
