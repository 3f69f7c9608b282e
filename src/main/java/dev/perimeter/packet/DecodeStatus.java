package dev.perimeter.packet;

/**
 * What decoding one frame found ({@link FrameDecoder#decode}). The decoder returns one of these and never throws
 * on frame contents.
 */
public enum DecodeStatus {
    /**
     * An IPv4 packet with a valid header (version 4, IHL at least 5, the whole header including options captured,
     * total length at least the header length). The {@link dev.perimeter.match.PacketKey} holds every field: for
     * TCP and UDP the ports, for TCP the flags, for ICMP type and code, for IGMP the type in {@code icmpType}.
     * A non-initial fragment (offset &gt; 0) is IPV4 with ports, flags, type and code 0: it has no L4 header.
     * The header checksum is not verified here ({@link FrameDecoder#ipv4ChecksumValid()} tells).
     */
    IPV4,
    /**
     * Not IPv4: ARP, IPv6, LLDP, 802.3/LLC, SLARP, PPP control protocols. Outside {@code ip access-group}:
     * forwarded and counted by {@link FrameDecoder#etherType()}. The key is cleared.
     */
    NON_IPV4,
    /**
     * A valid IPv4 header on an initial fragment (offset 0) whose TCP, UDP, ICMP or IGMP fixed header is not all
     * there: fewer than 20 (TCP), 8 (UDP, ICMP, IGMP) bytes remain before the end of the captured frame or of the
     * IP total length, whichever comes first; or a TCP data offset below 5. The key holds the L3 fields (addresses,
     * protocol, tos, ttl, fragment offset 0) and zero L4 fields: only entries without L4 conditions can judge it,
     * and a list that needs the L4 fields treats it as malformed.
     */
    IPV4_L4_TRUNCATED,
    /**
     * The frame is shorter than its link header (Ethernet 14 bytes plus 4 per VLAN tag, SLL 16, SLL2 20, BSD
     * loopback 4, Cisco HDLC 4, PPP its address, control and protocol octets; a PPP 0xff address octet without
     * its 0x03 control octet), or it carries IPv4 whose header is not valid: fewer than 20 bytes captured, version
     * not 4, IHL below 5, the IHL header (with options) not all captured, or total length shorter than the header.
     * On raw-IP link types a version nibble other than 4 or 6 is malformed too, and on the IPv6-only link type any
     * but 6. The key is cleared.
     */
    MALFORMED,
    /**
     * The frame's link type is none the decoder reads (802.11, Frame Relay …, see {@link LinkType#isDecoded}):
     * whether it carries IPv4, and where, is unknown, so it cannot be judged; it is dropped as malformed. No byte
     * is read, {@link FrameDecoder#etherType()} is -1 and the key is cleared.
     */
    UNDECODED_LINK_TYPE
}
