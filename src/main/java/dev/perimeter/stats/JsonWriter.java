package dev.perimeter.stats;

/**
 * A small streaming JSON writer: objects, arrays, strings, numbers, booleans and null, with commas placed for
 * the caller. Enough for one summary object; not a general library.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Per nesting level: whether the next value is the first in its container. */
    private boolean[] first = new boolean[16];
    private int depth;
    private boolean afterName;

    public JsonWriter beginObject() {
        value();
        out.append('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        depth--;
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        value();
        out.append('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        depth--;
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        value();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        value();
        out.append(n);
        return this;
    }

    public JsonWriter value(double d) {
        value();
        if (Double.isFinite(d)) {
            out.append(d);
        } else {
            out.append("null");
        }
        return this;
    }

    public JsonWriter value(boolean b) {
        value();
        out.append(b);
        return this;
    }

    public JsonWriter member(String name, String s) {
        return name(name).value(s);
    }

    public JsonWriter member(String name, long n) {
        return name(name).value(n);
    }

    public JsonWriter member(String name, boolean b) {
        return name(name).value(b);
    }

    private void push() {
        if (++depth == first.length) {
            first = java.util.Arrays.copyOf(first, depth * 2);
        }
        first[depth] = true;
    }

    private void value() {
        if (afterName) {
            afterName = false;
        } else {
            separate();
        }
    }

    private void separate() {
        if (depth > 0) {
            if (!first[depth]) {
                out.append(',');
            }
            first[depth] = false;
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
