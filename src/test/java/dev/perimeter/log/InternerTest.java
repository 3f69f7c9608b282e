package dev.perimeter.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InternerTest {

    @Test
    void freshCopiesOfAValueGetItsId() {
        Interner<String> names = new Interner<>(1);
        int eth = names.id("eth2/0");
        int other = names.id("eth1/0");
        assertNotEquals(eth, other);
        for (int i = 0; i < 1000; i++) {
            assertEquals(eth, names.id(new String("eth2/0")));
            assertEquals(other, names.id(new StringBuilder("eth1/").append(0).toString()));
        }
        assertEquals(1, eth);
        assertEquals(2, other);
        assertEquals("eth1/0", names.value(other));
        assertEquals(3, names.id("eth3/0"));
    }
}
