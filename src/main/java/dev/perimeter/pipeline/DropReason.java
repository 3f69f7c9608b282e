package dev.perimeter.pipeline;

/** Why the handler dropped a frame. */
public enum DropReason {
    /** A deny entry of the ingress {@code in} or the egress {@code out} list decided it. */
    DENIED,
    /** No entry matched: the implicit {@code deny ip any any} at the end of the list. */
    IMPLICIT_DENY,
    /** The frame or its IPv4 header is not valid, or its L4 header is cut short where a list needs it. */
    MALFORMED
}
