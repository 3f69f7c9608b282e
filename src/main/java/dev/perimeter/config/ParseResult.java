package dev.perimeter.config;

import java.util.List;

/**
 * What parsing a configuration gave: the configuration built from every line that was valid, every error (each
 * bad line is left out, the rest of the file still counts) and every warning (lines skipped because they are not
 * about access lists, bindings or logging).
 */
public record ParseResult(RouterConfig config, List<ConfigDiagnostic> errors, List<ConfigDiagnostic> warnings,
                          int skippedLines) {

    public ParseResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Every error formatted, separated by newlines; empty when valid. */
    public String formatErrors() {
        StringBuilder sb = new StringBuilder();
        for (ConfigDiagnostic d : errors) {
            sb.append(d.format()).append('\n');
        }
        return sb.toString();
    }
}
