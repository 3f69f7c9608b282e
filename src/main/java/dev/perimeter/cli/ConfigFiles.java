package dev.perimeter.cli;

import dev.perimeter.config.ConfigLoader;
import dev.perimeter.config.ParseResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading a configuration for a command: a missing or unreadable file is a clear message, not a trace. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The parse result, or null after printing why the file cannot be read. */
    static ParseResult load(Path file, PrintStream err) {
        if (!Files.isRegularFile(file)) {
            err.println("perimeter: " + file + ": no such file");
            return null;
        }
        try {
            return ConfigLoader.load(file);
        } catch (IOException e) {
            err.println("perimeter: " + file + ": cannot read: " + e.getMessage());
            return null;
        }
    }
}
