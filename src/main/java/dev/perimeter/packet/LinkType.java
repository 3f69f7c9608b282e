package dev.perimeter.packet;

/** libpcap link-layer header types (LINKTYPE_*) that Perimeter decodes, and names for a few it does not. */
public final class LinkType {
    /** BSD loopback: a 4-byte address family in the capturing host's byte order, then the packet. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** PPP (RFC 1661): the protocol field, after the address and control octets of RFC 1662 when present. */
    public static final int PPP = 9;
    /** PPP in HDLC-like framing (RFC 1662); libpcap also files Cisco HDLC frames under it. */
    public static final int PPP_HDLC = 50;
    /** DLT_RAW as most platforms number it in files written by old libpcap versions: starts with the IP header. */
    public static final int DLT_RAW = 12;
    /** DLT_RAW as OpenBSD numbers it. */
    public static final int DLT_RAW_OPENBSD = 14;
    /** Cisco HDLC, as a router's serial interfaces frame it: address, control, then an ethertype. */
    public static final int C_HDLC = 104;
    /** LINKTYPE_RAW: the frame starts with the IP header (IPv4 or IPv6, by the version nibble). */
    public static final int RAW = 101;
    /** OpenBSD loopback: as {@link #NULL} with the address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux cooked capture v1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** The frame is an IPv4 packet, nothing else. */
    public static final int IPV4 = 228;
    /** The frame is an IPv6 packet, nothing else. */
    public static final int IPV6 = 229;
    /** Linux cooked capture v2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static boolean isRawIp(int linkType) {
        return linkType == RAW || linkType == DLT_RAW || linkType == DLT_RAW_OPENBSD;
    }

    /** The link types {@link #isDecoded} accepts, in words, for messages. */
    public static final String DECODED_KINDS =
            "Ethernet, Linux cooked v1 and v2, Cisco HDLC, PPP, raw IP (v4 and v6) and BSD loopback";

    /**
     * Whether {@link FrameDecoder} can find the IPv4 packet in frames of this link type (the decoder takes every
     * other link type for non-IPv4; FrameDecoderTest checks that the two agree on every link type).
     */
    public static boolean isDecoded(int linkType) {
        switch (linkType) {
            case NULL: case ETHERNET: case PPP: case DLT_RAW: case DLT_RAW_OPENBSD: case PPP_HDLC: case RAW:
            case C_HDLC: case LOOP: case LINUX_SLL: case IPV4: case IPV6: case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }

    public static String name(int linkType) {
        switch (linkType) {
            case NULL: return "NULL";
            case ETHERNET: return "EN10MB";
            case RAW: case DLT_RAW: case DLT_RAW_OPENBSD: return "RAW";
            case LOOP: return "LOOP";
            case LINUX_SLL: return "LINUX_SLL";
            case IPV4: return "IPV4";
            case LINUX_SLL2: return "LINUX_SLL2";
            case PPP: return "PPP";
            case PPP_HDLC: return "PPP_HDLC";
            case C_HDLC: return "C_HDLC";
            case 105: return "IEEE802_11";
            case 127: return "IEEE802_11_RADIOTAP";
            case 192: return "PPI";
            case IPV6: return "IPV6";
            case 239: return "NFLOG";
            case 253: return "NETLINK";
            default: return "LINKTYPE_" + linkType;
        }
    }
}
