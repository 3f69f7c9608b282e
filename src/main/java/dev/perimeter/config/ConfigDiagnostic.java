package dev.perimeter.config;

/**
 * One error or warning about one line of a configuration file.
 *
 * @param sourceName the file name as given
 * @param lineNumber 1-based
 * @param line       the line as written
 * @param column     0-based column of the first bad character, or -1 when the message names no position
 * @param message    the IOS message ({@code % Invalid input detected at '^' marker.}, ...) or the warning text
 */
public record ConfigDiagnostic(Severity severity, String sourceName, int lineNumber, String line, int column,
                               String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * IOS-style text. An error is the file name and line number, the line, a caret under the first bad token (when
     * there is one) and the router's message; a warning is one line.
     */
    public String format() {
        String where = sourceName + ":" + lineNumber + ":";
        if (severity == Severity.WARNING) {
            return where + " warning: " + message + ": " + line.strip();
        }
        String shown = expandTabs(line);
        StringBuilder sb = new StringBuilder(where).append('\n').append(shown).append('\n');
        if (column >= 0) {
            int caret = expandTabs(line.substring(0, Math.min(column, line.length()))).length();
            sb.append(" ".repeat(caret)).append("^\n");
        }
        return sb.append(message).toString();
    }

    private static String expandTabs(String s) {
        if (s.indexOf('\t') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                do {
                    sb.append(' ');
                } while (sb.length() % 8 != 0);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
