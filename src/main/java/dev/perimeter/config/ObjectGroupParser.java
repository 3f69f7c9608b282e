package dev.perimeter.config;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.IcmpNames;
import dev.perimeter.acl.NameTable;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.PortNames;
import dev.perimeter.acl.Protocols;
import java.util.Locale;

/**
 * Parses the member lines of {@code object-group network} and {@code object-group service} as IOS takes them:
 * keywords abbreviated to a unique prefix, a network written as an address and a subnet mask (not a wildcard)
 * or a prefix length, ports by number or by the names of the member's protocol. {@code group-object},
 * {@code description} and the mode commands are the caller's.
 */
final class ObjectGroupParser {
    private ObjectGroupParser() {
    }

    /** The words a network member may start with, besides an address. */
    static final KeywordSet NETWORK_MEMBERS = KeywordSet.of("host", "range", "any");
    /** The words a service member may start with, besides a protocol number. */
    static final KeywordSet SERVICE_MEMBERS = KeywordSet.of(Protocols.byName().keySet().toArray(new String[0]))
            .plus("tcp-udp");
    private static final KeywordSet SOURCE = KeywordSet.of("source");
    private static final KeywordSet TCP_NAMES = new KeywordSet(PortNames.TCP.names());
    private static final KeywordSet UDP_NAMES = new KeywordSet(PortNames.UDP.names());
    private static final KeywordSet TCP_UDP_NAMES = new KeywordSet(PortNames.TCP_UDP.names());
    private static final KeywordSet ICMP_NAMES = new KeywordSet(IcmpNames.byName().keySet());

    /** {@code host A}, {@code A MASK}, {@code A /LEN}, {@code range A B} or {@code any}; nothing may follow. */
    static ObjectGroup.Member network(Tokens t) {
        if (t.nextIsAddress()) {
            int address = t.address();
            int maskAt = t.position();
            int wildcard;
            String w = t.peek();
            if (w != null && w.startsWith("/")) {
                wildcard = prefixWildcard(t);
            } else {
                int mask = t.address();
                if ((~mask & (~mask + 1)) != 0) {
                    throw t.invalidAt(maskAt); // a subnet mask: ones, then zeros
                }
                wildcard = ~mask;
            }
            t.end();
            return new ObjectGroup.Network(new AddressMatch(address, wildcard));
        }
        String k = t.expect(NETWORK_MEMBERS);
        switch (k) {
            case "host" -> {
                int a = t.address();
                t.end();
                return new ObjectGroup.Network(AddressMatch.host(a));
            }
            case "any" -> {
                t.end();
                return new ObjectGroup.Network(AddressMatch.ANY);
            }
            default -> {
                int first = t.address();
                int lastAt = t.position();
                int last = t.address();
                if (Integer.compareUnsigned(first, last) > 0) {
                    throw t.invalidAt(lastAt);
                }
                t.end();
                return new ObjectGroup.Range(first, last);
            }
        }
    }

    /** {@code /LEN}, 0-32, as the wildcard it stands for. */
    private static int prefixWildcard(Tokens t) {
        String w = t.peek();
        String digits = w.substring(1);
        if (!Tokens.isNumber(digits) || digits.length() > 2 || Integer.parseInt(digits) > 32) {
            throw t.invalid();
        }
        t.next();
        int length = Integer.parseInt(digits);
        return length == 32 ? 0 : -1 >>> length;
    }

    /**
     * {@code tcp|udp|tcp-udp [source OP PORT [PORT]] [OP PORT [PORT]]}, {@code icmp [TYPE [CODE] | NAME]}, or a
     * protocol name or number alone ({@code ip} and 0 are every protocol); nothing may follow.
     */
    static ObjectGroup.Service service(Tokens t) {
        if (t.nextIsNumber()) {
            int protocol = t.number(0, 255);
            t.end();
            return ObjectGroup.Service.protocol(protocol == 0 ? Protocols.ANY : protocol);
        }
        String k = t.expect(SERVICE_MEMBERS);
        switch (k) {
            case "tcp", "udp", "tcp-udp" -> {
                int protocol = k.equals("tcp") ? Protocols.TCP : k.equals("udp") ? Protocols.UDP
                        : ObjectGroup.Service.TCP_UDP;
                NameTable names = k.equals("tcp") ? PortNames.TCP : k.equals("udp") ? PortNames.UDP
                        : PortNames.TCP_UDP;
                KeywordSet nameWords = k.equals("tcp") ? TCP_NAMES : k.equals("udp") ? UDP_NAMES : TCP_UDP_NAMES;
                NumberMatch sourcePort = NumberMatch.ANY;
                NumberMatch destinationPort = NumberMatch.ANY;
                if (t.accept(SOURCE) != null) {
                    sourcePort = ports(t, names, nameWords);
                }
                if (t.hasNext()) {
                    destinationPort = ports(t, names, nameWords);
                }
                t.end();
                return ObjectGroup.Service.ports(protocol, sourcePort, destinationPort);
            }
            case "icmp" -> {
                if (!t.hasNext()) {
                    return ObjectGroup.Service.protocol(Protocols.ICMP);
                }
                ObjectGroup.Service s;
                if (t.nextIsNumber()) {
                    int type = t.number(0, 255);
                    int code = t.nextIsNumber() ? t.number(0, 255) : AccessListEntry.UNSET;
                    s = ObjectGroup.Service.icmp(type, code);
                } else {
                    IcmpNames.Message m = IcmpNames.lookup(t.expect(ICMP_NAMES));
                    s = ObjectGroup.Service.icmp(m.type(), m.code());
                }
                t.end();
                return s;
            }
            default -> {
                t.end();
                return ObjectGroup.Service.protocol(Protocols.byName().get(k));
            }
        }
    }

    /** {@code eq|neq|lt|gt PORT} or {@code range LOW HIGH}. */
    private static NumberMatch ports(Tokens t, NameTable names, KeywordSet nameWords) {
        Operator operator = Operator.valueOf(t.expect(EntryParser.OPERATORS).toUpperCase(Locale.ROOT));
        int first = EntryParser.port(t, names, nameWords);
        if (operator != Operator.RANGE) {
            return NumberMatch.port(operator, first);
        }
        int at = t.position();
        int second = EntryParser.port(t, names, nameWords);
        if (second < first) {
            throw t.invalidAt(at);
        }
        return NumberMatch.port(operator, first, second);
    }
}
