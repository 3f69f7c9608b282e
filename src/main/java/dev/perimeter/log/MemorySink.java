package dev.perimeter.log;

import java.util.ArrayList;
import java.util.List;

/** Keeps every line in memory, for tests and for callers that print the log after other output. */
public final class MemorySink implements LogSink {
    private final List<String> lines = new ArrayList<>();

    @Override
    public void emit(String line) {
        lines.add(line);
    }

    /** The lines so far, oldest first (a copy). */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public void clear() {
        lines.clear();
    }
}
