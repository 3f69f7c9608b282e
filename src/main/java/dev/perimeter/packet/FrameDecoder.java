package dev.perimeter.packet;

import dev.perimeter.acl.Protocols;
import dev.perimeter.match.PacketKey;
import java.util.Objects;

/**
 * Decodes one frame in place and fills a {@link PacketKey}: a reusable flyweight (one instance per thread) that
 * allocates nothing and never throws on frame contents. After {@link #decode}, the accessors describe the same
 * frame until the next call.
 *
 * <p>Link types: Ethernet II with any number of 802.1Q / 802.1ad (0x88a8, 0x9100) tags, Linux cooked SLL and
 * SLL2 (also with VLAN tags after them), Cisco HDLC ({@link LinkType#C_HDLC}), PPP ({@link LinkType#PPP},
 * {@link LinkType#PPP_HDLC}), raw IP ({@link LinkType#RAW}, DLT_RAW 12 and 14), {@link LinkType#IPV4},
 * {@link LinkType#IPV6} and BSD loopback ({@link LinkType#NULL}, {@link LinkType#LOOP}). Offsets returned by the
 * accessors are indices into the {@code data} array given to {@code decode} (they include its {@code offset}), or
 * -1 when the frame has no such part.
 */
public final class FrameDecoder {
    /** Bytes of each L4 fixed header that must be present on an initial fragment. */
    public static final int TCP_HEADER = 20;
    public static final int UDP_HEADER = 8;
    public static final int ICMP_HEADER = 8;
    public static final int IGMP_HEADER = 8;

    private static final int ETHERNET_HEADER = 14;
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int ARPHRD_ETHER = 1;
    private static final int LOOPBACK_HEADER = 4;
    private static final int AF_INET = 2;
    private static final int CISCO_HDLC_HEADER = 4;
    private static final int CISCO_HDLC_UNICAST = 0x0f;
    private static final int CISCO_HDLC_BROADCAST = 0x8f;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;

    private byte[] data;
    private int etherType;
    private int sourceMac;
    private int destinationMac;
    private int outerVlan;
    private int innerVlan;
    private int vlanTags;
    private int ipOffset;
    private int ipHeaderLength;
    private int ipTotalLength;
    private int l4Offset;
    private int flagsAndOffset;

    /**
     * Decodes {@code data[offset, offset + length)} as a frame of libpcap link type {@code linkType}, filling
     * {@code key} (cleared unless the status is IPV4 or IPV4_L4_TRUNCATED). See {@link DecodeStatus} for exactly
     * what each status means.
     *
     * @throws IndexOutOfBoundsException only when offset/length do not lie within {@code data} (a caller bug)
     */
    public DecodeStatus decode(byte[] data, int offset, int length, int linkType, PacketKey key) {
        Objects.checkFromIndexSize(offset, length, data.length);
        this.data = data;
        etherType = -1;
        sourceMac = destinationMac = -1;
        outerVlan = innerVlan = -1;
        vlanTags = 0;
        ipOffset = ipHeaderLength = ipTotalLength = l4Offset = -1;
        flagsAndOffset = 0;
        key.clear();
        int end = offset + length;
        switch (linkType) {
            case LinkType.ETHERNET:
                if (length < ETHERNET_HEADER) {
                    return DecodeStatus.MALFORMED;
                }
                destinationMac = offset;
                sourceMac = offset + 6;
                return afterEtherType(Bytes.u16(data, offset + 12), offset + ETHERNET_HEADER, end, key);
            case LinkType.LINUX_SLL:
                if (length < SLL_HEADER) {
                    return DecodeStatus.MALFORMED;
                }
                if (Bytes.u16(data, offset + 2) == ARPHRD_ETHER && Bytes.u16(data, offset + 4) == 6) {
                    sourceMac = offset + 6;
                }
                return afterEtherType(Bytes.u16(data, offset + 14), offset + SLL_HEADER, end, key);
            case LinkType.LINUX_SLL2:
                if (length < SLL2_HEADER) {
                    return DecodeStatus.MALFORMED;
                }
                if (Bytes.u16(data, offset + 8) == ARPHRD_ETHER && Bytes.u8(data, offset + 11) == 6) {
                    sourceMac = offset + 12;
                }
                return afterEtherType(Bytes.u16(data, offset), offset + SLL2_HEADER, end, key);
            case LinkType.IPV4:
                etherType = EtherType.IPV4;
                return ipv4(offset, end, key);
            case LinkType.IPV6:
                if (length < 1) {
                    return DecodeStatus.MALFORMED;
                }
                etherType = EtherType.IPV6;
                return Bytes.u8(data, offset) >>> 4 == 6 ? DecodeStatus.NON_IPV4 : DecodeStatus.MALFORMED;
            case LinkType.C_HDLC:
                return ciscoHdlc(offset, end, key);
            case LinkType.PPP_HDLC:
                // libpcap files Cisco HDLC frames under this link type too: their first octet says which
                if (length >= 1 && (Bytes.u8(data, offset) == CISCO_HDLC_UNICAST
                        || Bytes.u8(data, offset) == CISCO_HDLC_BROADCAST)) {
                    return ciscoHdlc(offset, end, key);
                }
                return ppp(offset, end, key);
            case LinkType.PPP:
                return ppp(offset, end, key);
            case LinkType.NULL:
            case LinkType.LOOP:
                if (length < LOOPBACK_HEADER) {
                    return DecodeStatus.MALFORMED;
                }
                return afterAddressFamily(Bytes.i32(data, offset), linkType == LinkType.NULL,
                        offset + LOOPBACK_HEADER, end, key);
            case LinkType.RAW:
            case LinkType.DLT_RAW:
            case LinkType.DLT_RAW_OPENBSD:
                if (length < 1) {
                    return DecodeStatus.MALFORMED;
                }
                int version = Bytes.u8(data, offset) >>> 4;
                if (version == 6) {
                    etherType = EtherType.IPV6;
                    return DecodeStatus.NON_IPV4;
                }
                etherType = EtherType.IPV4;
                return version == 4 ? ipv4(offset, end, key) : DecodeStatus.MALFORMED;
            default:
                return DecodeStatus.UNDECODED_LINK_TYPE;
        }
    }

    /**
     * BSD loopback: {@code family} read big-endian; in NULL it is in the capturing host's byte order, either one.
     * AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS).
     */
    private DecodeStatus afterAddressFamily(int family, boolean eitherOrder, int next, int end, PacketKey key) {
        if (eitherOrder && (family & 0xffff) == 0) {
            family = Integer.reverseBytes(family);
        }
        if (family == AF_INET) {
            etherType = EtherType.IPV4;
            return ipv4(next, end, key);
        }
        if (family == 24 || family == 28 || family == 30) {
            etherType = EtherType.IPV6;
        }
        return DecodeStatus.NON_IPV4;
    }

    /** Cisco HDLC: address and control octets, then an ethertype (0x0800 for IPv4, 0x8035 for SLARP …). */
    private DecodeStatus ciscoHdlc(int at, int end, PacketKey key) {
        if (end - at < CISCO_HDLC_HEADER) {
            return DecodeStatus.MALFORMED;
        }
        return afterEtherType(Bytes.u16(data, at + 2), at + CISCO_HDLC_HEADER, end, key);
    }

    /**
     * PPP: the address and control octets 0xff 0x03 when the frame has them (RFC 1662), then the protocol field,
     * one octet when compressed (an odd first octet, RFC 1661 6.5). 0x0021 is IPv4 and 0x0057 IPv6; the control
     * protocols (LCP, IPCP …) have no ethertype.
     */
    private DecodeStatus ppp(int at, int end, PacketKey key) {
        if (end - at >= 1 && Bytes.u8(data, at) == 0xff) {
            // the all-stations address is no protocol octet: it comes with the control octet or not at all
            if (end - at < 2 || Bytes.u8(data, at + 1) != 0x03) {
                return DecodeStatus.MALFORMED;
            }
            at += 2;
        }
        if (end - at < 1) {
            return DecodeStatus.MALFORMED;
        }
        int protocol = Bytes.u8(data, at);
        if ((protocol & 1) != 0) {
            at++;
        } else if (end - at < 2) {
            return DecodeStatus.MALFORMED;
        } else {
            protocol = Bytes.u16(data, at);
            at += 2;
        }
        if (protocol == PPP_IPV4) {
            etherType = EtherType.IPV4;
            return ipv4(at, end, key);
        }
        if (protocol == PPP_IPV6) {
            etherType = EtherType.IPV6;
        }
        return DecodeStatus.NON_IPV4;
    }

    private DecodeStatus afterEtherType(int type, int next, int end, PacketKey key) {
        while (EtherType.isVlanTag(type)) {
            if (end - next < 4) {
                return DecodeStatus.MALFORMED;
            }
            int vid = Bytes.u16(data, next) & 0x0fff;
            if (vlanTags == 0) {
                outerVlan = vid;
            } else if (vlanTags == 1) {
                innerVlan = vid;
            }
            vlanTags++;
            type = Bytes.u16(data, next + 2);
            next += 4;
        }
        etherType = type;
        return type == EtherType.IPV4 ? ipv4(next, end, key) : DecodeStatus.NON_IPV4;
    }

    private DecodeStatus ipv4(int ip, int end, PacketKey key) {
        if (end - ip < 20) {
            return DecodeStatus.MALFORMED;
        }
        int versionIhl = Bytes.u8(data, ip);
        int headerLength = (versionIhl & 0x0f) * 4;
        int totalLength = Bytes.u16(data, ip + 2);
        if (versionIhl >>> 4 != 4 || headerLength < 20 || end - ip < headerLength || totalLength < headerLength) {
            return DecodeStatus.MALFORMED;
        }
        ipOffset = ip;
        ipHeaderLength = headerLength;
        ipTotalLength = totalLength;
        l4Offset = ip + headerLength;
        flagsAndOffset = Bytes.u16(data, ip + 6);
        int protocol = Bytes.u8(data, ip + 9);
        key.tos = Bytes.u8(data, ip + 1);
        key.ttl = Bytes.u8(data, ip + 8);
        key.protocol = protocol;
        key.source = Bytes.i32(data, ip + 12);
        key.destination = Bytes.i32(data, ip + 16);
        key.fragmentOffset = flagsAndOffset & 0x1fff;
        if (headerLength > 20) {
            ipOptions(ip + 20, ip + headerLength, key);
        }
        if (key.fragmentOffset != 0) {
            return DecodeStatus.IPV4;
        }
        int l4 = l4Offset;
        int available = Math.min(end, ip + totalLength) - l4;
        switch (protocol) {
            case Protocols.TCP:
                if (available < TCP_HEADER || Bytes.u8(data, l4 + 12) >>> 4 < 5) {
                    return DecodeStatus.IPV4_L4_TRUNCATED;
                }
                key.sourcePort = Bytes.u16(data, l4);
                key.destinationPort = Bytes.u16(data, l4 + 2);
                key.tcpFlags = Bytes.u8(data, l4 + 13) & 0x3f;
                return DecodeStatus.IPV4;
            case Protocols.UDP:
                if (available < UDP_HEADER) {
                    return DecodeStatus.IPV4_L4_TRUNCATED;
                }
                key.sourcePort = Bytes.u16(data, l4);
                key.destinationPort = Bytes.u16(data, l4 + 2);
                return DecodeStatus.IPV4;
            case Protocols.ICMP:
                if (available < ICMP_HEADER) {
                    return DecodeStatus.IPV4_L4_TRUNCATED;
                }
                key.icmpType = Bytes.u8(data, l4);
                key.icmpCode = Bytes.u8(data, l4 + 1);
                return DecodeStatus.IPV4;
            case Protocols.IGMP:
                if (available < IGMP_HEADER) {
                    return DecodeStatus.IPV4_L4_TRUNCATED;
                }
                key.icmpType = Bytes.u8(data, l4);
                return DecodeStatus.IPV4;
            default:
                return DecodeStatus.IPV4;
        }
    }

    /**
     * Records the option types of an IPv4 header (RFC 791): end-of-list stops the walk, no-op is one octet, the
     * others carry a length; a length that cannot be right stops the walk with what was read so far.
     */
    private void ipOptions(int at, int end, PacketKey key) {
        key.hasIpOptions = true;
        while (at < end) {
            int type = Bytes.u8(data, at);
            key.addIpOption(type);
            if (type == 0) {
                return;
            }
            if (type == 1) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return;
            }
            int length = Bytes.u8(data, at + 1);
            if (length < 2) {
                return;
            }
            at += length;
        }
    }

    /**
     * The ethertype after any VLAN tags (Ethernet), the protocol field (SLL, SLL2: an ethertype for Ethernet
     * devices; Cisco HDLC), 0x0800 or 0x86DD for raw-IP, IPv6-only, loopback and PPP link types; -1 for a link
     * type the decoder does not read, a frame too short to have one, a loopback frame of another address family
     * or a PPP frame of another protocol (LCP, IPCP …). Values up to 1500 are
     * 802.3 length fields (LLC frames).
     */
    public int etherType() {
        return etherType;
    }

    /** Index of the 6-byte source MAC (Ethernet; SLL/SLL2 when the link address is a MAC), or -1. */
    public int sourceMacOffset() {
        return sourceMac;
    }

    /** Index of the 6-byte destination MAC (Ethernet only), or -1. */
    public int destinationMacOffset() {
        return destinationMac;
    }

    /** Index of the IPv4 header when the status is IPV4 or IPV4_L4_TRUNCATED, else -1. */
    public int ipOffset() {
        return ipOffset;
    }

    /** IPv4 header length in bytes (IHL * 4, options included), or -1. */
    public int ipHeaderLength() {
        return ipHeaderLength;
    }

    /** The IPv4 total length field, or -1. */
    public int ipTotalLength() {
        return ipTotalLength;
    }

    /**
     * Index of the IPv4 payload: the L4 header on an initial fragment, the fragment's data on a non-initial one
     * (it may lie at or beyond the end of a truncated frame); -1 when there is no IPv4 header.
     */
    public int l4Offset() {
        return l4Offset;
    }

    /** VLAN id of the outermost 802.1Q/802.1ad tag, or -1 when untagged. */
    public int vlanId() {
        return outerVlan;
    }

    /** VLAN id of the second tag (QinQ customer tag), or -1. */
    public int innerVlanId() {
        return innerVlan;
    }

    /** Number of VLAN tags that were skipped. */
    public int vlanTagCount() {
        return vlanTags;
    }

    public boolean moreFragments() {
        return (flagsAndOffset & 0x2000) != 0;
    }

    public boolean dontFragment() {
        return (flagsAndOffset & 0x4000) != 0;
    }

    /** True when the IPv4 header checksum is right (false when there is no IPv4 header). */
    public boolean ipv4ChecksumValid() {
        return ipOffset >= 0 && Checksums.ones(data, ipOffset, ipHeaderLength, 0) == 0xffff;
    }
}
