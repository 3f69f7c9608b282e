package dev.perimeter.bridge;

/** What the admin pages show, read live from the running bridge. */
public interface AdminViews {
    /** The {@code show access-lists} text with the current counters. */
    String accessLists();

    /** Per-port counters as a plain-text table. */
    String interfaces();

    /** Every counter in Prometheus text format. */
    String metrics();
}
