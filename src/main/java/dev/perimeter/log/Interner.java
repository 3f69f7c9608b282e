package dev.perimeter.log;

import java.util.Arrays;

/**
 * Small ids for the few lists and interface names the logger sees, so that flows store ints. Looks for the very
 * object first (callers pass the same instances packet after packet), then for an equal one, so that a caller
 * handing in fresh copies cannot grow the table. Ids start at {@code first}.
 */
final class Interner<T> {
    private final int first;
    private Object[] values = new Object[8];
    private int count;
    private T last;
    private int lastId;

    Interner(int first) {
        this.first = first;
    }

    int id(T value) {
        if (value == last) {
            return lastId;
        }
        int found = -1;
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                found = i;
                break;
            }
        }
        if (found < 0) {
            for (int i = 0; i < count; i++) {
                if (values[i].equals(value)) {
                    found = i;
                    break;
                }
            }
        }
        if (found < 0) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            found = count++;
            values[found] = value;
        }
        last = value;
        lastId = found + first;
        return lastId;
    }

    @SuppressWarnings("unchecked")
    T value(int id) {
        return (T) values[id - first];
    }
}
