package dev.perimeter.log;

/**
 * Where log lines go. A line is complete as the router would print it to its log buffer: the
 * {@code service timestamps} prefix followed by the message, e.g.
 * {@code *Feb 24 03:26:23.123: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp ...}, without a line end.
 *
 * <p>Sinks are called from the single thread that owns the {@link AccessLogger}.
 */
public interface LogSink extends AutoCloseable {

    void emit(String line);

    /** Pushes buffered lines out (end of a batch, end of input). */
    default void flush() {
    }

    /** Flushes and releases what the sink owns; a sink over a stream it did not open leaves the stream open. */
    @Override
    default void close() {
        flush();
    }
}
