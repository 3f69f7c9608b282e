package dev.perimeter.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The interfaces named by the spans of {@code interface range} and {@code define interface-range}:
 * {@code TYPE NUMBER [- LAST] [, TYPE NUMBER [- LAST] ...]}, where NUMBER is {@code PORT}, {@code SLOT/PORT},
 * {@code SLOT/SUBSLOT/PORT} (or ends in {@code .SUB}) and the span runs over its last component up to LAST. Spaces
 * around {@code -} and {@code ,} and between the type and the number are optional, as the router takes them.
 *
 * <p>Each name is the type as written followed by the number, so a range gives the same names as the
 * {@code interface TYPE NUMBER} lines of the same interfaces. A span stays within one type and one slot and
 * counts upwards: {@code Gi0/1 - Gi0/4}, {@code Gi0/1 - 0/4} and {@code Gi0/4 - 1} are refused with the caret
 * under the fault, and no interface is named.
 */
final class InterfaceRange {
    /** The most interfaces one span may name: all the VLANs, {@code Vlan1 - 4094}. */
    static final int MAX_SPAN = 4094;
    /** Nine digits always fit an int. */
    private static final int MAX_DIGITS = 9;

    private final Tokens t;
    /** The cursor: a word of {@link #t} and a character of it. */
    private int word;
    private int at;

    private InterfaceRange(Tokens t) {
        this.t = t;
        this.word = t.position();
    }

    /**
     * The interfaces the words from the cursor to the end of the line name, in order, each once; consumes them.
     *
     * @throws ParseError {@code % Incomplete command.} when there is no span, or after a trailing comma;
     *                    {@code % Invalid input detected} under the first character that cannot continue the range
     */
    static List<String> expand(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        InterfaceRange r = new InterfaceRange(t);
        Set<String> names = new LinkedHashSet<>();
        while (true) {
            r.span(names);
            if (r.atEnd()) {
                break;
            }
            if (r.ch() != ',') {
                throw r.invalidHere(); // two spans need a comma between them
            }
            r.advance();
            r.skipSpace();
            if (r.atEnd()) {
                throw t.incomplete();
            }
        }
        t.seek(t.size());
        return new ArrayList<>(names);
    }

    /** One {@code TYPE NUMBER [- LAST]}, and the space after it. */
    private void span(Set<String> names) {
        if (!isLetter(ch())) {
            throw invalidHere();
        }
        int typeAt = at;
        // letters, and a hyphen inside the type as in Port-channel; a hyphen before a digit is the span's
        while (!atWordEnd() && (isLetter(ch()) || (ch() == '-' && at + 1 < current().length()
                && isLetter(current().charAt(at + 1))))) {
            advance();
        }
        StringBuilder prefix = new StringBuilder(current().substring(typeAt, at));
        skipSpace();
        if (atEnd()) {
            throw t.incomplete();
        }
        int first = number();
        while (!atWordEnd() && (ch() == '/' || ch() == '.')) {
            prefix.append(first).append(ch());
            advance();
            first = number();
        }
        if (!atWordEnd() && ch() != '-' && ch() != ',') {
            throw invalidHere();
        }
        skipSpace();
        int last = first;
        if (!atEnd() && ch() == '-') {
            advance();
            skipSpace();
            int lastWord = word;
            int lastAt = at;
            // a port number must follow: a span stays within one type and one slot (not Gi0/1 - Gi0/4, 0/4, 4/2)
            last = number();
            if (!atWordEnd() && ch() != ',') {
                throw invalidHere();
            }
            if (last < first || last - first >= MAX_SPAN) {
                throw new ParseError(ParseError.INVALID, lastWord, lastAt);
            }
            skipSpace();
        }
        for (int n = first; n <= last; n++) {
            names.add(prefix.toString() + n);
        }
    }

    /** Decimal digits from the cursor, within its word. */
    private int number() {
        if (atWordEnd() || !isDigit(ch())) {
            throw invalidHere();
        }
        int startWord = word;
        int startAt = at;
        long v = 0;
        int digits = 0;
        while (!atWordEnd() && isDigit(ch())) {
            v = v * 10 + (ch() - '0');
            digits++;
            advance();
        }
        if (digits > MAX_DIGITS) {
            throw new ParseError(ParseError.INVALID, startWord, startAt);
        }
        return (int) v;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String current() {
        return t.word(word);
    }

    /** Past the last word of the line. */
    private boolean atEnd() {
        return word >= t.size();
    }

    /** At the end of the current word (or of the line): the next character, if any, follows a space. */
    private boolean atWordEnd() {
        return atEnd() || at >= current().length();
    }

    /** The character under the cursor; only when not {@link #atWordEnd}. */
    private char ch() {
        return current().charAt(at);
    }

    private void advance() {
        at++;
    }

    /** From the end of a word to the start of the next: where the range allows a space. */
    private void skipSpace() {
        if (!atEnd() && at >= current().length()) {
            word++;
            at = 0;
        }
    }

    /** Under the cursor, or just past the end of the line. */
    private ParseError invalidHere() {
        return new ParseError(ParseError.INVALID, word, atEnd() ? 0 : at);
    }
}
