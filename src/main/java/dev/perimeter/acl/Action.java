package dev.perimeter.acl;

/** What an access-list entry does with a packet it matches. */
public enum Action {
    PERMIT, DENY;

    /** The IOS keyword: {@code permit} or {@code deny}. */
    public String keyword() {
        return this == PERMIT ? "permit" : "deny";
    }
}
