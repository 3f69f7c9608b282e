package dev.perimeter.config;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.IcmpNames;
import dev.perimeter.acl.IgmpNames;
import dev.perimeter.acl.IpOptionNames;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.NameTable;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.PortNames;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.acl.TcpFlagsMatch;
import dev.perimeter.acl.TosNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the part of an entry after {@code permit}/{@code deny}, standard or extended, as IOS does: keywords
 * may be abbreviated, options after the destination come in any order, and the rules the router enforces (ports
 * only after tcp/udp, {@code fragments} never with L4 conditions, each option once, object groups and time ranges
 * only in extended entries) are errors. A time range named need not be defined (yet).
 */
final class EntryParser {
    private EntryParser() {
    }

    static final KeywordSet ACTIONS = KeywordSet.of("permit", "deny");
    private static final KeywordSet ADDRESS = KeywordSet.of("any", "host", "object-group");
    private static final KeywordSet STANDARD_ADDRESS = KeywordSet.of("any", "host");
    private static final KeywordSet STANDARD_OPTIONS = KeywordSet.of("log");
    private static final KeywordSet PROTOCOLS = KeywordSet.of(Protocols.byName().keySet().toArray(new String[0]))
            .plus("object-group");
    static final KeywordSet OPERATORS = KeywordSet.of("eq", "neq", "lt", "gt", "range");

    private static final String[] COMMON_OPTIONS = {"dscp", "fragments", "log", "log-input", "option", "precedence",
            "time-range", "tos", "ttl"};
    private static final String[] TCP_ONLY = {"ack", "established", "fin", "match-all", "match-any", "psh", "rst",
            "syn", "urg"};
    private static final KeywordSet OPTIONS = KeywordSet.of(COMMON_OPTIONS);
    /** After a service group: no ports, flags or {@code fragments} (its members may have L4 conditions). */
    private static final KeywordSet SERVICE_GROUP_OPTIONS = KeywordSet.of("dscp", "log", "log-input", "option",
            "precedence", "time-range", "tos", "ttl");
    private static final KeywordSet UDP_OPTIONS = OPTIONS.plus("reflect");
    private static final KeywordSet TCP_OPTIONS = OPTIONS.plus(TCP_ONLY).plus("reflect");
    private static final KeywordSet ICMP_FIRST = OPTIONS.plus(IcmpNames.byName().keySet());
    private static final KeywordSet IGMP_FIRST = OPTIONS.plus(IgmpNames.TABLE.names());
    private static final KeywordSet TCP_PORT_NAMES = new KeywordSet(PortNames.TCP.names());
    private static final KeywordSet UDP_PORT_NAMES = new KeywordSet(PortNames.UDP.names());
    /** After a source port value: more ports, or the start of the destination. */
    private static final KeywordSet TCP_AFTER_SOURCE_PORT = TCP_PORT_NAMES.plus("any", "host", "object-group");
    private static final KeywordSet UDP_AFTER_SOURCE_PORT = UDP_PORT_NAMES.plus("any", "host", "object-group");
    private static final KeywordSet TCP_AFTER_DEST_PORT = TCP_PORT_NAMES.plus(COMMON_OPTIONS).plus(TCP_ONLY).plus("reflect");
    private static final KeywordSet UDP_AFTER_DEST_PORT = UDP_PORT_NAMES.plus(COMMON_OPTIONS).plus("reflect");
    private static final KeywordSet FLAG_NAMES = KeywordSet.of(TcpFlags.NAMES);
    private static final KeywordSet DSCP = new KeywordSet(TosNames.DSCP.names());
    private static final KeywordSet PRECEDENCE = new KeywordSet(TosNames.PRECEDENCE.names());
    private static final KeywordSet TOS = new KeywordSet(TosNames.TOS.names());
    private static final KeywordSet IP_OPTIONS = new KeywordSet(IpOptionNames.TABLE.names());

    /** A standard entry: {@code any | host A | A [W]} and an optional {@code log [TAG]}. */
    static AccessListEntry.Builder standard(Tokens t, Action action) {
        AccessListEntry.Builder b = AccessListEntry.builder(action);
        String kw = t.accept(STANDARD_ADDRESS);
        if ("any".equals(kw)) {
            b.source(AddressMatch.ANY);
        } else if ("host".equals(kw)) {
            b.source(AddressMatch.host(t.address()));
        } else {
            int a = t.address();
            int w = t.nextIsAddress() ? t.address() : 0;
            b.source(new AddressMatch(a, w));
        }
        if (t.accept(STANDARD_OPTIONS) != null) {
            b.log(LogOption.LOG, logTag(t, STANDARD_OPTIONS));
        }
        t.end();
        return b;
    }

    /** Which object groups exist, and of which kind: null for a name that is no group. */
    interface GroupKinds {
        ObjectGroup.Kind kindOf(String name);
    }

    /**
     * An extended entry: protocol (or {@code object-group SERVICE}), source, ports, destination, ports, then
     * the options; each address may be {@code object-group NETWORK}. The groups named must exist in
     * {@code groups}, of the right kind.
     */
    static AccessListEntry.Builder extended(Tokens t, Action action, GroupKinds groups) {
        AccessListEntry.Builder b = AccessListEntry.builder(action);
        int protocol;
        boolean serviceGroup = false;
        if (t.nextIsNumber()) {
            protocol = t.number(0, 255);
            if (protocol == 0) {
                protocol = Protocols.ANY; // IOS shows protocol 0 as ip
            }
        } else {
            String kw = t.expect(PROTOCOLS);
            if (kw.equals("object-group")) {
                b.serviceGroup(groupName(t, groups, ObjectGroup.Kind.SERVICE));
                serviceGroup = true;
                protocol = Protocols.ANY;
            } else {
                protocol = Protocols.byName().get(kw);
            }
        }
        b.protocol(protocol);
        boolean tcp = protocol == Protocols.TCP;
        boolean udp = protocol == Protocols.UDP;
        NameTable portNames = PortNames.forProtocol(protocol);
        KeywordSet portKeywords = tcp ? TCP_PORT_NAMES : UDP_PORT_NAMES;

        String sourceGroup = group(t, groups);
        if (sourceGroup != null) {
            b.sourceGroup(sourceGroup);
        } else {
            b.source(address(t));
        }
        int l4At = -1;
        if (tcp || udp) {
            int at = t.position();
            NumberMatch sp = ports(t, portNames, portKeywords, tcp ? TCP_AFTER_SOURCE_PORT : UDP_AFTER_SOURCE_PORT);
            if (sp != null) {
                b.sourcePort(sp);
                l4At = at;
            }
        }
        String destinationGroup = group(t, groups);
        if (destinationGroup != null) {
            b.destinationGroup(destinationGroup);
        } else {
            b.destination(address(t));
        }
        if (tcp || udp) {
            int at = t.position();
            NumberMatch dp = ports(t, portNames, portKeywords, tcp ? TCP_AFTER_DEST_PORT : UDP_AFTER_DEST_PORT);
            if (dp != null) {
                b.destinationPort(dp);
                l4At = at;
            }
        }
        KeywordSet options = tcp ? TCP_OPTIONS : udp ? UDP_OPTIONS : serviceGroup ? SERVICE_GROUP_OPTIONS : OPTIONS;
        if (protocol == Protocols.ICMP && t.hasNext()) {
            int at = t.position();
            if (icmp(t, b)) {
                l4At = at;
            }
        } else if (protocol == Protocols.IGMP && t.hasNext()) {
            int at = t.position();
            if (igmp(t, b)) {
                l4At = at;
            }
        }
        options(t, b, options, l4At);
        return b;
    }

    private static ParseError unsupported(Tokens t, int at, String what) {
        return t.rule("% '" + what + "' is not supported in access-list entries", at);
    }

    /** {@code object-group NAME} in an address position: the name of the network group; null for an address. */
    private static String group(Tokens t, GroupKinds groups) {
        if (!t.hasNext() || !"object-group".equals(ADDRESS.resolve(t.peek()))) {
            return null;
        }
        t.next();
        return groupName(t, groups, ObjectGroup.Kind.NETWORK);
    }

    /** The name after {@code object-group}: an existing group of this kind. */
    private static String groupName(Tokens t, GroupKinds groups, ObjectGroup.Kind kind) {
        int at = t.position();
        String name = t.next();
        ObjectGroup.Kind actual = groups.kindOf(name);
        if (actual == null) {
            throw t.rule("% Object group " + name + " does not exist", at);
        }
        if (actual != kind) {
            throw t.rule("% Object group " + name + " is a " + actual.keyword() + " group, not a " + kind.keyword()
                    + " group", at);
        }
        return name;
    }

    /** {@code any}, {@code host A} or {@code A W}. */
    static AddressMatch address(Tokens t) {
        String kw = t.accept(ADDRESS);
        if ("any".equals(kw)) {
            return AddressMatch.ANY;
        }
        if ("host".equals(kw)) {
            return AddressMatch.host(t.address());
        }
        int a = t.address();
        int w = t.address();
        return new AddressMatch(a, w);
    }

    /** An optional port condition; null when the next word is not an operator. */
    private static NumberMatch ports(Tokens t, NameTable names, KeywordSet nameKeywords, KeywordSet following) {
        String op = t.accept(OPERATORS);
        if (op == null) {
            return null;
        }
        Operator operator = Operator.valueOf(op.toUpperCase(java.util.Locale.ROOT));
        int first = port(t, names, nameKeywords);
        switch (operator) {
            case LT, GT -> {
                return NumberMatch.port(operator, first);
            }
            case RANGE -> {
                int at = t.position();
                int second = port(t, names, nameKeywords);
                if (second < first) {
                    throw t.invalidAt(at);
                }
                return NumberMatch.port(operator, first, second);
            }
            default -> {
                List<Integer> values = new ArrayList<>(2);
                values.add(first);
                while (t.hasNext() && values.size() < 10) {
                    if (t.nextIsNumber()) {
                        values.add(t.number(0, 65535));
                        continue;
                    }
                    int at = t.position();
                    String k = following.resolve(t.peek());
                    if (k == KeywordSet.AMBIGUOUS) {
                        throw t.ambiguous();
                    }
                    if (k == null || !nameKeywords.contains(k)) {
                        break;
                    }
                    t.seek(at + 1);
                    values.add(names.value(k));
                }
                return NumberMatch.port(operator, values.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    static int port(Tokens t, NameTable names, KeywordSet nameKeywords) {
        if (t.nextIsNumber()) {
            return t.number(0, 65535);
        }
        return names.value(t.expect(nameKeywords));
    }

    /** An icmp type [code] or message name right after the destination; false when the next word is an option. */
    private static boolean icmp(Tokens t, AccessListEntry.Builder b) {
        if (t.nextIsNumber()) {
            int type = t.number(0, 255);
            int code = t.nextIsNumber() ? t.number(0, 255) : AccessListEntry.UNSET;
            b.icmp(type, code);
            return true;
        }
        String k = ICMP_FIRST.resolve(t.peek());
        if (k == KeywordSet.AMBIGUOUS) {
            throw t.ambiguous();
        }
        IcmpNames.Message m = k == null ? null : IcmpNames.lookup(k);
        if (m == null) {
            return false;
        }
        t.next();
        b.icmp(m.type(), m.code());
        return true;
    }

    private static boolean igmp(Tokens t, AccessListEntry.Builder b) {
        if (t.nextIsNumber()) {
            b.igmpType(IgmpNames.typeOfNumber(t.number(0, 15)));
            return true;
        }
        String k = IGMP_FIRST.resolve(t.peek());
        if (k == KeywordSet.AMBIGUOUS) {
            throw t.ambiguous();
        }
        if (k == null || !IgmpNames.TABLE.names().contains(k)) {
            return false;
        }
        t.next();
        b.igmpType(IgmpNames.TABLE.value(k));
        return true;
    }

    /** The options after the destination, in any order, each once. {@code l4At}: where an L4 condition was given. */
    private static void options(Tokens t, AccessListEntry.Builder b, KeywordSet options, int l4At) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        int legacyFlags = 0;
        TcpFlagsMatch flags = null;
        boolean established = false;
        boolean tosGiven = false;
        boolean dscpGiven = false;
        int fragmentsAt = -1;
        while (t.hasNext()) {
            int at = t.position();
            String k = t.expect(options);
            boolean flagKeyword = k.equals("ack") || k.equals("fin") || k.equals("psh") || k.equals("rst")
                    || k.equals("syn") || k.equals("urg");
            if (!seen.add(k)) {
                throw t.invalidAt(at);
            }
            boolean l4 = flagKeyword || k.equals("established") || k.startsWith("match-");
            if (l4) {
                if (fragmentsAt >= 0) {
                    throw t.invalidAt(at);
                }
                l4At = at;
            }
            switch (k) {
                case "established" -> established = true;
                case "ack", "fin", "psh", "rst", "syn", "urg" -> {
                    if (flags != null) {
                        throw t.invalidAt(at);
                    }
                    legacyFlags |= TcpFlags.bit(k);
                }
                case "match-all", "match-any" -> {
                    if (flags != null || legacyFlags != 0) {
                        throw t.invalidAt(at);
                    }
                    flags = matchFlags(t, k.equals("match-all"));
                }
                case "fragments" -> {
                    if (l4At >= 0) {
                        throw t.invalidAt(at);
                    }
                    fragmentsAt = at;
                    b.fragments(true);
                }
                case "dscp" -> {
                    if (tosGiven) {
                        throw t.invalidAt(at);
                    }
                    dscpGiven = true;
                    b.dscp(named(t, TosNames.DSCP, DSCP, TosNames.MAX_DSCP));
                }
                case "precedence" -> {
                    if (dscpGiven) {
                        throw t.invalidAt(at);
                    }
                    tosGiven = true;
                    b.precedence(named(t, TosNames.PRECEDENCE, PRECEDENCE, TosNames.MAX_PRECEDENCE));
                }
                case "tos" -> {
                    if (dscpGiven) {
                        throw t.invalidAt(at);
                    }
                    tosGiven = true;
                    b.tos(named(t, TosNames.TOS, TOS, TosNames.MAX_TOS));
                }
                case "ttl" -> b.ttl(ttl(t));
                case "option" -> b.ipOption(named(t, IpOptionNames.TABLE, IP_OPTIONS, 255));
                case "log", "log-input" -> {
                    if (seen.contains("log") && seen.contains("log-input")) {
                        throw t.invalidAt(at);
                    }
                    b.log(k.equals("log") ? LogOption.LOG : LogOption.LOG_INPUT, logTag(t, options));
                }
                case "time-range" -> b.timeRange(TimeRangeParser.name(t));
                default -> throw unsupported(t, at, k); // reflect
            }
        }
        if (established || legacyFlags != 0 || flags != null) {
            TcpFlagsMatch base = flags != null ? flags : TcpFlagsMatch.legacy(legacyFlags);
            b.tcpFlags(new TcpFlagsMatch(established, base.anyOf(), base.matchAll(), base.set(), base.clear()));
        }
    }

    /** {@code +FLAG -FLAG ...} after match-all / match-any: at least one, each flag once. */
    private static TcpFlagsMatch matchFlags(Tokens t, boolean all) {
        int set = 0;
        int clear = 0;
        while (t.hasNext()) {
            String w = t.peek();
            if (w.length() < 2 || (w.charAt(0) != '+' && w.charAt(0) != '-')) {
                break;
            }
            String name = FLAG_NAMES.resolve(w.substring(1));
            if (name == null || name == KeywordSet.AMBIGUOUS) {
                throw t.invalid();
            }
            int bit = TcpFlags.bit(name);
            if (((set | clear) & bit) != 0) {
                throw t.invalid();
            }
            if (w.charAt(0) == '+') {
                set |= bit;
            } else {
                clear |= bit;
            }
            t.next();
        }
        if (set == 0 && clear == 0) {
            throw t.invalid();
        }
        return all ? TcpFlagsMatch.matchAll(set, clear) : TcpFlagsMatch.matchAny(set, clear);
    }

    private static int named(Tokens t, NameTable table, KeywordSet names, int max) {
        if (t.nextIsNumber()) {
            return t.number(0, max);
        }
        return table.value(t.expect(names));
    }

    private static NumberMatch ttl(Tokens t) {
        Operator operator = Operator.valueOf(t.expect(OPERATORS).toUpperCase(java.util.Locale.ROOT));
        int first = t.number(0, 255);
        if (operator == Operator.RANGE) {
            int at = t.position();
            int second = t.number(0, 255);
            if (second < first) {
                throw t.invalidAt(at);
            }
            return NumberMatch.ttl(operator, first, second);
        }
        return NumberMatch.ttl(operator, first);
    }

    /** The optional word after log / log-input: anything that is not another option. */
    private static String logTag(Tokens t, KeywordSet options) {
        if (!t.hasNext()) {
            return null;
        }
        String k = options.resolve(t.peek());
        if (k != null) {
            return null;
        }
        return t.next();
    }
}
