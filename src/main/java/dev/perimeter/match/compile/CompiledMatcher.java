package dev.perimeter.match.compile;

import dev.perimeter.match.Matcher;
import dev.perimeter.match.PacketKey;

/**
 * A matcher compiled into lookup tables: immutable, no allocation per lookup, and the same answer as the
 * reference on every packet. It says how it was built and how much table memory it holds.
 */
public interface CompiledMatcher extends Matcher {

    /** How this list was compiled, for {@code show}-style output, e.g. {@code cut-tree(trees=1 depth=6 leaves=812)}. */
    String strategy();

    /** Bytes held by the lookup tables (arrays), not counting the access list itself. */
    long memoryBytes();

    /** The part of {@link #memoryBytes()} that serves only non-initial fragments (the IOS fragment table). */
    default long fragmentTableBytes() {
        return 0;
    }

    /**
     * Classifies {@code count} packets at once into {@code results[0..count)}; the answers are those of
     * {@link #match(PacketKey)}. Implementations may interleave the lookups to overlap memory latency.
     */
    default void matchBatch(PacketKey[] packets, int count, int[] results) {
        for (int i = 0; i < count; i++) {
            results[i] = match(packets[i]);
        }
    }
}
