package dev.perimeter.classbench;

import dev.perimeter.acl.Ipv4;

/**
 * One ClassBench filter: source and destination prefixes, inclusive port ranges, and a protocol with its mask
 * ({@code 0x00/0x00} is any). The flags column of the file is not kept: DPDK and the papers ignore it.
 */
public record ClassbenchRule(int source, int sourceLength, int destination, int destinationLength,
        int sourcePortLow, int sourcePortHigh, int destinationPortLow, int destinationPortHigh,
        int protocol, int protocolMask) {

    public ClassbenchRule {
        checkLength(sourceLength);
        checkLength(destinationLength);
        checkPorts(sourcePortLow, sourcePortHigh);
        checkPorts(destinationPortLow, destinationPortHigh);
        if (protocolMask != 0 && protocolMask != 0xFF) {
            throw new IllegalArgumentException("protocol mask must be 0x00 or 0xFF: 0x" + Integer.toHexString(protocolMask));
        }
        if (protocol < 0 || protocol > 0xFF) {
            throw new IllegalArgumentException("protocol out of range: " + protocol);
        }
        source &= prefixMask(sourceLength);
        destination &= prefixMask(destinationLength);
        protocol &= protocolMask;
    }

    private static void checkLength(int len) {
        if (len < 0 || len > 32) {
            throw new IllegalArgumentException("prefix length out of range 0-32: " + len);
        }
    }

    private static void checkPorts(int lo, int hi) {
        if (lo < 0 || hi > 0xFFFF || lo > hi) {
            throw new IllegalArgumentException("bad port range " + lo + " : " + hi);
        }
    }

    /** The network mask of a prefix length: {@code /24} is {@code 0xFFFFFF00}. */
    public static int prefixMask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public boolean anyProtocol() {
        return protocolMask == 0;
    }

    /** True when the packet header fields fall inside this rule (ClassBench semantics). */
    public boolean matches(int src, int dst, int sp, int dp, int proto) {
        return (src & prefixMask(sourceLength)) == source && (dst & prefixMask(destinationLength)) == destination
                && sp >= sourcePortLow && sp <= sourcePortHigh && dp >= destinationPortLow && dp <= destinationPortHigh
                && (proto & protocolMask) == protocol;
    }

    /** The rule as a line of a ClassBench file (flags column {@code 0x0000/0x0000}). */
    public String toLine() {
        return "@" + Ipv4.format(source) + "/" + sourceLength + "\t" + Ipv4.format(destination) + "/" + destinationLength
                + "\t" + sourcePortLow + " : " + sourcePortHigh + "\t" + destinationPortLow + " : " + destinationPortHigh
                + "\t" + String.format("0x%02x/0x%02X", protocol, protocolMask) + "\t0x0000/0x0000";
    }
}
