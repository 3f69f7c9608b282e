package dev.perimeter.stats;

/** Names of the ethertypes a bridge commonly sees besides IPv4, for the non-IPv4 counts. */
public final class EtherTypes {
    /**
     * Counting buckets: one per ethertype, then one for every 802.3 length value, one for frames without an
     * ethertype (BSD loopback frames of an address family other than IPv4 and IPv6, PPP frames of a protocol
     * other than IPv4 and IPv6).
     */
    public static final int BUCKETS = 0x10002;
    public static final int LLC_BUCKET = 0x10000;
    public static final int NO_ETHERTYPE_BUCKET = 0x10001;
    private static final int MAX_8023_LENGTH = 1500;

    private EtherTypes() {
    }

    /** The counting bucket of a decoder ethertype: -1 (none) and 802.3 lengths get their own. */
    public static int bucket(int etherType) {
        if (etherType < 0) {
            return NO_ETHERTYPE_BUCKET;
        }
        return etherType <= MAX_8023_LENGTH ? LLC_BUCKET : etherType & 0xffff;
    }

    /** The key a bucket is reported under: {@code 0x0806}, {@code 802.3} or {@code no-ethertype}. */
    public static String bucketKey(int bucket) {
        return switch (bucket) {
            case LLC_BUCKET -> "802.3";
            case NO_ETHERTYPE_BUCKET -> "no-ethertype";
            default -> hex(bucket);
        };
    }

    /** The name shown beside a bucket's key, or null. */
    public static String bucketName(int bucket) {
        return switch (bucket) {
            case LLC_BUCKET -> "LLC (length field)";
            case NO_ETHERTYPE_BUCKET -> "loopback address family or PPP protocol";
            default -> name(bucket);
        };
    }

    /** {@code 0x0806 ARP}: a bucket's key and name. */
    public static String bucketLabel(int bucket) {
        String name = bucketName(bucket);
        return name == null ? bucketKey(bucket) : bucketKey(bucket) + " " + name;
    }

    /** {@code 0x0806} style: four lower-case hex digits. */
    public static String hex(int etherType) {
        return String.format("0x%04x", etherType & 0xffff);
    }

    /** A short name, or null when the type is not a well-known one. */
    public static String name(int etherType) {
        return switch (etherType) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x0842 -> "Wake-on-LAN";
            case 0x22f0 -> "AVTP";
            case 0x22f3 -> "TRILL";
            case 0x6558 -> "Transparent Ethernet Bridging";
            case 0x8035 -> "RARP";
            case 0x809b -> "AppleTalk";
            case 0x80f3 -> "AARP";
            case 0x8100 -> "802.1Q";
            case 0x8137 -> "IPX";
            case 0x86dd -> "IPv6";
            case 0x8808 -> "Ethernet flow control";
            case 0x8809 -> "Slow protocols (LACP)";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x8863 -> "PPPoE discovery";
            case 0x8864 -> "PPPoE session";
            case 0x888e -> "EAPOL (802.1X)";
            case 0x8892 -> "PROFINET";
            case 0x88a8 -> "802.1ad";
            case 0x88cc -> "LLDP";
            case 0x88e5 -> "MACsec";
            case 0x88f7 -> "PTP";
            case 0x8902 -> "CFM (802.1ag)";
            case 0x9000 -> "Loopback";
            default -> null;
        };
    }
}
