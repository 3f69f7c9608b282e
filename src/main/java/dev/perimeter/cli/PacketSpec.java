package dev.perimeter.cli;

import dev.perimeter.acl.IcmpNames;
import dev.perimeter.acl.IgmpNames;
import dev.perimeter.acl.IpOptionNames;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.acl.TosNames;
import dev.perimeter.match.PacketKey;
import java.util.Locale;

/**
 * The packet of {@code perimeter explain}, written on one line:
 * {@code PROTO SRC[:PORT] -> DST[:PORT] [flags=SAFRPU] [dscp=N|NAME] [tos=BYTE] [ttl=N] [frag=first|OFFSET]
 * [type=N|NAME] [code=N] [options=OPT,...]}, OPT an IP option-type octet or its IOS name ({@code record-route},
 * {@code timestamp}, ...). PROTO is a protocol keyword (tcp, udp, icmp, gre, ...) or a number; ports are required
 * for tcp and udp and refused for the others; type/code are for icmp (type also for igmp). OFFSET is the IP
 * fragment offset in 8-byte units, as the header carries it; a non-initial fragment has no L4 fields.
 */
public final class PacketSpec {
    private PacketSpec() {
    }

    /** The packet, or an {@link IllegalArgumentException} saying what is wrong with the text. */
    public static PacketKey parse(String spec) {
        String[] w = spec.replace("->", " -> ").trim().split("\\s+");
        if (w.length < 4 || !w[2].equals("->")) {
            throw new IllegalArgumentException("expected 'PROTO SRC[:PORT] -> DST[:PORT] [key=value ...]'");
        }
        PacketKey p = new PacketKey();
        p.protocol = protocol(w[0]);
        p.ttl = 64;
        boolean ports = p.protocol == Protocols.TCP || p.protocol == Protocols.UDP;
        int[] src = endpoint(w[1], ports, "source");
        int[] dst = endpoint(w[3], ports, "destination");
        p.source = src[0];
        p.sourcePort = src[1];
        p.destination = dst[0];
        p.destinationPort = dst[1];
        if (p.protocol == Protocols.ICMP) {
            p.icmpType = 8; // echo unless type= says otherwise
        }
        boolean dscpGiven = false;
        boolean tosGiven = false;
        boolean codeGiven = false;
        for (int i = 4; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value: " + w[i]);
            }
            String key = w[i].substring(0, eq).toLowerCase(Locale.ROOT);
            String value = w[i].substring(eq + 1);
            switch (key) {
                case "flags" -> {
                    requireProtocol(p, Protocols.TCP, key);
                    p.tcpFlags = flags(value);
                }
                case "dscp" -> {
                    int v = TosNames.DSCP.value(value.toLowerCase(Locale.ROOT));
                    v = v >= 0 ? v : number(value, 0, 63, key);
                    p.tos = (v << 2) | (p.tos & 3);
                    dscpGiven = true;
                }
                case "tos" -> {
                    p.tos = number(value, 0, 255, key);
                    tosGiven = true;
                }
                case "ttl" -> p.ttl = number(value, 0, 255, key);
                case "frag" -> p.fragmentOffset = value.equalsIgnoreCase("first") ? 0 : number(value, 1, 8191, key);
                case "type" -> {
                    if (p.protocol == Protocols.IGMP) {
                        int v = IgmpNames.TABLE.value(value.toLowerCase(Locale.ROOT));
                        p.icmpType = v >= 0 ? v : number(value, 0, 255, key);
                    } else {
                        requireProtocol(p, Protocols.ICMP, key);
                        IcmpNames.Message m = IcmpNames.lookup(value.toLowerCase(Locale.ROOT));
                        if (m != null) {
                            p.icmpType = m.type();
                            if (m.code() >= 0 && !codeGiven) {
                                p.icmpCode = m.code();
                            }
                        } else {
                            p.icmpType = number(value, 0, 255, key);
                        }
                    }
                }
                case "code" -> {
                    requireProtocol(p, Protocols.ICMP, key);
                    p.icmpCode = number(value, 0, 255, key);
                    codeGiven = true;
                }
                case "options" -> {
                    for (String o : value.split(",")) {
                        int v = IpOptionNames.TABLE.value(o.toLowerCase(Locale.ROOT));
                        if (v == IpOptionNames.ANY_OPTIONS) {
                            throw new IllegalArgumentException("options= takes option types, not any-options");
                        }
                        p.addIpOption(v >= 0 ? v : number(o, 0, 255, key));
                    }
                }
                default -> throw new IllegalArgumentException("unknown key '" + key
                        + "' (flags, dscp, tos, ttl, frag, type, code, options)");
            }
        }
        if (dscpGiven && tosGiven) {
            throw new IllegalArgumentException("give dscp= or tos=, not both");
        }
        if (p.fragmentOffset != 0) {
            // a non-initial fragment carries no L4 header
            p.sourcePort = p.destinationPort = p.tcpFlags = p.icmpType = p.icmpCode = 0;
        }
        return p;
    }

    private static int protocol(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        Integer named = Protocols.byName().get(w);
        if (named != null && named != Protocols.ANY) {
            return named;
        }
        if (w.equals("ip")) {
            throw new IllegalArgumentException("a packet has one protocol: give tcp, udp, icmp, ... or a number");
        }
        return number(w, 0, 255, "protocol");
    }

    private static int[] endpoint(String text, boolean ports, String what) {
        int colon = text.indexOf(':');
        String address = colon < 0 ? text : text.substring(0, colon);
        int a;
        try {
            a = Ipv4.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + what + " address: " + address);
        }
        if (ports && colon < 0) {
            throw new IllegalArgumentException("the " + what + " needs a port: ADDRESS:PORT");
        }
        if (!ports && colon >= 0) {
            throw new IllegalArgumentException("ports are for tcp and udp only: " + text);
        }
        int port = colon < 0 ? 0 : number(text.substring(colon + 1), 0, 65535, what + " port");
        return new int[] {a, port};
    }

    private static void requireProtocol(PacketKey p, int protocol, String key) {
        if (p.protocol != protocol) {
            throw new IllegalArgumentException(key + "= is for " + Protocols.name(protocol) + " packets");
        }
    }

    /** Letters S A F R P U, any order; empty for none. */
    static int flags(String letters) {
        int flags = 0;
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            flags |= switch (c) {
                case 'S' -> TcpFlags.SYN;
                case 'A' -> TcpFlags.ACK;
                case 'F' -> TcpFlags.FIN;
                case 'R' -> TcpFlags.RST;
                case 'P' -> TcpFlags.PSH;
                case 'U' -> TcpFlags.URG;
                default -> throw new IllegalArgumentException("unknown TCP flag letter '" + c + "' (SAFRPU)");
            };
        }
        return flags;
    }

    private static int number(String text, int min, int max, String what) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(what + " must be a number " + min + "-" + max + ": " + text);
    }

    /** The packet written back in this notation (for the explain output). */
    public static String format(PacketKey p) {
        StringBuilder sb = new StringBuilder(Protocols.name(p.protocol)).append(' ');
        boolean ports = p.protocol == Protocols.TCP || p.protocol == Protocols.UDP;
        sb.append(Ipv4.format(p.source));
        if (ports) {
            sb.append(':').append(p.sourcePort);
        }
        sb.append(" -> ").append(Ipv4.format(p.destination));
        if (ports) {
            sb.append(':').append(p.destinationPort);
        }
        if (p.protocol == Protocols.TCP) {
            sb.append(" flags=");
            String letters = "SAFRPU";
            int[] bits = {TcpFlags.SYN, TcpFlags.ACK, TcpFlags.FIN, TcpFlags.RST, TcpFlags.PSH, TcpFlags.URG};
            for (int i = 0; i < bits.length; i++) {
                if ((p.tcpFlags & bits[i]) != 0) {
                    sb.append(letters.charAt(i));
                }
            }
        }
        if ((p.protocol == Protocols.ICMP) && p.fragmentOffset == 0) {
            sb.append(" type=").append(p.icmpType).append(" code=").append(p.icmpCode);
        }
        if (p.protocol == Protocols.IGMP && p.fragmentOffset == 0) {
            sb.append(" type=").append(p.icmpType);
        }
        if ((p.tos & 3) != 0) {
            sb.append(" tos=").append(p.tos);
        } else if (p.tos != 0) {
            sb.append(" dscp=").append(p.dscp());
        }
        sb.append(" ttl=").append(p.ttl);
        if (p.fragmentOffset != 0) {
            sb.append(" frag=").append(p.fragmentOffset);
        }
        if (p.hasIpOptions) {
            String sep = " options=";
            for (int type = 0; type < 256; type++) {
                if (p.hasIpOption(type)) {
                    sb.append(sep).append(IpOptionNames.TABLE.nameOrNumber(type));
                    sep = ",";
                }
            }
        }
        return sb.toString();
    }
}
