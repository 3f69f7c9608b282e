package dev.perimeter.match;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;

/**
 * The header fields an access list looks at, as plain ints: filled in place by the packet decoder (one instance
 * per pipeline thread, reused for every frame) or by hand in tests and {@code explain}. Mutable on purpose:
 * no allocation per packet.
 */
public final class PacketKey {
    /** Source and destination addresses, first octet in the high byte. */
    public int source;
    public int destination;
    /** IP protocol number 0-255. */
    public int protocol;
    /** TCP/UDP ports; 0 when the protocol has none or the packet is a non-initial fragment. */
    public int sourcePort;
    public int destinationPort;
    /** ICMP type and code; for IGMP the type is in {@link #icmpType}. */
    public int icmpType;
    public int icmpCode;
    /** TCP flag bits (see {@link dev.perimeter.acl.TcpFlags}). */
    public int tcpFlags;
    /** The whole ToS byte: dscp is its top six bits, precedence the top three. */
    public int tos;
    public int ttl;
    /**
     * The IP option-type octets the header carries, one bit each (bit t of {@code ipOptions[t >>> 6]}), and
     * whether it carries options at all (a header longer than 20 bytes).
     */
    public final long[] ipOptions = new long[4];
    public boolean hasIpOptions;
    /** Fragment offset in 8-byte units; non-zero marks a non-initial fragment, which carries no L4 header. */
    public int fragmentOffset;
    /**
     * Scratch space for compiled matchers (the lookup fields gathered in one array so a table can index them
     * by number); owned by whoever owns this key, so lookups stay allocation-free and thread-safe.
     */
    public final int[] lookupFields = new int[8];

    public boolean isNonInitialFragment() {
        return fragmentOffset != 0;
    }

    /** True when the header carries this option type, or any option for {@code IpOptionNames.ANY_OPTIONS}. */
    public boolean hasIpOption(int type) {
        if (type > 0xff) {
            return hasIpOptions;
        }
        return (ipOptions[type >>> 6] & 1L << type) != 0;
    }

    /** Records an option type the header carries. */
    public void addIpOption(int type) {
        ipOptions[type >>> 6] |= 1L << type;
        hasIpOptions = true;
    }

    public void clearIpOptions() {
        if (hasIpOptions) {
            ipOptions[0] = ipOptions[1] = ipOptions[2] = ipOptions[3] = 0;
            hasIpOptions = false;
        }
    }

    public int dscp() {
        return tos >>> 2;
    }

    public int precedence() {
        return tos >>> 5;
    }

    /** The four ToS bits between precedence and the low "must be zero" bit, as IOS {@code tos} compares them. */
    public int tosField() {
        return (tos >>> 1) & 0x0f;
    }

    public PacketKey clear() {
        source = destination = protocol = sourcePort = destinationPort = 0;
        icmpType = icmpCode = tcpFlags = tos = ttl = fragmentOffset = 0;
        clearIpOptions();
        return this;
    }

    public PacketKey copyFrom(PacketKey o) {
        source = o.source;
        destination = o.destination;
        protocol = o.protocol;
        sourcePort = o.sourcePort;
        destinationPort = o.destinationPort;
        icmpType = o.icmpType;
        icmpCode = o.icmpCode;
        tcpFlags = o.tcpFlags;
        tos = o.tos;
        ttl = o.ttl;
        fragmentOffset = o.fragmentOffset;
        System.arraycopy(o.ipOptions, 0, ipOptions, 0, 4);
        hasIpOptions = o.hasIpOptions;
        return this;
    }

    @Override
    public String toString() {
        String p = Protocols.name(protocol);
        String s = p + " " + Ipv4.format(source);
        String d = Ipv4.format(destination);
        if (protocol == Protocols.TCP || protocol == Protocols.UDP) {
            s += ":" + sourcePort;
            d += ":" + destinationPort;
        }
        String text = s + " -> " + d;
        if (protocol == Protocols.ICMP) {
            text += " type=" + icmpType + " code=" + icmpCode;
        }
        if (protocol == Protocols.TCP) {
            text += " flags=" + tcpFlags;
        }
        return text + " tos=" + tos + " ttl=" + ttl + (fragmentOffset != 0 ? " frag=" + fragmentOffset : "");
    }
}
