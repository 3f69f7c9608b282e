package dev.perimeter.config;

import dev.perimeter.acl.Ipv4;

/**
 * The words of one configuration line with their columns, and a cursor over them. The helpers throw
 * {@link ParseError} pointing at the current word (or {@code % Incomplete command.} past the last one).
 */
final class Tokens {
    final String text;
    private final String[] words;
    private final int[] starts;
    private final int count;
    private int pos;

    Tokens(String text) {
        this.text = text;
        int n = text.length();
        String[] w = new String[8];
        int[] s = new int[8];
        int c = 0;
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            if (c == w.length) {
                w = java.util.Arrays.copyOf(w, c * 2);
                s = java.util.Arrays.copyOf(s, c * 2);
            }
            w[c] = text.substring(start, i);
            s[c] = start;
            c++;
        }
        this.words = w;
        this.starts = s;
        this.count = c;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** True when the line starts with white space: a sub-command of the block above it. */
    boolean isIndented() {
        return count > 0 && starts[0] > 0;
    }

    String word(int i) {
        return words[i];
    }

    int column(int i) {
        return i < count ? starts[i] : text.stripTrailing().length();
    }

    int position() {
        return pos;
    }

    void seek(int p) {
        pos = p;
    }

    boolean hasNext() {
        return pos < count;
    }

    String peek() {
        return pos < count ? words[pos] : null;
    }

    String next() {
        if (pos >= count) {
            throw incomplete();
        }
        return words[pos++];
    }

    /** The raw text from the current word to the end of the line, trailing space removed; consumes it all. */
    String rest() {
        if (pos >= count) {
            return "";
        }
        String r = text.substring(starts[pos]).stripTrailing();
        pos = count;
        return r;
    }

    ParseError invalid() {
        return pos >= count ? incomplete() : new ParseError(ParseError.INVALID, pos);
    }

    ParseError invalidAt(int index) {
        return new ParseError(ParseError.INVALID, index);
    }

    ParseError incomplete() {
        return new ParseError(ParseError.INCOMPLETE, -1);
    }

    ParseError rule(String message, int index) {
        return new ParseError(message, index);
    }

    /** Consumes and returns the keyword the current word selects, or returns null (consuming nothing). */
    String accept(KeywordSet set) {
        if (pos >= count) {
            return null;
        }
        String k = set.resolve(words[pos]);
        if (k == null) {
            return null;
        }
        if (k == KeywordSet.AMBIGUOUS) {
            throw ambiguous();
        }
        pos++;
        return k;
    }

    /** Like {@link #accept} but the keyword is required. */
    String expect(KeywordSet set) {
        if (pos >= count) {
            throw incomplete();
        }
        String k = accept(set);
        if (k == null) {
            throw invalid();
        }
        return k;
    }

    ParseError ambiguous() {
        return new ParseError("% Ambiguous command:  \"" + words[pos] + "\"", pos);
    }

    boolean nextIsNumber() {
        return pos < count && isNumber(words[pos]);
    }

    static boolean isNumber(String w) {
        int n = w.length();
        if (n == 0 || n > 10) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A decimal number in [min, max]. */
    int number(long min, long max) {
        if (pos >= count) {
            throw incomplete();
        }
        String w = words[pos];
        if (!isNumber(w)) {
            throw invalid();
        }
        long v = Long.parseLong(w);
        if (v < min || v > max) {
            throw invalid();
        }
        pos++;
        return (int) v;
    }

    boolean nextIsAddress() {
        return pos < count && Ipv4.isAddress(words[pos]);
    }

    int address() {
        if (pos >= count) {
            throw incomplete();
        }
        try {
            int a = Ipv4.parse(words[pos]);
            pos++;
            return a;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** Nothing may follow. */
    void end() {
        if (pos < count) {
            throw invalid();
        }
    }
}
