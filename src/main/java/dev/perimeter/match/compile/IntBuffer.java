package dev.perimeter.match.compile;

import java.util.Arrays;

/** A growable int array for building tables. */
final class IntBuffer {
    private int[] data = new int[1024];
    private int size;

    int size() {
        return size;
    }

    int add(int v) {
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

    void set(int i, int v) {
        data[i] = v;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
