package dev.perimeter.io.file;

import dev.perimeter.acl.Protocols;
import dev.perimeter.acl.TcpFlags;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A large, reproducible mix of traffic on the outside link for replay benchmarks: mostly TCP toward the inside
 * network (web, mail, IMAP, POP, ssh, random ports; handshakes and data), UDP, ICMP, non-initial fragments, ARP,
 * IPv6, GRE/ESP and some VLAN-tagged frames, from clients inside and outside 172.16.11.0/24. Frames from the
 * inside network (172.16.27.0/24) are answers; in pcapng they enter on {@code eth2/0}, the rest on {@code eth1/0}.
 */
public final class FloodTraffic {
    private static final int[] TCP_PORTS = {80, 80, 80, 80, 80, 443, 443, 443, 443, 443, 25, 25, 143, 110, 109, 22};
    private static final int[] UDP_PORTS = {53, 53, 123, 161, 514, 5004};
    private static final int INSIDE_NET = 0xac101b00; // 172.16.27.0/24
    private static final int OUTSIDE_NET = 0xac100b00; // 172.16.11.0/24

    private final SplittableRandom random;
    private final byte[] zeros = new byte[1400];

    public FloodTraffic(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code count} frames; returns the bytes of frame data written. */
    public static long write(Path path, CaptureFormat format, long count, long seed) throws IOException {
        List<CaptureInterface> sides = format == CaptureFormat.PCAPNG
                ? List.of(new CaptureInterface(SampleCaptures.OUTSIDE, LinkType.ETHERNET, 262144),
                        new CaptureInterface(SampleCaptures.INSIDE, LinkType.ETHERNET, 262144))
                : List.of(new CaptureInterface(null, LinkType.ETHERNET, 262144));
        FloodTraffic traffic = new FloodTraffic(seed);
        long time = SampleCaptures.START_NANOS;
        long bytes = 0;
        try (CaptureWriter w = CaptureFiles.openWriter(path, format, sides)) {
            for (long i = 0; i < count; i++) {
                boolean[] inside = new boolean[1];
                byte[] frame = traffic.next(inside);
                time += 1000 + traffic.random.nextInt(19_000);
                int side = format == CaptureFormat.PCAPNG && inside[0] ? 1 : 0;
                w.write(frame, 0, frame.length, frame.length, time, side);
                bytes += frame.length;
            }
        }
        return bytes;
    }

    /** The next frame; {@code fromInside[0]} tells whether it comes from the inside network. */
    public byte[] next(boolean[] fromInside) {
        int kind = random.nextInt(100);
        fromInside[0] = false;
        if (kind < 3) {
            int host = OUTSIDE_NET | (1 + random.nextInt(254));
            return FrameBuilder.arpRequest(mac(host), ipv4(host), ipv4(OUTSIDE_NET | 1));
        }
        if (kind < 6) {
            return FrameBuilder.ethernet().macs(mac(random.nextInt()), "33:33:00:00:00:01")
                    .ipv6("2001:db8:11::" + Integer.toHexString(1 + random.nextInt(0xfffe)), "ff02::1")
                    .icmp(135, 0).payload(new byte[24]).build();
        }
        boolean answer = random.nextInt(100) < 30;
        int client = clientAddress();
        int server = serverAddress();
        int source = answer ? server : client;
        int destination = answer ? client : server;
        fromInside[0] = answer && (server & 0xffffff00) == INSIDE_NET;
        FrameBuilder b = FrameBuilder.ethernet().macs(mac(source), mac(destination))
                .ipv4(source, destination).ttl(answer ? 63 : 40 + random.nextInt(88)).id(random.nextInt(65536));
        if (random.nextInt(100) < 2) {
            b.vlan(1 + random.nextInt(4094));
        }
        int clientPort = 1024 + random.nextInt(64512);
        if (kind < 76) {
            int port = random.nextInt(100) < 75 ? TCP_PORTS[random.nextInt(TCP_PORTS.length)]
                    : 1 + random.nextInt(65535);
            int flags = tcpFlags();
            b.tcp(answer ? port : clientPort, answer ? clientPort : port).flags(flags)
                    .seq(random.nextInt() & 0xffffffffL).ack((flags & TcpFlags.ACK) != 0 ? random.nextInt() : 0);
            if ((flags & TcpFlags.SYN) == 0) {
                b.payload(payload());
            }
        } else if (kind < 90) {
            int port = random.nextInt(100) < 70 ? UDP_PORTS[random.nextInt(UDP_PORTS.length)]
                    : 1 + random.nextInt(65535);
            b.udp(answer ? port : clientPort, answer ? clientPort : port).payload(payload());
        } else if (kind < 95) {
            int type = random.nextInt(10) < 8 ? (answer ? 0 : 8) : 3;
            b.icmp(type, type == 3 ? random.nextInt(16) : 0).payload(new byte[type == 3 ? 28 : 56]);
        } else if (kind < 98) {
            b.protocol(Protocols.UDP).fragmentOffset(185 * (1 + random.nextInt(3)))
                    .moreFragments(random.nextBoolean()).payload(payload());
        } else {
            b.protocol(random.nextBoolean() ? Protocols.GRE : Protocols.ESP).payload(new byte[40 + random.nextInt(200)]);
        }
        return b.padded().build();
    }

    private int clientAddress() {
        int r = random.nextInt(100);
        if (r < 40) {
            return OUTSIDE_NET | (1 + random.nextInt(254));
        }
        if (r < 70) {
            return 0x0a000000 | random.nextInt(1 << 24);
        }
        return random.nextInt();
    }

    private int serverAddress() {
        int r = random.nextInt(100);
        if (r < 25) {
            return INSIDE_NET | 70;
        }
        if (r < 40) {
            return INSIDE_NET | 66;
        }
        if (r < 85) {
            return INSIDE_NET | (1 + random.nextInt(254));
        }
        return random.nextInt();
    }

    private int tcpFlags() {
        int r = random.nextInt(100);
        if (r < 10) {
            return TcpFlags.SYN;
        }
        if (r < 14) {
            return TcpFlags.SYN | TcpFlags.ACK;
        }
        if (r < 17) {
            return TcpFlags.FIN | TcpFlags.ACK;
        }
        if (r < 19) {
            return TcpFlags.RST;
        }
        return r < 60 ? TcpFlags.ACK : TcpFlags.PSH | TcpFlags.ACK;
    }

    private byte[] payload() {
        int r = random.nextInt(100);
        int length = r < 55 ? 0 : r < 85 ? 1 + random.nextInt(600) : 1000 + random.nextInt(401);
        return length == 0 ? new byte[0] : java.util.Arrays.copyOf(zeros, length);
    }

    private static String ipv4(int address) {
        return dev.perimeter.acl.Ipv4.format(address);
    }

    private static String mac(int seed) {
        return String.format("02:00:%02x:%02x:%02x:%02x", seed >>> 24, seed >>> 16 & 0xff, seed >>> 8 & 0xff,
                seed & 0xff);
    }
}
