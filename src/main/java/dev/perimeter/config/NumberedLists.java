package dev.perimeter.config;

import dev.perimeter.acl.AccessList;

/** The IOS number ranges of IPv4 access lists. */
final class NumberedLists {
    private NumberedLists() {
    }

    /** STANDARD for 1-99 and 1300-1999, EXTENDED for 100-199 and 2000-2699, null for the other families. */
    static AccessList.Kind kind(int number) {
        if ((number >= 1 && number <= 99) || (number >= 1300 && number <= 1999)) {
            return AccessList.Kind.STANDARD;
        }
        if ((number >= 100 && number <= 199) || (number >= 2000 && number <= 2699)) {
            return AccessList.Kind.EXTENDED;
        }
        return null;
    }
}
