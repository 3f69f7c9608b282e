package dev.perimeter.match;

import dev.perimeter.acl.AccessList;

/** The two ways to turn a list into a {@link Matcher}: the reference, and the one the pipelines run. */
public final class Matchers {
    private Matchers() {
    }

    /** The linear first-match reference: for tests and {@code explain}. */
    public static Matcher reference(AccessList list) {
        return new LinearMatcher(list);
    }

    /** The matcher replay and the bridge use. */
    public static Matcher forPipeline(AccessList list) {
        return new LinearMatcher(list);
    }
}
