package dev.perimeter.packet;

/** Ethertypes the decoder and the frame builder know by name. Values up to 1500 are IEEE 802.3 lengths. */
public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    public static final int VLAN = 0x8100;
    public static final int IPV6 = 0x86DD;
    public static final int QINQ = 0x88A8;
    /** Pre-standard 802.1ad outer tag, still seen on older switches. */
    public static final int QINQ_OLD = 0x9100;
    public static final int LLDP = 0x88CC;
    /** Largest value that is an 802.3 length field rather than an ethertype. */
    public static final int MAX_8023_LENGTH = 1500;

    private EtherType() {
    }

    public static boolean isVlanTag(int type) {
        return type == VLAN || type == QINQ || type == QINQ_OLD;
    }

    /**
     * A short name for summaries: {@code IPv4}, {@code ARP}, {@code IPv6}, {@code LLDP}, {@code 802.3}, hex, or
     * {@code none} (-1, no ethertype).
     */
    public static String name(int type) {
        switch (type) {
            case IPV4: return "IPv4";
            case ARP: return "ARP";
            case IPV6: return "IPv6";
            case LLDP: return "LLDP";
            case VLAN: return "802.1Q";
            case QINQ: return "802.1ad";
            default:
                if (type < 0) {
                    return "none";
                }
                return type <= MAX_8023_LENGTH ? "802.3" : String.format("0x%04x", type);
        }
    }
}
