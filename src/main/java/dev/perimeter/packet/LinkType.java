package dev.perimeter.packet;

/** libpcap link-layer header types (LINKTYPE_*) that Perimeter decodes. */
public final class LinkType {
    public static final int ETHERNET = 1;
    /** DLT_RAW as most platforms number it in files written by old libpcap versions: starts with the IP header. */
    public static final int DLT_RAW = 12;
    /** DLT_RAW as OpenBSD numbers it. */
    public static final int DLT_RAW_OPENBSD = 14;
    /** LINKTYPE_RAW: the frame starts with the IP header (IPv4 or IPv6, by the version nibble). */
    public static final int RAW = 101;
    /** Linux cooked capture v1 (16-byte header). */
    public static final int LINUX_SLL = 113;
    /** The frame is an IPv4 packet, nothing else. */
    public static final int IPV4 = 228;
    /** Linux cooked capture v2 (20-byte header). */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static boolean isRawIp(int linkType) {
        return linkType == RAW || linkType == DLT_RAW || linkType == DLT_RAW_OPENBSD;
    }

    public static String name(int linkType) {
        switch (linkType) {
            case ETHERNET: return "EN10MB";
            case RAW: case DLT_RAW: case DLT_RAW_OPENBSD: return "RAW";
            case LINUX_SLL: return "LINUX_SLL";
            case IPV4: return "IPV4";
            case LINUX_SLL2: return "LINUX_SLL2";
            default: return "LINKTYPE_" + linkType;
        }
    }
}
