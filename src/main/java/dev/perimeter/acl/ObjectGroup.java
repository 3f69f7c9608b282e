package dev.perimeter.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An IOS object group as configured: a network group (addresses) or a service group (protocols with their
 * ports or ICMP messages), with its description and its members in the order they were entered. A member may
 * name another group of the same kind ({@code group-object}); {@link ObjectGroups} resolves that nesting.
 * Immutable.
 */
public record ObjectGroup(String name, Kind kind, String description, List<Member> members) {

    /** {@code object-group network} or {@code object-group service}. */
    public enum Kind {
        NETWORK, SERVICE;

        public String keyword() {
            return this == NETWORK ? "network" : "service";
        }
    }

    public ObjectGroup {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        members = List.copyOf(members);
    }

    /** One member line of a group; {@code toString()} is the line as {@code show running-config} prints it. */
    public sealed interface Member permits Network, Range, Service, Nested {
    }

    /** {@code any}, {@code host A} or {@code A MASK}: a prefix (the parser takes no other mask). */
    public record Network(AddressMatch address) implements Member {
        @Override
        public String toString() {
            if (address.isAny() || address.isHost()) {
                return address.toString();
            }
            return Ipv4.format(address.address()) + " " + Ipv4.format(~address.wildcard());
        }
    }

    /** {@code range A B}: every address from A to B, both included (unsigned order, A not above B). */
    public record Range(int first, int last) implements Member {
        public Range {
            if (Integer.compareUnsigned(first, last) > 0) {
                throw new IllegalArgumentException("range ends before it starts");
            }
        }

        /** The fewest prefixes that together hold exactly the addresses of the range, lowest first. */
        public List<AddressMatch> prefixes() {
            List<AddressMatch> out = new ArrayList<>();
            long lo = Integer.toUnsignedLong(first);
            long hi = Integer.toUnsignedLong(last);
            while (lo <= hi) {
                // the largest aligned block starting at lo that does not pass hi
                int bits = lo == 0 ? 32 : Long.numberOfTrailingZeros(lo);
                while ((lo + (1L << bits) - 1) > hi) {
                    bits--;
                }
                out.add(new AddressMatch((int) lo, (int) ((1L << bits) - 1)));
                lo += 1L << bits;
            }
            return out;
        }

        @Override
        public String toString() {
            return "range " + Ipv4.format(first) + " " + Ipv4.format(last);
        }
    }

    /**
     * A protocol with its conditions: {@code tcp|udp|tcp-udp [source OP P [P]] [OP P [P]]}, {@code icmp [TYPE
     * [CODE] | NAME]}, or a protocol alone ({@link Protocols#ANY} for {@code ip}). {@link #TCP_UDP} in
     * {@code protocol} is the keyword {@code tcp-udp}, which stands for a tcp and a udp member.
     */
    public record Service(int protocol, NumberMatch sourcePort, NumberMatch destinationPort, int icmpType,
                          int icmpCode) implements Member {
        public static final int TCP_UDP = -2;

        public Service {
            Objects.requireNonNull(sourcePort);
            Objects.requireNonNull(destinationPort);
        }

        /** A protocol alone: every packet of it. */
        public static Service protocol(int protocol) {
            return new Service(protocol, NumberMatch.ANY, NumberMatch.ANY, AccessListEntry.UNSET,
                    AccessListEntry.UNSET);
        }

        public static Service ports(int protocol, NumberMatch sourcePort, NumberMatch destinationPort) {
            return new Service(protocol, sourcePort, destinationPort, AccessListEntry.UNSET, AccessListEntry.UNSET);
        }

        public static Service icmp(int type, int code) {
            return new Service(Protocols.ICMP, NumberMatch.ANY, NumberMatch.ANY, type, code);
        }

        /** This member as the plain services it stands for: tcp-udp as tcp then udp, the others as themselves. */
        public List<Service> asPlain() {
            if (protocol != TCP_UDP) {
                return List.of(this);
            }
            return List.of(new Service(Protocols.TCP, sourcePort, destinationPort, icmpType, icmpCode),
                    new Service(Protocols.UDP, sourcePort, destinationPort, icmpType, icmpCode));
        }

        /** The port names this member prints: those of its protocol, for tcp-udp the ones both share. */
        public NameTable portNames() {
            return protocol == TCP_UDP ? PortNames.TCP_UDP : PortNames.forProtocol(protocol);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(protocol == TCP_UDP ? "tcp-udp" : Protocols.name(protocol));
            NameTable names = portNames();
            if (!sourcePort.isAny()) {
                sb.append(" source");
                AccessListPrinter.appendPorts(sb, sourcePort, names);
            }
            AccessListPrinter.appendPorts(sb, destinationPort, names);
            if (icmpType != AccessListEntry.UNSET) {
                String name = IcmpNames.name(icmpType, icmpCode);
                if (name != null) {
                    sb.append(' ').append(name);
                } else {
                    sb.append(' ').append(icmpType);
                    if (icmpCode != AccessListEntry.UNSET) {
                        sb.append(' ').append(icmpCode);
                    }
                }
            }
            return sb.toString();
        }
    }

    /** {@code group-object NAME}: every member of another group of the same kind. */
    public record Nested(String group) implements Member {
        public Nested {
            Objects.requireNonNull(group);
        }

        @Override
        public String toString() {
            return "group-object " + group;
        }
    }
}
