package dev.perimeter.acl;

import java.util.Map;
import java.util.TreeMap;

/** IP protocol numbers and the IOS keywords for them. {@link #ANY} is the keyword {@code ip}. */
public final class Protocols {
    public static final int ANY = -1;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int IPINIP = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AHP = 51;
    public static final int EIGRP = 88;
    public static final int OSPF = 89;
    public static final int NOS = 94;
    public static final int PIM = 103;
    public static final int PCP = 108;

    private static final Map<String, Integer> BY_NAME = new TreeMap<>(Map.ofEntries(
            Map.entry("ip", ANY), Map.entry("icmp", ICMP), Map.entry("igmp", IGMP), Map.entry("ipinip", IPINIP),
            Map.entry("tcp", TCP), Map.entry("udp", UDP), Map.entry("gre", GRE), Map.entry("esp", ESP),
            Map.entry("ahp", AHP), Map.entry("eigrp", EIGRP), Map.entry("ospf", OSPF), Map.entry("nos", NOS),
            Map.entry("pim", PIM), Map.entry("pcp", PCP)));

    private Protocols() {
    }

    /** Keyword to number, sorted by keyword (for prefix completion); {@code ip} maps to {@link #ANY}. */
    public static Map<String, Integer> byName() {
        return BY_NAME;
    }

    /** The IOS keyword for a protocol number, or the number itself when IOS has no keyword for it. */
    public static String name(int protocol) {
        for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
            if (e.getValue() == protocol) {
                return e.getKey();
            }
        }
        return Integer.toString(protocol);
    }

    public static boolean hasName(int protocol) {
        return BY_NAME.containsValue(protocol);
    }
}
