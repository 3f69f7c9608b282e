package dev.perimeter.match.compile;

/** A tree outgrew its memory budget; the compiler then splits the rules or widens the leaves. */
final class BudgetExceededException extends RuntimeException {
    BudgetExceededException() {
        super(null, null, false, false);
    }
}
