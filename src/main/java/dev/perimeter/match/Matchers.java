package dev.perimeter.match;

import dev.perimeter.acl.AccessList;
import dev.perimeter.match.compile.MatcherCompiler;

/** The two ways to turn a list into a {@link Matcher}: the reference, and the one the pipelines run. */
public final class Matchers {
    private Matchers() {
    }

    /** The linear first-match reference: for tests and {@code explain}. */
    public static Matcher reference(AccessList list) {
        return new LinearMatcher(list);
    }

    /** The matcher replay and the bridge use: the list compiled into lookup tables. */
    public static Matcher forPipeline(AccessList list) {
        return MatcherCompiler.compile(list);
    }
}
