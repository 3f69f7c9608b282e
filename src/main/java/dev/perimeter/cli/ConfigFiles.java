package dev.perimeter.cli;

import dev.perimeter.config.ConfigDiagnostic;
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

    /**
     * The parse result, its errors already printed on {@code err} in the router's words; or null after printing
     * why the file cannot be read.
     */
    static ParseResult load(Path file, PrintStream err) {
        if (!Files.isRegularFile(file)) {
            err.println("perimeter: " + file + ": no such file");
            return null;
        }
        try {
            ParseResult result = ConfigLoader.load(file);
            for (ConfigDiagnostic e : result.errors()) {
                err.println(e.format());
            }
            return result;
        } catch (IOException e) {
            err.println("perimeter: " + file + ": cannot read: " + e.getMessage());
            return null;
        }
    }
}
