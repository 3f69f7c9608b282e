package dev.perimeter.match;

/** The direction of an {@code ip access-group}. */
public enum Direction {
    IN, OUT;

    public String keyword() {
        return this == IN ? "in" : "out";
    }
}
