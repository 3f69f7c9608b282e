package dev.perimeter.packet;

/** libpcap link-layer header types (LINKTYPE_*) that Perimeter decodes. */
public final class LinkType {
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: the frame starts with the IP header. */
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
