package dev.perimeter.config;

/** Why one line was refused: the IOS message and the token it points at. Thrown inside the parser only. */
final class ParseError extends RuntimeException {
    static final String INVALID = "% Invalid input detected at '^' marker.";
    static final String INCOMPLETE = "% Incomplete command.";

    /** Index of the offending token, or -1 for no caret. */
    final int tokenIndex;
    /** Characters into that token where the fault is: 0 but inside a run such as {@code Gi0/4-1}. */
    final int offset;

    ParseError(String message, int tokenIndex) {
        this(message, tokenIndex, 0);
    }

    ParseError(String message, int tokenIndex, int offset) {
        super(message, null, false, false);
        this.tokenIndex = tokenIndex;
        this.offset = offset;
    }
}
