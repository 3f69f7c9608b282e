package dev.perimeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configurations parsed from test text, and the checks the parser tests share. */
final class ParsedConfigs {
    private ParsedConfigs() {
    }

    static ParseResult parse(String text) {
        return ConfigParser.parse("test.cfg", text);
    }

    /** The result of a configuration that must have no error. */
    static ParseResult valid(String text) {
        ParseResult r = parse(text);
        assertTrue(r.isValid(), r::formatErrors);
        return r;
    }

    /** The single error of a config. */
    static ConfigDiagnostic error(String text) {
        ParseResult r = parse(text);
        assertEquals(1, r.errors().size(), () -> "errors: " + r.formatErrors());
        return r.errors().get(0);
    }
}
