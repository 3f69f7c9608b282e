package dev.perimeter.log;

import java.util.List;

/** Sends every line to several sinks in order (console and syslog, say). */
public final class TeeSink implements LogSink {
    private final LogSink[] sinks;

    public TeeSink(LogSink... sinks) {
        this.sinks = sinks.clone();
    }

    public TeeSink(List<? extends LogSink> sinks) {
        this.sinks = sinks.toArray(new LogSink[0]);
    }

    @Override
    public void emit(String line) {
        for (LogSink s : sinks) {
            s.emit(line);
        }
    }

    @Override
    public void flush() {
        for (LogSink s : sinks) {
            s.flush();
        }
    }

    @Override
    public void close() {
        for (LogSink s : sinks) {
            s.close();
        }
    }
}
