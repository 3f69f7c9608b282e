package dev.perimeter.log;

import java.io.PrintStream;
import java.util.Objects;

/** Writes each line to a print stream (the console: {@code System.out}); the stream stays open on close. */
public final class PrintStreamSink implements LogSink {
    private final PrintStream out;

    public PrintStreamSink(PrintStream out) {
        this.out = Objects.requireNonNull(out);
    }

    public static PrintStreamSink stdout() {
        return new PrintStreamSink(System.out);
    }

    @Override
    public void emit(String line) {
        out.println(line);
    }

    @Override
    public void flush() {
        out.flush();
    }
}
