package dev.perimeter.packet;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Crafts frames for tests and sample captures, with correct IPv4, TCP, UDP, ICMP and IPv6 checksums:
 *
 * <pre>{@code
 * byte[] syn = FrameBuilder.ethernet().vlan(10)
 *         .ipv4("172.16.11.5", "172.16.27.70").ttl(63)
 *         .tcp(41234, 143).flags(TcpFlags.SYN).build();
 * List<byte[]> parts = FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2").id(7)
 *         .udp(5000, 53).payload(new byte[3000]).fragments(1480);
 * byte[] who = FrameBuilder.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
 * }</pre>
 *
 * Link framing: {@link #ethernet()} (optionally with 802.1Q/802.1ad tags), {@link #sll()}, {@link #sll2()},
 * {@link #ciscoHdlc()}, {@link #ppp()}, {@link #rawIp()} ({@link LinkType#RAW}) and {@link #ipv4Only()}
 * ({@link LinkType#IPV4}); {@link #linkType()}
 * names the one to write in a capture. Builders are mutable and can be reused: change a field, build again.
 */
public final class FrameBuilder {
    private enum Network { NONE, IPV4, IPV6, ARP }

    private enum Transport { NONE, TCP, UDP, ICMP, IGMP, OTHER }

    private final int linkType;
    private byte[] sourceMac = mac("02:00:00:00:00:01");
    private byte[] destinationMac = mac("02:00:00:00:00:02");
    private final List<int[]> tags = new ArrayList<>();
    private int sllPacketType;
    private int etherType = -1;
    private boolean pad;

    private Network network = Network.NONE;
    private int source;
    private int destination;
    private byte[] source6;
    private byte[] destination6;
    private int tos;
    private int ttl = 64;
    private int id = 1;
    private boolean dontFragment;
    private boolean moreFragments;
    private int fragmentOffset;
    private byte[] options = new byte[0];
    private int arpOperation;
    private byte[] arpTargetMac = new byte[6];

    private Transport transport = Transport.NONE;
    private int protocol = -1;
    private int sourcePort;
    private int destinationPort;
    private int tcpFlags;
    private long seq;
    private long ack;
    private int window = 65535;
    private int icmpType;
    private int icmpCode;
    private int icmpRest;
    private int igmpGroup;
    private byte[] payload = new byte[0];

    private FrameBuilder(int linkType) {
        this.linkType = linkType;
    }

    /** An Ethernet II frame (source 02:00:00:00:00:01, destination 02:00:00:00:00:02 until changed). */
    public static FrameBuilder ethernet() {
        return new FrameBuilder(LinkType.ETHERNET);
    }

    /** A Linux cooked (SLL) frame, packet type "to us" unless {@link #sllPacketType} says otherwise. */
    public static FrameBuilder sll() {
        return new FrameBuilder(LinkType.LINUX_SLL);
    }

    /** A Linux cooked v2 (SLL2) frame. */
    public static FrameBuilder sll2() {
        return new FrameBuilder(LinkType.LINUX_SLL2);
    }

    /** A Cisco HDLC frame (unicast address 0x0f, control 0, the ethertype). */
    public static FrameBuilder ciscoHdlc() {
        return new FrameBuilder(LinkType.C_HDLC);
    }

    /** A PPP frame with the address and control octets (0xff 0x03) and a two-octet protocol field. */
    public static FrameBuilder ppp() {
        return new FrameBuilder(LinkType.PPP);
    }

    /** A bare IP packet for {@link LinkType#RAW}. */
    public static FrameBuilder rawIp() {
        return new FrameBuilder(LinkType.RAW);
    }

    /** A bare IPv4 packet for {@link LinkType#IPV4}. */
    public static FrameBuilder ipv4Only() {
        return new FrameBuilder(LinkType.IPV4);
    }

    /** Shortcut: Ethernet, IPv4, TCP with the given flags ({@link TcpFlags}). */
    public static FrameBuilder tcp(String source, int sourcePort, String destination, int destinationPort, int flags) {
        return ethernet().ipv4(source, destination).tcp(sourcePort, destinationPort).flags(flags);
    }

    /** Shortcut: Ethernet, IPv4, UDP. */
    public static FrameBuilder udp(String source, int sourcePort, String destination, int destinationPort) {
        return ethernet().ipv4(source, destination).udp(sourcePort, destinationPort);
    }

    /** Shortcut: Ethernet, IPv4, ICMP with type and code. */
    public static FrameBuilder icmp(String source, String destination, int type, int code) {
        return ethernet().ipv4(source, destination).icmp(type, code);
    }

    /** An ARP request on Ethernet (broadcast): who has {@code targetIp}, tell {@code senderIp}. */
    public static byte[] arpRequest(String senderMac, String senderIp, String targetIp) {
        return ethernet().macs(senderMac, "ff:ff:ff:ff:ff:ff").arp(1, senderIp, "00:00:00:00:00:00", targetIp)
                .build();
    }

    /** An ARP reply on Ethernet: {@code senderIp} is at {@code senderMac}, sent to the asker. */
    public static byte[] arpReply(String senderMac, String senderIp, String targetMac, String targetIp) {
        return ethernet().macs(senderMac, targetMac).arp(2, senderIp, targetMac, targetIp).build();
    }

    /** The libpcap link type of the frames this builder makes. */
    public int linkType() {
        return linkType;
    }

    // ---- link layer ----

    /** Source and destination MAC ({@code aa:bb:cc:dd:ee:ff}); SLL/SLL2 carry the source as link address. */
    public FrameBuilder macs(String source, String destination) {
        sourceMac = mac(source);
        destinationMac = mac(destination);
        return this;
    }

    /** Adds an 802.1Q tag (outermost first when called several times). */
    public FrameBuilder vlan(int vlanId) {
        return tag(EtherType.VLAN, vlanId, 0);
    }

    /** 802.1ad service tag {@code outer} around an 802.1Q customer tag {@code inner}. */
    public FrameBuilder qinq(int outer, int inner) {
        return tag(EtherType.QINQ, outer, 0).tag(EtherType.VLAN, inner, 0);
    }

    /** Adds a tag with any TPID, VLAN id and priority. */
    public FrameBuilder tag(int tpid, int vlanId, int priority) {
        tags.add(new int[] {tpid, (priority & 7) << 13 | (vlanId & 0x0fff)});
        return this;
    }

    /** Overrides the ethertype (or the SLL protocol); with no network layer the payload follows it directly. */
    public FrameBuilder etherType(int type) {
        etherType = type;
        return this;
    }

    public FrameBuilder sllPacketType(int type) {
        sllPacketType = type;
        return this;
    }

    /** Pads Ethernet frames to the 60-byte minimum, as a receiving NIC captures them. */
    public FrameBuilder padded() {
        pad = true;
        return this;
    }

    // ---- network layer ----

    public FrameBuilder ipv4(String source, String destination) {
        return ipv4(Ipv4.parse(source), Ipv4.parse(destination));
    }

    public FrameBuilder ipv4(int source, int destination) {
        network = Network.IPV4;
        this.source = source;
        this.destination = destination;
        return this;
    }

    public FrameBuilder ipv6(String source, String destination) {
        network = Network.IPV6;
        source6 = ipv6Address(source);
        destination6 = ipv6Address(destination);
        return this;
    }

    /** An ARP packet: operation 1 request, 2 reply; the sender MAC is the frame's source MAC. */
    public FrameBuilder arp(int operation, String senderIp, String targetMac, String targetIp) {
        network = Network.ARP;
        arpOperation = operation;
        source = Ipv4.parse(senderIp);
        arpTargetMac = mac(targetMac);
        destination = Ipv4.parse(targetIp);
        return this;
    }

    public FrameBuilder tos(int tos) {
        this.tos = tos;
        return this;
    }

    /** DSCP in the top six bits of the ToS byte. */
    public FrameBuilder dscp(int dscp) {
        this.tos = dscp << 2 | (tos & 3);
        return this;
    }

    public FrameBuilder ttl(int ttl) {
        this.ttl = ttl;
        return this;
    }

    /** The IPv4 identification field. */
    public FrameBuilder id(int id) {
        this.id = id;
        return this;
    }

    public FrameBuilder dontFragment() {
        dontFragment = true;
        return this;
    }

    /** Sets the MF flag by hand (see {@link #fragments} for whole fragment trains). */
    public FrameBuilder moreFragments(boolean more) {
        moreFragments = more;
        return this;
    }

    /** Fragment offset in 8-byte units; with a non-zero offset the L4 header is not written, only the payload. */
    public FrameBuilder fragmentOffset(int units) {
        fragmentOffset = units;
        return this;
    }

    /** IPv4 options, padded with end-of-options to a multiple of four bytes (IHL grows accordingly). */
    public FrameBuilder ipOptions(byte... options) {
        this.options = Arrays.copyOf(options, (options.length + 3) / 4 * 4);
        return this;
    }

    // ---- transport layer ----

    public FrameBuilder tcp(int sourcePort, int destinationPort) {
        transport = Transport.TCP;
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        return this;
    }

    /** TCP flags, {@link TcpFlags} bits ORed. */
    public FrameBuilder flags(int flags) {
        tcpFlags = flags;
        return this;
    }

    public FrameBuilder seq(long seq) {
        this.seq = seq;
        return this;
    }

    /** Acknowledgment number (set the ACK flag with {@link #flags}). */
    public FrameBuilder ack(long ack) {
        this.ack = ack;
        return this;
    }

    public FrameBuilder window(int window) {
        this.window = window;
        return this;
    }

    public FrameBuilder udp(int sourcePort, int destinationPort) {
        transport = Transport.UDP;
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        return this;
    }

    /** ICMP (over IPv4) or ICMPv6 (over IPv6) with type and code. */
    public FrameBuilder icmp(int type, int code) {
        transport = Transport.ICMP;
        icmpType = type;
        icmpCode = code;
        return this;
    }

    /** Echo request (8) or reply (0) with identifier and sequence number. */
    public FrameBuilder icmpEcho(boolean request, int identifier, int sequence) {
        icmp(request ? 8 : 0, 0);
        icmpRest = identifier << 16 | (sequence & 0xffff);
        return this;
    }

    /** IGMP message of the given type (0x11 query, 0x16 v2 report, ...) for {@code group}. */
    public FrameBuilder igmp(int type, String group) {
        transport = Transport.IGMP;
        icmpType = type;
        igmpGroup = Ipv4.parse(group);
        return this;
    }

    /** Any IP protocol number; the payload follows the IP header as is. */
    public FrameBuilder protocol(int number) {
        transport = Transport.OTHER;
        protocol = number;
        return this;
    }

    public FrameBuilder payload(byte[] payload) {
        this.payload = payload.clone();
        return this;
    }

    public FrameBuilder payload(String text) {
        this.payload = text.getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    // ---- building ----

    /** The whole frame: link header, network header, transport header and payload, checksums filled in. */
    public byte[] build() {
        if (network == Network.IPV4 && fragmentOffset != 0) {
            return frame(ipv4Packet(payload, fragmentOffset, moreFragments));
        }
        return frame(networkPacket());
    }

    /** The network-layer packet alone (IPv4/IPv6 header onwards, or the ARP body). */
    public byte[] buildPacket() {
        return networkPacket();
    }

    /**
     * Builds the IPv4 datagram and cuts it into fragments carrying at most {@code maxFragmentData} bytes of IP
     * payload each (rounded down to a multiple of 8): the first holds the L4 header, whose checksum covers the
     * whole datagram; the others are non-initial fragments. Options are copied into the first fragment only.
     */
    public List<byte[]> fragments(int maxFragmentData) {
        if (network != Network.IPV4) {
            throw new IllegalStateException("fragments need an IPv4 packet");
        }
        int step = maxFragmentData / 8 * 8;
        if (step <= 0) {
            throw new IllegalArgumentException("fragment data must be at least 8 bytes");
        }
        byte[] data = transportSegment();
        List<byte[]> frames = new ArrayList<>();
        byte[] savedOptions = options;
        for (int at = 0; at < data.length || at == 0; at += step) {
            int len = Math.min(step, data.length - at);
            boolean more = at + len < data.length;
            frames.add(frame(ipv4Packet(Arrays.copyOfRange(data, at, at + len), at / 8, more)));
            options = new byte[0];
            if (data.length == 0) {
                break;
            }
        }
        options = savedOptions;
        return frames;
    }

    private byte[] networkPacket() {
        switch (network) {
            case IPV4:
                return ipv4Packet(transportSegment(), 0, moreFragments);
            case IPV6:
                return ipv6Packet();
            case ARP:
                return arpPacket();
            default:
                return payload.clone();
        }
    }

    private byte[] ipv4Packet(byte[] body, int offsetUnits, boolean more) {
        int headerLength = 20 + options.length;
        byte[] p = new byte[headerLength + body.length];
        p[0] = (byte) (0x40 | headerLength / 4);
        p[1] = (byte) tos;
        Bytes.put16(p, 2, p.length);
        Bytes.put16(p, 4, id);
        Bytes.put16(p, 6, (dontFragment ? 0x4000 : 0) | (more ? 0x2000 : 0) | (offsetUnits & 0x1fff));
        p[8] = (byte) ttl;
        p[9] = (byte) ipProtocol();
        Bytes.put32(p, 12, source);
        Bytes.put32(p, 16, destination);
        System.arraycopy(options, 0, p, 20, options.length);
        Bytes.put16(p, 10, Checksums.checksum(p, 0, headerLength, 0));
        System.arraycopy(body, 0, p, headerLength, body.length);
        return p;
    }

    private byte[] ipv6Packet() {
        byte[] body = transportSegment();
        byte[] p = new byte[40 + body.length];
        Bytes.put32(p, 0, 0x60000000 | tos << 20);
        Bytes.put16(p, 4, body.length);
        p[6] = (byte) ipProtocol();
        p[7] = (byte) ttl;
        System.arraycopy(source6, 0, p, 8, 16);
        System.arraycopy(destination6, 0, p, 24, 16);
        System.arraycopy(body, 0, p, 40, body.length);
        return p;
    }

    private byte[] arpPacket() {
        byte[] p = new byte[28];
        Bytes.put16(p, 0, 1);
        Bytes.put16(p, 2, EtherType.IPV4);
        p[4] = 6;
        p[5] = 4;
        Bytes.put16(p, 6, arpOperation);
        System.arraycopy(sourceMac, 0, p, 8, 6);
        Bytes.put32(p, 14, source);
        System.arraycopy(arpTargetMac, 0, p, 18, 6);
        Bytes.put32(p, 24, destination);
        return p;
    }

    private int ipProtocol() {
        switch (transport) {
            case TCP: return Protocols.TCP;
            case UDP: return Protocols.UDP;
            case ICMP: return network == Network.IPV6 ? 58 : Protocols.ICMP;
            case IGMP: return Protocols.IGMP;
            case OTHER: return protocol;
            default: return network == Network.IPV6 ? 59 : 255;
        }
    }

    /** The L4 header and payload with the checksum computed for the current addresses. */
    private byte[] transportSegment() {
        byte[] s;
        int checksumAt;
        switch (transport) {
            case TCP:
                s = new byte[20 + payload.length];
                Bytes.put16(s, 0, sourcePort);
                Bytes.put16(s, 2, destinationPort);
                Bytes.put32(s, 4, (int) seq);
                Bytes.put32(s, 8, (int) ack);
                s[12] = 5 << 4;
                s[13] = (byte) tcpFlags;
                Bytes.put16(s, 14, window);
                System.arraycopy(payload, 0, s, 20, payload.length);
                checksumAt = 16;
                break;
            case UDP:
                s = new byte[8 + payload.length];
                Bytes.put16(s, 0, sourcePort);
                Bytes.put16(s, 2, destinationPort);
                Bytes.put16(s, 4, s.length);
                System.arraycopy(payload, 0, s, 8, payload.length);
                checksumAt = 6;
                break;
            case ICMP:
                s = new byte[8 + payload.length];
                s[0] = (byte) icmpType;
                s[1] = (byte) icmpCode;
                Bytes.put32(s, 4, icmpRest);
                System.arraycopy(payload, 0, s, 8, payload.length);
                checksumAt = 2;
                break;
            case IGMP:
                s = new byte[8 + payload.length];
                s[0] = (byte) icmpType;
                Bytes.put32(s, 4, igmpGroup);
                System.arraycopy(payload, 0, s, 8, payload.length);
                Bytes.put16(s, 2, Checksums.checksum(s, 0, s.length, 0));
                return s;
            default:
                return payload.clone();
        }
        int pseudo = 0;
        if (network == Network.IPV6) {
            pseudo = Checksums.ipv6Pseudo(source6, destination6, ipProtocol(), s.length);
        } else if (transport != Transport.ICMP) { // ICMP over IPv4 has no pseudo header
            pseudo = Checksums.ipv4Pseudo(source, destination, ipProtocol(), s.length);
        }
        int sum = Checksums.checksum(s, 0, s.length, pseudo);
        if (transport == Transport.UDP && sum == 0) {
            sum = 0xffff;
        }
        Bytes.put16(s, checksumAt, sum);
        return s;
    }

    private int networkEtherType() {
        if (etherType >= 0) {
            return etherType;
        }
        switch (network) {
            case IPV4: return EtherType.IPV4;
            case IPV6: return EtherType.IPV6;
            case ARP: return EtherType.ARP;
            default: return 0x88B5;
        }
    }

    private byte[] frame(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.length + 40);
        int type = networkEtherType();
        switch (linkType) {
            case LinkType.ETHERNET:
                out.writeBytes(destinationMac);
                out.writeBytes(sourceMac);
                break;
            case LinkType.LINUX_SLL: {
                byte[] h = new byte[14];
                Bytes.put16(h, 0, sllPacketType);
                Bytes.put16(h, 2, 1);
                Bytes.put16(h, 4, 6);
                System.arraycopy(sourceMac, 0, h, 6, 6);
                out.writeBytes(h);
                break;
            }
            case LinkType.LINUX_SLL2: {
                byte[] h = new byte[20];
                Bytes.put16(h, 0, tags.isEmpty() ? type : tags.get(0)[0]);
                Bytes.put32(h, 4, 2);
                Bytes.put16(h, 8, 1);
                h[10] = (byte) sllPacketType;
                h[11] = 6;
                System.arraycopy(sourceMac, 0, h, 12, 6);
                out.writeBytes(h);
                writeTags(out, type, true);
                out.writeBytes(packet);
                return out.toByteArray();
            }
            case LinkType.C_HDLC:
                out.writeBytes(new byte[] {0x0f, 0, (byte) (type >>> 8), (byte) type});
                out.writeBytes(packet);
                return out.toByteArray();
            case LinkType.PPP: {
                int protocol = network == Network.IPV4 ? 0x0021 : network == Network.IPV6 ? 0x0057 : 0xc021;
                out.writeBytes(new byte[] {(byte) 0xff, 0x03, (byte) (protocol >>> 8), (byte) protocol});
                out.writeBytes(packet);
                return out.toByteArray();
            }
            default:
                out.writeBytes(packet);
                return out.toByteArray();
        }
        writeTags(out, type, false);
        out.writeBytes(packet);
        if (pad && linkType == LinkType.ETHERNET) {
            while (out.size() < 60) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    /** Writes TPID/TCI pairs and the final type; SLL2 has already written the first TPID in its header. */
    private void writeTags(ByteArrayOutputStream out, int type, boolean firstTpidWritten) {
        byte[] two = new byte[2];
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0 || !firstTpidWritten) {
                Bytes.put16(two, 0, tags.get(i)[0]);
                out.writeBytes(two);
            }
            Bytes.put16(two, 0, tags.get(i)[1]);
            out.writeBytes(two);
            if (i + 1 == tags.size()) {
                Bytes.put16(two, 0, type);
                out.writeBytes(two);
            }
        }
        if (tags.isEmpty() && !firstTpidWritten) {
            Bytes.put16(two, 0, type);
            out.writeBytes(two);
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (or with dashes). */
    public static byte[] mac(String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        byte[] m = new byte[6];
        for (int i = 0; i < 6; i++) {
            m[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return m;
    }

    private static byte[] ipv6Address(String text) {
        if (!text.contains(":")) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text, e);
        }
    }
}
