package dev.perimeter.classbench;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ClassBench rules as one extended access list: prefix to address and wildcard, port range to {@code eq},
 * {@code range} or nothing, protocol {@code 0x00/0x00} to {@code ip}; every entry permits, entry i is rule i.
 * Also the list as IOS configuration text.
 */
public final class ClassbenchConversion {
    private ClassbenchConversion() {
    }

    public static AccessList toAccessList(String name, List<ClassbenchRule> rules) {
        List<AccessListEntry> entries = new ArrayList<>(rules.size());
        int seq = 0;
        for (ClassbenchRule r : rules) {
            seq += 10;
            entries.add(AccessListEntry.builder(Action.PERMIT).sequence(seq)
                    .protocol(r.anyProtocol() ? Protocols.ANY : r.protocol())
                    .source(new AddressMatch(r.source(), ~ClassbenchRule.prefixMask(r.sourceLength())))
                    .sourcePort(ports(r.sourcePortLow(), r.sourcePortHigh()))
                    .destination(new AddressMatch(r.destination(), ~ClassbenchRule.prefixMask(r.destinationLength())))
                    .destinationPort(ports(r.destinationPortLow(), r.destinationPortHigh()))
                    .build());
        }
        return new AccessList(name, AccessList.Kind.EXTENDED, entries);
    }

    private static NumberMatch ports(int lo, int hi) {
        if (lo == 0 && hi == 0xFFFF) {
            return NumberMatch.ANY;
        }
        return lo == hi ? NumberMatch.port(Operator.EQ, lo) : NumberMatch.port(Operator.RANGE, lo, hi);
    }

    /**
     * The list as {@code ip access-list extended} configuration text with sequence numbers. Ports are written
     * only for tcp and udp, as IOS accepts them; a rule with ports on another protocol is an error. An entry
     * identical to an earlier one (ClassBench rules that differ only in the ignored flags column) is written as a
     * remark instead: IOS refuses it, and it could never match anything.
     */
    public static String toConfig(AccessList list) {
        StringBuilder sb = new StringBuilder();
        sb.append("ip access-list extended ").append(list.name()).append('\n');
        Map<AccessListEntry, Integer> seen = new HashMap<>();
        for (AccessListEntry e : list.entries()) {
            Integer earlier = seen.putIfAbsent(e.withSequence(0), e.sequence());
            if (earlier != null) {
                sb.append(" remark entry ").append(e.sequence()).append(" left out: the same as entry ").append(earlier)
                        .append('\n');
                continue;
            }
            boolean portsAllowed = e.protocol() == Protocols.TCP || e.protocol() == Protocols.UDP;
            if (!portsAllowed && (!e.sourcePort().isAny() || !e.destinationPort().isAny())) {
                throw new IllegalArgumentException("entry " + e.sequence() + ": ports on protocol "
                        + Protocols.name(e.protocol()) + " cannot be written as IOS configuration");
            }
            sb.append(' ').append(e.sequence()).append(' ').append(e.permits() ? "permit" : "deny").append(' ')
                    .append(Protocols.name(e.protocol())).append(' ').append(e.source());
            appendPorts(sb, e.sourcePort());
            sb.append(' ').append(e.destination());
            appendPorts(sb, e.destinationPort());
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void appendPorts(StringBuilder sb, NumberMatch m) {
        if (!m.isAny()) {
            sb.append(' ').append(m);
        }
    }
}
