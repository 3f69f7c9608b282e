package dev.perimeter.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.IpOptionNames;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.match.PacketKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final FrameDecoder decoder = new FrameDecoder();
    private final PacketKey key = new PacketKey();

    private DecodeStatus decode(FrameBuilder b) {
        byte[] f = b.build();
        return decoder.decode(f, 0, f.length, b.linkType(), key);
    }

    @Test
    void ethernetTcpSynFillsEveryField() {
        DecodeStatus s = decode(FrameBuilder.tcp("172.16.11.5", 41234, "172.16.27.70", 143, TcpFlags.SYN)
                .ttl(61).tos(0xb8));
        assertEquals(DecodeStatus.IPV4, s);
        assertEquals(Ipv4.parse("172.16.11.5"), key.source);
        assertEquals(Ipv4.parse("172.16.27.70"), key.destination);
        assertEquals(6, key.protocol);
        assertEquals(41234, key.sourcePort);
        assertEquals(143, key.destinationPort);
        assertEquals(TcpFlags.SYN, key.tcpFlags);
        assertEquals(61, key.ttl);
        assertEquals(0xb8, key.tos);
        assertEquals(46, key.dscp());
        assertEquals(0, key.fragmentOffset);
        assertEquals(0x0800, decoder.etherType());
        assertEquals(0, decoder.destinationMacOffset());
        assertEquals(6, decoder.sourceMacOffset());
        assertEquals(14, decoder.ipOffset());
        assertEquals(20, decoder.ipHeaderLength());
        assertEquals(34, decoder.l4Offset());
        assertEquals(-1, decoder.vlanId());
        assertTrue(decoder.ipv4ChecksumValid());
    }

    @Test
    void offsetsAreIndicesIntoTheArray() {
        byte[] f = FrameBuilder.udp("10.0.0.1", 5000, "10.0.0.2", 53).build();
        byte[] shifted = new byte[f.length + 100];
        System.arraycopy(f, 0, shifted, 37, f.length);
        assertEquals(DecodeStatus.IPV4, decoder.decode(shifted, 37, f.length, LinkType.ETHERNET, key));
        assertEquals(37 + 14, decoder.ipOffset());
        assertEquals(37 + 6, decoder.sourceMacOffset());
        assertEquals(53, key.destinationPort);
        assertEquals(17, key.protocol);
    }

    @Test
    void udpIcmpIgmpAndOtherProtocols() {
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.udp("10.0.0.1", 1234, "10.0.0.2", 514)));
        assertEquals(1234, key.sourcePort);
        assertEquals(514, key.destinationPort);
        assertEquals(0, key.tcpFlags);

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.icmp("10.0.0.1", "10.0.0.2", 3, 13)));
        assertEquals(1, key.protocol);
        assertEquals(3, key.icmpType);
        assertEquals(13, key.icmpCode);
        assertEquals(0, key.sourcePort);

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.ethernet().ipv4("10.0.0.1", "224.0.0.1")
                .igmp(0x16, "239.1.1.1")));
        assertEquals(2, key.protocol);
        assertEquals(0x16, key.icmpType);

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2")
                .protocol(47).payload(new byte[4])));
        assertEquals(47, key.protocol);
        assertEquals(0, key.sourcePort);
        assertEquals(0, key.icmpType);
    }

    @Test
    void vlanAndQinqTagsAreSkipped() {
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.tcp("1.2.3.4", 1, "5.6.7.8", 80, TcpFlags.ACK)
                .vlan(10)));
        assertEquals(10, decoder.vlanId());
        assertEquals(-1, decoder.innerVlanId());
        assertEquals(18, decoder.ipOffset());
        assertEquals(80, key.destinationPort);

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.tcp("1.2.3.4", 1, "5.6.7.8", 80, TcpFlags.ACK)
                .qinq(100, 20)));
        assertEquals(100, decoder.vlanId());
        assertEquals(20, decoder.innerVlanId());
        assertEquals(2, decoder.vlanTagCount());
        assertEquals(22, decoder.ipOffset());
        assertEquals(0x0800, decoder.etherType());

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.udp("1.2.3.4", 1, "5.6.7.8", 9)
                .tag(EtherType.QINQ_OLD, 7, 3).vlan(8).vlan(9)));
        assertEquals(7, decoder.vlanId());
        assertEquals(3, decoder.vlanTagCount());
        assertEquals(26, decoder.ipOffset());

        assertEquals(DecodeStatus.NON_IPV4, decode(FrameBuilder.ethernet().vlan(5)
                .ipv6("2001:db8::1", "2001:db8::2").udp(1, 2)));
        assertEquals(EtherType.IPV6, decoder.etherType());
        assertEquals(5, decoder.vlanId());
    }

    @Test
    void linuxCookedV1AndV2() {
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.sll().macs("02:aa:bb:cc:dd:ee", "02:00:00:00:00:02")
                .ipv4("10.1.1.1", "10.2.2.2").tcp(1000, 25).flags(TcpFlags.SYN)));
        assertEquals(16, decoder.ipOffset());
        assertEquals(6, decoder.sourceMacOffset());
        assertEquals(-1, decoder.destinationMacOffset());
        assertEquals(25, key.destinationPort);

        byte[] f = FrameBuilder.sll2().macs("02:aa:bb:cc:dd:ee", "02:00:00:00:00:02")
                .ipv4("10.1.1.1", "10.2.2.2").udp(1000, 53).build();
        assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, LinkType.LINUX_SLL2, key));
        assertEquals(20, decoder.ipOffset());
        assertEquals(12, decoder.sourceMacOffset());
        assertEquals((byte) 0xaa, f[decoder.sourceMacOffset() + 1]);
        assertEquals(53, key.destinationPort);

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.sll2().vlan(42).ipv4("10.1.1.1", "10.2.2.2")
                .udp(1, 2)));
        assertEquals(42, decoder.vlanId());
        assertEquals(24, decoder.ipOffset());

        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.sll().qinq(3, 4).ipv4("10.1.1.1", "10.2.2.2")
                .udp(1, 2)));
        assertEquals(3, decoder.vlanId());
        assertEquals(4, decoder.innerVlanId());
        assertEquals(24, decoder.ipOffset());
        assertEquals(2, key.destinationPort);

        assertEquals(DecodeStatus.NON_IPV4, decode(FrameBuilder.sll().ipv6("::1", "::2").udp(1, 2)));
        assertEquals(EtherType.IPV6, decoder.etherType());
    }

    @Test
    void rawIpLinkTypes() {
        byte[] p = FrameBuilder.rawIp().ipv4("192.0.2.1", "198.51.100.7").udp(67, 68).build();
        for (int link : new int[] {LinkType.RAW, LinkType.DLT_RAW, LinkType.DLT_RAW_OPENBSD, LinkType.IPV4}) {
            assertEquals(DecodeStatus.IPV4, decoder.decode(p, 0, p.length, link, key), "link " + link);
            assertEquals(0, decoder.ipOffset());
            assertEquals(-1, decoder.sourceMacOffset());
            assertEquals(68, key.destinationPort);
            assertEquals(0x0800, decoder.etherType());
        }
        byte[] six = FrameBuilder.rawIp().ipv6("2001:db8::1", "2001:db8::2").udp(1, 2).build();
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(six, 0, six.length, LinkType.RAW, key));
        assertEquals(EtherType.IPV6, decoder.etherType());
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(six, 0, six.length, LinkType.IPV4, key));
        six[0] = 0x50;
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(six, 0, six.length, LinkType.RAW, key));
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(six, 0, 0, LinkType.RAW, key));
    }

    /**
     * The decoder and {@link LinkType#isDecoded} name the same link types: a TCP/IPv4 packet behind each decoded
     * link type's header is found, and with every other link type no byte is read at all.
     */
    @Test
    void decodedLinkTypesAgreeWithIsDecoded() {
        byte[] ip = FrameBuilder.rawIp().ipv4("192.0.2.1", "198.51.100.7").tcp(1024, 80).build();
        for (int link = 0; link < 300; link++) {
            if (LinkType.isDecoded(link)) {
                byte[] f = switch (link) {
                    case LinkType.ETHERNET -> FrameBuilder.ethernet().ipv4("192.0.2.1", "198.51.100.7").tcp(1024, 80)
                            .build();
                    case LinkType.LINUX_SLL -> FrameBuilder.sll().ipv4("192.0.2.1", "198.51.100.7").tcp(1024, 80)
                            .build();
                    case LinkType.LINUX_SLL2 -> FrameBuilder.sll2().ipv4("192.0.2.1", "198.51.100.7").tcp(1024, 80)
                            .build();
                    case LinkType.NULL, LinkType.LOOP -> withPrefix(new byte[] {0, 0, 0, 2}, ip);
                    case LinkType.C_HDLC -> FrameBuilder.ciscoHdlc().ipv4("192.0.2.1", "198.51.100.7").tcp(1024, 80)
                            .build();
                    case LinkType.PPP, LinkType.PPP_HDLC -> FrameBuilder.ppp().ipv4("192.0.2.1", "198.51.100.7")
                            .tcp(1024, 80).build();
                    default -> ip;
                };
                if (link == LinkType.IPV6) {
                    continue; // IPv6 only: no IPv4 packet can be found there (ipv6OnlyLinkType)
                }
                assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, link, key), "link type " + link);
                assertEquals(80, key.destinationPort, "link type " + link);
            } else {
                byte[] anything = withPrefix(new byte[64], ip);
                assertEquals(DecodeStatus.UNDECODED_LINK_TYPE,
                        decoder.decode(anything, 0, anything.length, link, key), "link type " + link);
                assertEquals(-1, decoder.etherType(), "link type " + link);
                assertEquals(-1, decoder.ipOffset(), "link type " + link);
            }
        }
    }

    private static byte[] withPrefix(byte[] prefix, byte[] packet) {
        byte[] f = new byte[prefix.length + packet.length];
        System.arraycopy(prefix, 0, f, 0, prefix.length);
        System.arraycopy(packet, 0, f, prefix.length, packet.length);
        return f;
    }

    /** macOS and BSD loopback captures: AF_INET in the capturing host's byte order (NULL) or big-endian (LOOP). */
    @Test
    void bsdLoopbackInEitherByteOrder() {
        byte[] ip = FrameBuilder.rawIp().ipv4("127.0.0.1", "127.0.0.1").tcp(50000, 25).build();
        byte[] six = FrameBuilder.rawIp().ipv6("::1", "::1").udp(1, 2).build();
        byte[][] families = {{2, 0, 0, 0}, {0, 0, 0, 2}, {30, 0, 0, 0}, {0, 0, 0, 24}, {0, 0, 0, 28}, {7, 0, 0, 0}};
        for (int link : new int[] {LinkType.NULL, LinkType.LOOP}) {
            for (byte[] family : families) {
                byte[] packet = family[0] + family[3] == 2 ? ip : six;
                byte[] f = new byte[4 + packet.length];
                System.arraycopy(family, 0, f, 0, 4);
                System.arraycopy(packet, 0, f, 4, packet.length);
                DecodeStatus s = decoder.decode(f, 0, f.length, link, key);
                String what = "link " + link + " family " + java.util.Arrays.toString(family);
                boolean inet = family[3] == 2 || link == LinkType.NULL && family[0] == 2;
                if (inet) {
                    assertEquals(DecodeStatus.IPV4, s, what);
                    assertEquals(4, decoder.ipOffset());
                    assertEquals(25, key.destinationPort);
                    assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, 3, link, key), what);
                    assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, 23, link, key), what);
                } else {
                    assertEquals(DecodeStatus.NON_IPV4, s, what);
                    boolean inet6 = family[3] == 24 || family[3] == 28 || link == LinkType.NULL && family[0] == 30;
                    assertEquals(inet6 ? EtherType.IPV6 : -1, decoder.etherType(), what);
                }
            }
        }
    }

    @Test
    void nonIpv4FramesReportTheirEtherType() {
        byte[] arp = FrameBuilder.arpRequest("02:00:00:00:00:09", "10.0.0.9", "10.0.0.1");
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(arp, 0, arp.length, LinkType.ETHERNET, key));
        assertEquals(EtherType.ARP, decoder.etherType());
        assertEquals(-1, decoder.ipOffset());
        assertEquals(0, key.source);

        byte[] llc = FrameBuilder.ethernet().etherType(38).payload(new byte[38]).build();
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(llc, 0, llc.length, LinkType.ETHERNET, key));
        assertEquals(38, decoder.etherType());
        assertEquals("802.3", EtherType.name(decoder.etherType()));

        // a loopback frame of an address family that is neither IPv4 nor IPv6 (AF_APPLETALK 16) has no ethertype
        byte[] talk = withPrefix(new byte[] {0, 0, 0, 16}, new byte[40]);
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(talk, 0, talk.length, LinkType.LOOP, key));
        assertEquals(-1, decoder.etherType());
        assertEquals("none", EtherType.name(decoder.etherType()));
    }

    @Test
    void ipOptionsMoveTheL4Header() {
        // record route with room for two addresses, then a NOP and end-of-options padding
        byte[] options = {7, 11, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        DecodeStatus s = decode(FrameBuilder.tcp("10.0.0.1", 3333, "10.0.0.2", 22, TcpFlags.SYN)
                .ipOptions(options));
        assertEquals(DecodeStatus.IPV4, s);
        assertEquals(32, decoder.ipHeaderLength());
        assertEquals(14 + 32, decoder.l4Offset());
        assertEquals(3333, key.sourcePort);
        assertEquals(22, key.destinationPort);
        assertTrue(decoder.ipv4ChecksumValid());

        byte[] longest = new byte[40];
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.udp("10.0.0.1", 7, "10.0.0.2", 8)
                .ipOptions(longest)));
        assertEquals(60, decoder.ipHeaderLength());
        assertEquals(8, key.destinationPort);
    }

    @Test
    void ipOptionTypesAreRecordedForOptionEntries() {
        // timestamp (length 12), a NOP, router alert (length 4), end of list, then bytes that are not options
        byte[] options = {68, 12, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (byte) 148, 4, 0, 0, 0, 0, 7};
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.udp("10.0.0.1", 7, "10.0.0.2", 8).ipOptions(options)));
        assertTrue(key.hasIpOptions);
        for (int type : new int[] {68, 1, 148, 0}) {
            assertTrue(key.hasIpOption(type), "option " + type);
        }
        assertFalse(key.hasIpOption(7), "read past the end of the list");
        assertFalse(key.hasIpOption(12));
        assertTrue(key.hasIpOption(IpOptionNames.ANY_OPTIONS));

        // a length below 2 cannot be walked past: the walk stops with what it has read
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.udp("10.0.0.1", 7, "10.0.0.2", 8)
                .ipOptions((byte) 131, (byte) 0, (byte) 7, (byte) 3)));
        assertTrue(key.hasIpOption(131));
        assertFalse(key.hasIpOption(7));

        // the next frame, without options, leaves none behind in the reused key
        assertEquals(DecodeStatus.IPV4, decode(FrameBuilder.udp("10.0.0.1", 7, "10.0.0.2", 8)));
        assertFalse(key.hasIpOptions);
        assertFalse(key.hasIpOption(131));
        assertFalse(key.hasIpOption(IpOptionNames.ANY_OPTIONS));
    }

    @Test
    void fragmentsCarryPortsOnlyInTheFirst() {
        List<byte[]> parts = FrameBuilder.udp("172.16.11.5", 41260, "172.16.27.70", 5004).id(4242)
                .payload(new byte[3000]).fragments(1480);
        assertEquals(3, parts.size());
        byte[] first = parts.get(0);
        assertEquals(DecodeStatus.IPV4, decoder.decode(first, 0, first.length, LinkType.ETHERNET, key));
        assertTrue(decoder.moreFragments());
        assertEquals(0, key.fragmentOffset);
        assertEquals(5004, key.destinationPort);
        byte[] second = parts.get(1);
        assertEquals(DecodeStatus.IPV4, decoder.decode(second, 0, second.length, LinkType.ETHERNET, key));
        assertEquals(185, key.fragmentOffset);
        assertTrue(key.isNonInitialFragment());
        assertEquals(0, key.sourcePort);
        assertEquals(0, key.destinationPort);
        assertEquals(17, key.protocol);
        byte[] last = parts.get(2);
        assertEquals(DecodeStatus.IPV4, decoder.decode(last, 0, last.length, LinkType.ETHERNET, key));
        assertFalse(decoder.moreFragments());
        assertEquals(370, key.fragmentOffset);
        assertEquals(3008 - 2 * 1480 + 20, decoder.ipTotalLength());
    }

    @Test
    void ciscoHdlcFramesAreDecodedByTheirEthertype() {
        byte[] f = FrameBuilder.ciscoHdlc().ipv4("10.1.1.1", "10.2.2.2").tcp(1024, 25).build();
        assertEquals(0x0f, f[0]);
        assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, LinkType.C_HDLC, key));
        assertEquals(Ipv4.parse("10.2.2.2"), key.destination);
        assertEquals(25, key.destinationPort);
        assertEquals(4, decoder.ipOffset());
        assertEquals(-1, decoder.sourceMacOffset());
        // a SLARP keepalive is not IPv4: counted by its ethertype
        byte[] slarp = {(byte) 0x8f, 0, (byte) 0x80, 0x35, 0, 0, 0, 2};
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(slarp, 0, slarp.length, LinkType.C_HDLC, key));
        assertEquals(0x8035, decoder.etherType());
        // libpcap files Cisco HDLC under the PPP-in-HDLC link type too: the address octet tells them apart
        f[0] = (byte) 0x8f;
        assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, LinkType.PPP_HDLC, key));
        assertEquals(25, key.destinationPort);
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, 3, LinkType.C_HDLC, key));
    }

    @Test
    void pppFramesWithOrWithoutAddressAndControlAndWithACompressedProtocol() {
        byte[] ip = FrameBuilder.rawIp().ipv4("10.1.1.1", "10.2.2.2").udp(5000, 53).build();
        byte[][] framings = {{(byte) 0xff, 0x03, 0x00, 0x21}, {0x00, 0x21}, {0x21}, {(byte) 0xff, 0x03, 0x21}};
        for (byte[] framing : framings) {
            byte[] f = withPrefix(framing, ip);
            for (int link : new int[] {LinkType.PPP, LinkType.PPP_HDLC}) {
                assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, link, key), Arrays.toString(framing));
                assertEquals(53, key.destinationPort);
                assertEquals(framing.length, decoder.ipOffset());
                assertEquals(EtherType.IPV4, decoder.etherType());
            }
        }
        byte[] lcp = {(byte) 0xff, 0x03, (byte) 0xc0, 0x21, 1, 1, 0, 4};
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(lcp, 0, lcp.length, LinkType.PPP, key));
        assertEquals(-1, decoder.etherType(), "a control protocol has no ethertype");
        byte[] v6 = withPrefix(new byte[] {0x00, 0x57},
                FrameBuilder.rawIp().ipv6("2001:db8::1", "2001:db8::2").udp(1, 2).build());
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(v6, 0, v6.length, LinkType.PPP, key));
        assertEquals(EtherType.IPV6, decoder.etherType());
        // cut inside the framing, or an all-stations address without its control octet
        for (byte[] bad : new byte[][] {{}, {(byte) 0xff}, {(byte) 0xff, 0x03}, {(byte) 0xff, 0x03, 0x00},
                {(byte) 0xff, 0x21, 0x45}}) {
            assertEquals(DecodeStatus.MALFORMED, decoder.decode(bad, 0, bad.length, LinkType.PPP, key),
                    Arrays.toString(bad));
        }
    }

    @Test
    void ipv6OnlyLinkType() {
        byte[] v6 = FrameBuilder.rawIp().ipv6("2001:db8::1", "2001:db8::2").udp(1, 2).build();
        assertEquals(DecodeStatus.NON_IPV4, decoder.decode(v6, 0, v6.length, LinkType.IPV6, key));
        assertEquals(EtherType.IPV6, decoder.etherType());
        // an IPv4 header where the link type promises IPv6 is not judged as IPv4
        byte[] v4 = FrameBuilder.rawIp().ipv4("10.1.1.1", "10.2.2.2").udp(1, 2).build();
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(v4, 0, v4.length, LinkType.IPV6, key));
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(v4, 0, 0, LinkType.IPV6, key));
    }

    @Test
    void tinyInitialFragmentIsL4Truncated() {
        // an initial fragment carrying only 8 bytes of a TCP header: the classic tiny-fragment evasion
        byte[] whole = FrameBuilder.tcp("10.0.0.1", 1000, "10.0.0.2", 23, TcpFlags.SYN).build();
        List<byte[]> parts = FrameBuilder.tcp("10.0.0.1", 1000, "10.0.0.2", 23, TcpFlags.SYN).fragments(8);
        assertEquals(3, parts.size());
        byte[] first = parts.get(0);
        assertEquals(DecodeStatus.IPV4_L4_TRUNCATED,
                decoder.decode(first, 0, first.length, LinkType.ETHERNET, key));
        assertEquals(Ipv4.parse("10.0.0.2"), key.destination);
        assertEquals(6, key.protocol);
        assertEquals(0, key.destinationPort);
        assertEquals(whole.length, 14 + 40);
    }

    @Test
    void tcpDataOffsetBelowFiveIsL4Truncated() {
        byte[] f = FrameBuilder.tcp("10.0.0.1", 1000, "10.0.0.2", 23, TcpFlags.SYN).build();
        f[14 + 20 + 12] = 0x40;
        assertEquals(DecodeStatus.IPV4_L4_TRUNCATED, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
        assertEquals(0, key.destinationPort);
        assertEquals(6, key.protocol);
    }

    @Test
    void ipTotalLengthBoundsTheL4HeaderButPaddingDoesNot() {
        byte[] padded = FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).padded().build();
        assertEquals(60, padded.length);
        assertEquals(DecodeStatus.IPV4, decoder.decode(padded, 0, padded.length, LinkType.ETHERNET, key));
        // total length says 20 + 4: the UDP header is not inside the datagram even though bytes follow
        padded[14 + 3] = 24;
        assertEquals(DecodeStatus.IPV4_L4_TRUNCATED,
                decoder.decode(padded, 0, padded.length, LinkType.ETHERNET, key));
    }

    @Test
    void badIpv4HeadersAreMalformed() {
        byte[] good = FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).build();
        byte[] f = good.clone();
        f[14] = 0x65; // version 6 in an IPv4 ethertype
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
        assertEquals(0, key.source);
        assertEquals(-1, decoder.ipOffset());
        f = good.clone();
        f[14] = 0x44; // IHL 4
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
        f = good.clone();
        f[14] = 0x4f; // IHL 15 = 60 bytes, more than the frame holds
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
        f = good.clone();
        f[16] = 0;
        f[17] = 19; // total length shorter than the header
        assertEquals(DecodeStatus.MALFORMED, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
        f[17] = 20; // exactly the header: valid IPv4, but no room for the UDP header
        assertEquals(DecodeStatus.IPV4_L4_TRUNCATED, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
    }

    @Test
    void badChecksumIsReportedNotRejected() {
        byte[] f = FrameBuilder.udp("10.0.0.1", 1, "10.0.0.2", 2).build();
        f[14 + 10] ^= 1;
        assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, LinkType.ETHERNET, key));
        assertFalse(decoder.ipv4ChecksumValid());
    }

    @Test
    void everyTruncationOfEveryHeaderGivesAStatusNeverAnException() {
        FrameBuilder[] builders = {
            FrameBuilder.tcp("10.0.0.1", 1000, "10.0.0.2", 23, TcpFlags.SYN).qinq(3, 4),
            FrameBuilder.udp("10.0.0.1", 1000, "10.0.0.2", 53).ipOptions(new byte[] {1, 1, 1, 0}),
            FrameBuilder.icmp("10.0.0.1", "10.0.0.2", 8, 0),
            FrameBuilder.sll().ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2),
            FrameBuilder.sll2().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2),
            FrameBuilder.rawIp().ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2),
            FrameBuilder.ethernet().ipv4("10.0.0.1", "10.0.0.2").igmp(0x11, "0.0.0.0"),
            FrameBuilder.ciscoHdlc().ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2),
            FrameBuilder.ppp().ipv4("10.0.0.1", "10.0.0.2").udp(1, 2),
        };
        for (FrameBuilder b : builders) {
            byte[] f = b.build();
            assertEquals(DecodeStatus.IPV4, decoder.decode(f, 0, f.length, b.linkType(), key));
            int ip = decoder.ipOffset();
            int l4 = decoder.l4Offset();
            int l4Need = key.protocol == 6 ? 20 : 8;
            for (int cut = 0; cut < f.length; cut++) {
                DecodeStatus s = decoder.decode(f, 0, cut, b.linkType(), key);
                DecodeStatus expected = cut < l4 ? DecodeStatus.MALFORMED
                        : cut < l4 + l4Need ? DecodeStatus.IPV4_L4_TRUNCATED : DecodeStatus.IPV4;
                assertEquals(expected, s, "link " + b.linkType() + " cut at " + cut + " (ip at " + ip + ")");
                if (s == DecodeStatus.IPV4_L4_TRUNCATED) {
                    assertEquals(Ipv4.parse("10.0.0.2"), key.destination);
                    assertEquals(0, key.sourcePort);
                }
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random random = new java.util.Random(7);
        byte[] f = new byte[200];
        int[] links = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.IPV4,
            LinkType.C_HDLC, LinkType.PPP, LinkType.PPP_HDLC, LinkType.IPV6};
        int ipv4 = 0;
        for (int i = 0; i < 200_000; i++) {
            random.nextBytes(f);
            if (random.nextBoolean()) {
                f[12] = 8;
                f[13] = 0;
                f[14] = 0x45;
                f[16] = 0;
            }
            DecodeStatus s = decoder.decode(f, 0, random.nextInt(f.length + 1), links[i % links.length], key);
            if (s == DecodeStatus.IPV4) {
                ipv4++;
                assertTrue(decoder.ipOffset() >= 0);
            }
        }
        assertNotEquals(0, ipv4);
    }
}
