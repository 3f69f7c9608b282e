package dev.perimeter.match;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Protocols;

/**
 * Whether one entry matches one packet, following IOS: the L3 part (protocol, addresses, ToS, ttl, IP options)
 * always, the L4 part (ports, icmp/igmp type, tcp flags) only for initial fragments and unfragmented packets.
 */
public final class EntryTest {
    private EntryTest() {
    }

    public static boolean matchesL3(AccessListEntry e, PacketKey p) {
        if (e.protocol() != Protocols.ANY && e.protocol() != p.protocol) {
            return false;
        }
        if (!e.source().matches(p.source) || !e.destination().matches(p.destination)) {
            return false;
        }
        if (e.dscp() != AccessListEntry.UNSET && e.dscp() != p.dscp()) {
            return false;
        }
        if (e.precedence() != AccessListEntry.UNSET && e.precedence() != p.precedence()) {
            return false;
        }
        if (e.tos() != AccessListEntry.UNSET && e.tos() != p.tosField()) {
            return false;
        }
        if (e.ipOption() != AccessListEntry.UNSET && !p.hasIpOption(e.ipOption())) {
            return false;
        }
        return e.ttl().matches(p.ttl);
    }

    public static boolean matchesL4(AccessListEntry e, PacketKey p) {
        if (!e.sourcePort().matches(p.sourcePort) || !e.destinationPort().matches(p.destinationPort)) {
            return false;
        }
        if (e.icmpType() != AccessListEntry.UNSET
                && (e.icmpType() != p.icmpType || (e.icmpCode() != AccessListEntry.UNSET && e.icmpCode() != p.icmpCode))) {
            return false;
        }
        if (e.igmpType() != AccessListEntry.UNSET && e.igmpType() != p.icmpType) {
            return false;
        }
        return e.tcpFlags().matches(p.tcpFlags);
    }

    /**
     * True when this entry decides the packet. For a non-initial fragment: a {@code fragments} entry or one
     * without L4 conditions decides on its L3 part; an entry with L4 conditions whose L3 part matches decides
     * only if it permits (a deny lets evaluation go on). {@code fragments} entries never match other packets.
     */
    public static boolean decides(AccessListEntry e, PacketKey p) {
        if (p.isNonInitialFragment()) {
            if (!matchesL3(e, p)) {
                return false;
            }
            return !e.hasL4Conditions() || e.permits();
        }
        return !e.fragments() && matchesL3(e, p) && matchesL4(e, p);
    }
}
