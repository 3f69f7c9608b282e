package dev.perimeter.acl;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Renders access lists as IOS {@code show access-lists} prints them: a header line per list, entries indented
 * four spaces after their sequence numbers, well-known ports and ICMP messages by name, standard entries with
 * {@code wildcard bits}, a log cookie as {@code log (tag = COOKIE)}, an object group as {@code object-group NAME}
 * (the entry as written, never its expansion), a time range as {@code time-range NAME} followed, when the state of
 * the ranges is known, by {@code (active)} or {@code (inactive)}, and the match count after an entry that has
 * matched: {@code 10 permit tcp any any eq www time-range WORK (active) (3 matches)}.
 */
public final class AccessListPrinter {
    private AccessListPrinter() {
    }

    /** {@code Extended IP access list NAME} or {@code Standard IP access list NAME}. */
    public static String header(AccessList list) {
        return (list.isStandard() ? "Standard" : "Extended") + " IP access list " + list.name();
    }

    /**
     * The {@code show access-lists} text of one list, one line per entry, each line ending in a newline.
     * {@code matches} holds a count per entry index (null to print none); zero counts are not printed.
     */
    public static String show(AccessList list, long[] matches) {
        return show(list, matches, null);
    }

    /** As {@link #show(AccessList, long[])}, with each time range's state as {@code active} says (null: none). */
    public static String show(AccessList list, long[] matches, Predicate<String> active) {
        StringBuilder sb = new StringBuilder(64 + 48 * list.size());
        appendShow(sb, list, matches, active);
        return sb.toString();
    }

    /** Every list in the order given, each with the counts {@code matches} returns for it (null for none). */
    public static String showAll(Collection<AccessList> lists, Function<AccessList, long[]> matches) {
        return showAll(lists, matches, null);
    }

    /** As {@link #showAll(Collection, Function)}, with each time range's state as {@code active} says (null: none). */
    public static String showAll(Collection<AccessList> lists, Function<AccessList, long[]> matches,
                                 Predicate<String> active) {
        StringBuilder sb = new StringBuilder();
        for (AccessList list : lists) {
            appendShow(sb, list, matches == null ? null : matches.apply(list), active);
        }
        return sb.toString();
    }

    private static void appendShow(StringBuilder sb, AccessList list, long[] matches, Predicate<String> active) {
        sb.append(header(list)).append('\n');
        for (int i = 0; i < list.size(); i++) {
            AccessListEntry e = list.entry(i);
            sb.append("    ").append(e.sequence()).append(' ');
            if (list.isStandard()) {
                appendStandard(sb, e, true);
            } else {
                appendExtended(sb, e);
            }
            if (active != null && e.timeRange() != null) {
                sb.append(active.test(e.timeRange()) ? " (active)" : " (inactive)");
            }
            if (matches != null && i < matches.length && matches[i] > 0) {
                sb.append(" (").append(matches[i]).append(matches[i] == 1 ? " match)" : " matches)");
            }
            sb.append('\n');
        }
    }

    /** The entry as {@code show access-lists} prints it, without sequence number, padding or counts. */
    public static String entryText(AccessList list, AccessListEntry entry) {
        StringBuilder sb = new StringBuilder(48);
        if (list.isStandard()) {
            appendStandard(sb, entry, false);
        } else {
            appendExtended(sb, entry);
        }
        return sb.toString();
    }

    private static void appendStandard(StringBuilder sb, AccessListEntry e, boolean pad) {
        // IOS lines up standard entries: "permit" and "deny  " are the same width
        sb.append(pad && e.action() == Action.DENY ? "deny  " : e.action().keyword()).append(' ');
        AddressMatch src = e.source();
        if (src.isAny()) {
            sb.append("any");
        } else if (src.isHost()) {
            sb.append(Ipv4.format(src.address()));
        } else {
            sb.append(Ipv4.format(src.address())).append(", wildcard bits ").append(Ipv4.format(src.wildcard()));
        }
        appendLog(sb, e);
    }

    private static void appendExtended(StringBuilder sb, AccessListEntry e) {
        sb.append(e.action().keyword()).append(' ');
        if (e.serviceGroup() != null) {
            sb.append("object-group ").append(e.serviceGroup());
        } else {
            sb.append(Protocols.name(e.protocol()));
        }
        NameTable ports = PortNames.forProtocol(e.protocol());
        appendAddress(sb, e.source(), e.sourceGroup());
        appendPorts(sb, e.sourcePort(), ports);
        appendAddress(sb, e.destination(), e.destinationGroup());
        appendPorts(sb, e.destinationPort(), ports);
        if (e.icmpType() != AccessListEntry.UNSET) {
            String name = IcmpNames.name(e.icmpType(), e.icmpCode());
            if (name != null) {
                sb.append(' ').append(name);
            } else {
                sb.append(' ').append(e.icmpType());
                if (e.icmpCode() != AccessListEntry.UNSET) {
                    sb.append(' ').append(e.icmpCode());
                }
            }
        }
        if (e.igmpType() != AccessListEntry.UNSET) {
            sb.append(' ').append(IgmpNames.text(e.igmpType()));
        }
        if (!e.tcpFlags().isNone()) {
            sb.append(' ').append(e.tcpFlags());
        }
        if (e.ipOption() != AccessListEntry.UNSET) {
            sb.append(" option ").append(IpOptionNames.TABLE.nameOrNumber(e.ipOption()));
        }
        if (e.precedence() != AccessListEntry.UNSET) {
            sb.append(" precedence ").append(TosNames.PRECEDENCE.nameOrNumber(e.precedence()));
        }
        if (e.tos() != AccessListEntry.UNSET) {
            sb.append(" tos ").append(TosNames.TOS.nameOrNumber(e.tos()));
        }
        if (e.dscp() != AccessListEntry.UNSET) {
            sb.append(" dscp ").append(TosNames.DSCP.nameOrNumber(e.dscp()));
        }
        if (!e.ttl().isAny()) {
            sb.append(" ttl ").append(e.ttl());
        }
        if (e.fragments()) {
            sb.append(" fragments");
        }
        appendLog(sb, e);
        if (e.timeRange() != null) {
            sb.append(" time-range ").append(e.timeRange());
        }
    }

    private static void appendAddress(StringBuilder sb, AddressMatch address, String group) {
        sb.append(' ');
        if (group != null) {
            sb.append("object-group ").append(group);
        } else {
            sb.append(address);
        }
    }

    static void appendPorts(StringBuilder sb, NumberMatch match, NameTable names) {
        if (match.isAny()) {
            return;
        }
        sb.append(' ').append(match.operator().keyword());
        for (int i = 0; i < match.valueCount(); i++) {
            int port = match.value(i);
            sb.append(' ').append(names == null ? Integer.toString(port) : names.nameOrNumber(port));
        }
    }

    private static void appendLog(StringBuilder sb, AccessListEntry e) {
        if (e.log() != LogOption.NONE) {
            sb.append(' ').append(e.log().keyword());
            if (e.logTag() != null) {
                sb.append(" (tag = ").append(e.logTag()).append(')');
            }
        }
    }
}
