package dev.perimeter.packet;

/** What decoding one frame found. The decoder returns one of these; it never throws on frame contents. */
public enum DecodeStatus {
    /** An IPv4 packet; the {@link dev.perimeter.match.PacketKey} holds its fields. */
    IPV4,
    /** Not IPv4 (ARP, IPv6, LLDP ...): outside {@code ip access-group}, forwarded and counted by ethertype. */
    NON_IPV4,
    /** An IPv4 packet whose TCP/UDP/ICMP header is cut short: only entries without L4 conditions can judge it. */
    IPV4_L4_TRUNCATED,
    /** A frame too short for its link header, or an IPv4 header that is not valid (version, IHL, total length). */
    MALFORMED
}
