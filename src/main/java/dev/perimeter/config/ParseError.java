package dev.perimeter.config;

/** Why one line was refused: the IOS message and the token it points at. Thrown inside the parser only. */
final class ParseError extends RuntimeException {
    static final String INVALID = "% Invalid input detected at '^' marker.";
    static final String INCOMPLETE = "% Incomplete command.";

    /** Index of the offending token, or -1 for no caret. */
    final int tokenIndex;

    ParseError(String message, int tokenIndex) {
        super(message, null, false, false);
        this.tokenIndex = tokenIndex;
    }
}
