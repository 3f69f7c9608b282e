package dev.perimeter.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes lines to a file (created or truncated, or appended to), one per line, buffered. */
public final class FileSink implements LogSink {
    private final Path path;
    private final BufferedWriter writer;

    public FileSink(Path path, boolean append) throws IOException {
        this.path = path;
        this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }

    public FileSink(Path path) throws IOException {
        this(path, false);
    }

    @Override
    public void emit(String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close log file " + path + ": " + e.getMessage(), e);
        }
    }
}
