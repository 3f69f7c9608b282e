package dev.perimeter.match.compile;

import java.util.Arrays;

/** A growable long array for building tables. */
final class LongBuffer {
    private long[] data = new long[1024];
    private int size;

    int size() {
        return size;
    }

    int add(long v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size] = v;
        return size++;
    }

    /** Appends {@code n} zeros and returns the offset of the first. */
    int reserve(int n) {
        while (size + n > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        int at = size;
        size += n;
        return at;
    }

    void set(int i, long v) {
        data[i] = v;
    }

    long[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
