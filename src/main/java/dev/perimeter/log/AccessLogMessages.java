package dev.perimeter.log;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;

/**
 * The text of the IOS access-list log messages (after the timestamp):
 * <pre>
 * %SEC-6-IPACCESSLOGP: list L denied tcp 10.1.1.1(1025) -> 10.2.2.2(25), 1 packet      tcp and udp
 * %SEC-6-IPACCESSLOGDP: list L denied icmp 10.1.1.1 -> 10.2.2.2 (8/0), 1 packet        icmp (type/code)
 * %SEC-6-IPACCESSLOGSP: list L denied igmp 10.1.1.1 -> 224.0.0.2 (20), 1 packet        igmp entry with a type
 * %SEC-6-IPACCESSLOGRP: list L denied igmp 10.1.1.1 -> 224.0.0.22, 1 packet           other named protocols
 * %SEC-6-IPACCESSLOGNP: list L permitted 50 10.1.1.1 -> 10.2.2.2, 1 packet            protocols by number
 * %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet                                 standard lists
 * %SEC-6-IPACCESSLOGRL: access-list logging rate-limited or missed 18 packets
 * </pre>
 * {@code log-input} puts {@code (Ethernet0/0 0050.56a1.b2c3)} after the source; a {@code log} word (the ACL
 * syslog correlation cookie) is appended as {@code [word]}. Counts above one say {@code packets}.
 */
public final class AccessLogMessages {
    public static final String TCP_UDP = "%SEC-6-IPACCESSLOGP: ";
    public static final String ICMP = "%SEC-6-IPACCESSLOGDP: ";
    public static final String IGMP_TYPE = "%SEC-6-IPACCESSLOGSP: ";
    public static final String NAMED = "%SEC-6-IPACCESSLOGRP: ";
    public static final String NUMBERED = "%SEC-6-IPACCESSLOGNP: ";
    public static final String STANDARD = "%SEC-6-IPACCESSLOGS: ";
    public static final String RATE_LIMITED = "%SEC-6-IPACCESSLOGRL: ";

    /** No MAC known for a {@code log-input} flow (a capture without an Ethernet header). */
    public static final long NO_MAC = -1L;

    private AccessLogMessages() {
    }

    /**
     * True for the protocols IOS names in IPACCESSLOGRP; the others (esp, ahp, pcp and every unnamed protocol)
     * are printed by number in IPACCESSLOGNP, as IOS does for ESP ({@code denied 50}).
     */
    public static boolean loggedByName(int protocol) {
        return switch (protocol) {
            case Protocols.IGMP, Protocols.IPINIP, Protocols.GRE, Protocols.EIGRP, Protocols.OSPF, Protocols.NOS,
                    Protocols.PIM -> true;
            default -> false;
        };
    }

    static void appendStandard(StringBuilder b, String list, boolean permitted, int source, long packets) {
        b.append(STANDARD).append("list ").append(list).append(' ').append(permitted ? "permitted" : "denied")
                .append(' ').append(Ipv4.format(source)).append(' ');
        appendCount(b, packets);
    }

    /**
     * An extended-list message. {@code l4} holds the ports ({@code source << 16 | destination}) for tcp/udp,
     * {@code type << 8 | code} for icmp, the igmp type when {@code igmpTyped}; {@code iface} null without
     * {@code log-input}.
     */
    static void appendExtended(StringBuilder b, String list, boolean permitted, int protocol, int source,
                               int destination, int l4, boolean igmpTyped, String iface, long mac, long packets) {
        boolean ports = protocol == Protocols.TCP || protocol == Protocols.UDP;
        String mnemonic;
        if (ports) {
            mnemonic = TCP_UDP;
        } else if (protocol == Protocols.ICMP) {
            mnemonic = ICMP;
        } else if (protocol == Protocols.IGMP && igmpTyped) {
            mnemonic = IGMP_TYPE;
        } else if (loggedByName(protocol)) {
            mnemonic = NAMED;
        } else {
            mnemonic = NUMBERED;
        }
        b.append(mnemonic).append("list ").append(list).append(' ').append(permitted ? "permitted" : "denied")
                .append(' ');
        if (mnemonic == NUMBERED) {
            b.append(protocol);
        } else {
            b.append(Protocols.name(protocol));
        }
        b.append(' ').append(Ipv4.format(source));
        if (ports) {
            b.append('(').append(l4 >>> 16).append(')');
        }
        if (iface != null) {
            b.append(" (").append(iface).append(' ');
            if (mac != NO_MAC) {
                appendMac(b, mac);
            }
            b.append(')');
        }
        b.append(" -> ").append(Ipv4.format(destination));
        if (ports) {
            b.append('(').append(l4 & 0xffff).append(')');
        } else if (mnemonic == ICMP) {
            b.append(" (").append(l4 >>> 8).append('/').append(l4 & 0xff).append(')');
        } else if (mnemonic == IGMP_TYPE) {
            b.append(" (").append(l4).append(')');
        }
        b.append(", ");
        appendCount(b, packets);
    }

    static void appendRateLimited(StringBuilder b, long packets) {
        b.append(RATE_LIMITED).append("access-list logging rate-limited or missed ");
        appendCount(b, packets);
    }

    static void appendTag(StringBuilder b, String tag) {
        if (tag != null && !tag.isEmpty()) {
            b.append(" [").append(tag).append(']');
        }
    }

    private static void appendCount(StringBuilder b, long packets) {
        b.append(packets).append(packets == 1 ? " packet" : " packets");
    }

    /** IOS dotted MAC: {@code 0050.56a1.b2c3}. */
    static void appendMac(StringBuilder b, long mac) {
        for (int i = 5; i >= 0; i--) {
            int octet = (int) (mac >>> (i * 8)) & 0xff;
            b.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (i == 4 || i == 2) {
                b.append('.');
            }
        }
    }
}
