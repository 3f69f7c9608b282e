package dev.perimeter.match;

/**
 * First-match classification of one packet against one access list. Implementations are immutable and
 * thread-safe, and do not allocate per call.
 */
public interface Matcher {
    /** No entry decides: the implicit {@code deny ip any any} at the end of every list. */
    int NO_MATCH = -1;

    /** The index (into {@code AccessList.entries()}) of the entry that decides the packet, or {@link #NO_MATCH}. */
    int match(PacketKey packet);
}
