package dev.perimeter.config;

import java.util.Set;

/**
 * Recognises the common interface sub-commands that have no global command of the same form, so that a
 * configuration written without indentation ({@code interface X}, then {@code ip address ...} flush left, then
 * {@code ip access-group ...}) keeps its interface open as the router does: IOS tries a line in the current mode
 * before the global one, whatever its indentation. Words are matched whole (only {@code ip address} may be
 * abbreviated): a prefix could also select a global command ({@code service} / {@code service-policy},
 * {@code ip route} / {@code ip route-cache}).
 */
final class InterfaceCommands {
    private InterfaceCommands() {
    }

    /** First words that only interfaces take. */
    private static final Set<String> FIRST = Set.of("description", "shutdown", "speed", "duplex", "full-duplex",
            "half-duplex", "bandwidth", "delay", "mtu", "encapsulation", "switchport", "standby",
            "vrrp", "glbp", "channel-group", "mac-address", "load-interval", "keepalive", "service-policy",
            "tunnel", "media-type", "negotiation", "pppoe", "pppoe-client", "ppp", "carrier-delay", "hold-queue",
            "dialer-group", "pvc", "fair-queue", "random-detect", "priority-queue", "traffic-shape",
            "rate-limit", "storm-control", "flowcontrol", "bridge-group", "xconnect", "nameif", "security-level",
            "zone-member", "mab", "mdix");

    private static final Set<String> STP = Set.of("portfast", "bpduguard", "bpdufilter", "guard", "cost",
            "port-priority", "link-type");

    /** {@code ip} sub-commands that only interfaces take. */
    private static final Set<String> IP = Set.of("address", "unnumbered", "helper-address", "ospf", "mtu",
            "redirects", "unreachables", "proxy-arp", "local-proxy-arp", "directed-broadcast", "route-cache",
            "virtual-reassembly", "policy", "verify", "flow", "mroute-cache", "split-horizon", "summary-address",
            "mask-reply", "authentication", "hello-interval", "hold-time", "bandwidth-percent", "information-reply",
            "accounting", "load-sharing", "irdp", "rip", "tcp-header-compression");

    /** {@code ipv6} sub-commands that only interfaces take (global ones: unicast-routing, route, router …). */
    private static final Set<String> IPV6 = Set.of("address", "enable", "traffic-filter", "ospf", "mtu", "redirects",
            "unreachables", "eigrp", "rip", "verify", "policy", "mld", "nd");

    /** {@code ipv6 dhcp} sub-commands of interfaces (the global one is {@code ipv6 dhcp pool}). */
    private static final Set<String> IPV6_DHCP = Set.of("server", "client", "relay");

    /**
     * True when the words from the cursor on are an interface sub-command a global line cannot be; the cursor is
     * left where it was.
     */
    static boolean isInterfaceOnly(Tokens t) {
        int at = t.position();
        try {
            String first = lower(t.peek());
            if (first == null) {
                return false;
            }
            if (first.equals("no") || first.equals("default")) {
                t.next();
                return isInterfaceOnly(t);
            }
            if (FIRST.contains(first)) {
                return true;
            }
            int remaining = t.size() - at;
            switch (first) {
                case "clock" -> { // clock rate (interface) / clock timezone (global)
                    return remaining >= 2 && lower(t.word(at + 1)).equals("rate");
                }
                case "cdp" -> { // cdp enable (interface) / cdp run (global)
                    return remaining >= 2 && lower(t.word(at + 1)).equals("enable");
                }
                case "spanning-tree" -> { // spanning-tree portfast|guard|cost ... (interface) / mode, vlan (global)
                    return remaining >= 2 && STP.contains(lower(t.word(at + 1)))
                            && !lower(t.word(at + remaining - 1)).equals("default");
                }
                case "vrf" -> { // vrf forwarding (interface) / vrf definition (global)
                    return remaining >= 2 && lower(t.word(at + 1)).equals("forwarding");
                }
                case "ip" -> {
                    return remaining >= 2 && isInterfaceIp(t, at + 1, remaining - 1);
                }
                case "ipv6" -> { // ipv6 dhcp server|client|relay (interface) / ipv6 dhcp pool (global)
                    String w = remaining >= 2 ? lower(t.word(at + 1)) : "";
                    return IPV6.contains(w) || (w.equals("dhcp") && remaining >= 3
                            && IPV6_DHCP.contains(lower(t.word(at + 2))));
                }
                case "crypto" -> { // crypto map NAME (interface) / crypto map NAME SEQ ipsec-isakmp (global)
                    return remaining == 3 && lower(t.word(at + 1)).equals("map");
                }
                default -> {
                    return false;
                }
            }
        } finally {
            t.seek(at);
        }
    }

    private static boolean isInterfaceIp(Tokens t, int i, int remaining) {
        String w = lower(t.word(i));
        if (IP.contains(w) || (w.length() >= 3 && "address".startsWith(w))) {
            return true;
        }
        String last = lower(t.word(i + remaining - 1));
        return switch (w) {
            // ip nat inside|outside|enable (interface) / ip nat inside source ... (global)
            case "nat" -> remaining == 2;
            // ip inspect NAME in|out, ip ips NAME in|out (interface) / ip inspect name ... (global)
            case "inspect", "ips" -> remaining == 3 && (last.equals("in") || last.equals("out"));
            // ip tcp adjust-mss (interface) / ip tcp synwait-time (global)
            case "tcp" -> remaining >= 2 && lower(t.word(i + 1)).equals("adjust-mss");
            // ip vrf forwarding (interface) / ip vrf NAME (global)
            case "vrf" -> remaining >= 2 && lower(t.word(i + 1)).equals("forwarding");
            // ip pim sparse-mode (interface) / ip pim rp-address (global)
            case "pim" -> remaining >= 2 && lower(t.word(i + 1)).endsWith("-mode");
            // ip igmp join-group / version (interface) / ip igmp snooping (global)
            case "igmp" -> remaining >= 2 && !lower(t.word(i + 1)).equals("snooping");
            default -> false;
        };
    }

    private static String lower(String w) {
        return w == null ? null : w.toLowerCase(java.util.Locale.ROOT);
    }
}
