package dev.perimeter.io.live;

/**
 * Wall-clock time in nanoseconds since the epoch, read without allocating: the epoch offset is taken once and
 * the monotonic clock added, so stamps never go backwards while the program runs.
 */
public final class WallClock {
    private final long offset;

    public WallClock() {
        long millis = System.currentTimeMillis();
        offset = millis * 1_000_000L - System.nanoTime();
    }

    public long nowNanos() {
        return offset + System.nanoTime();
    }
}
