package dev.perimeter.io.file;

import dev.perimeter.acl.TcpFlags;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.LinkType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample traffic the project ships in {@code pcaps/}: the seed filter verification as captured on the
 * outside link of the perimeter router (whose eth2/0 faces the inside network), the same traffic split by
 * direction over two named interfaces, and a large random mix for benchmarks.
 */
public final class SampleCaptures {
    /** Outside interface (toward 172.16.11.0/24) and inside interface (toward 172.16.27.0/24). */
    public static final String OUTSIDE = "eth1/0";
    public static final String INSIDE = "eth2/0";

    static final String CLIENT = "172.16.11.5";
    static final String GATEWAY = "172.16.11.1";
    static final String MAIL = "172.16.27.66";
    static final String SERVER = "172.16.27.70";
    static final String CLIENT_MAC = "00:50:56:11:00:05";
    static final String ROUTER_MAC = "00:1b:54:c2:10:01";

    /** Capture start: the morning of the design brief's example log line. */
    public static final long START_NANOS = Instant.parse("2026-02-24T03:26:20Z").getEpochSecond() * 1_000_000_000L;

    /** One frame of a sample: when, on which side it entered (0 = outside, 1 = inside), and its bytes. */
    public record SampleFrame(long timestampNanos, int interfaceIndex, byte[] data) {
    }

    private SampleCaptures() {
    }

    /** The seed verification traffic in time order. */
    public static List<SampleFrame> seedTraffic() {
        Script s = new Script();
        s.at(0.000).outside(FrameBuilder.arpRequest(CLIENT_MAC, CLIENT, GATEWAY));
        s.at(0.0004).inside(FrameBuilder.arpReply(ROUTER_MAC, GATEWAY, CLIENT_MAC, CLIENT));
        s.at(0.512).outside(fromClient().ipv4(CLIENT, SERVER).id(0x4a01).icmpEcho(true, 0x1d2c, 1)
                .payload(pattern(56)).build());
        s.at(0.513).inside(toClient().ipv4(SERVER, CLIENT).ttl(63).id(0x7b10).icmpEcho(false, 0x1d2c, 1)
                .payload(pattern(56)).build());

        // telnet to 172.16.27.70 143, 25, 109 and 110: SYNs the filter must stop, with the client's retries
        s.at(3.100).outside(syn(41234, SERVER, 143, 1_000_001));
        s.at(4.104).outside(syn(41234, SERVER, 143, 1_000_001));
        s.at(6.112).outside(syn(41234, SERVER, 143, 1_000_001));
        s.at(9.220).outside(syn(41235, SERVER, 25, 2_000_001));
        s.at(10.224).outside(syn(41235, SERVER, 25, 2_000_001));
        s.at(14.301).outside(syn(41236, SERVER, 109, 3_000_001));
        s.at(17.415).outside(syn(41237, SERVER, 110, 4_000_001));

        // mail to the mail server: a whole SMTP session, which the first entry permits
        Conversation mail = new Conversation(s, 41240, MAIL, 25, 5_000_000L, 90_000_000L);
        s.at(21.000);
        mail.handshake();
        mail.server("220 mail.example.com ESMTP ready\r\n");
        mail.client("EHLO outside.example.net\r\n");
        mail.server("250-mail.example.com\r\n250 SIZE 10240000\r\n");
        mail.client("MAIL FROM:<alice@example.net>\r\n");
        mail.server("250 2.1.0 Ok\r\n");
        mail.client("RCPT TO:<bob@example.com>\r\n");
        mail.server("250 2.1.5 Ok\r\n");
        mail.client("DATA\r\n");
        mail.server("354 End data with <CR><LF>.<CR><LF>\r\n");
        mail.client("Subject: filter verification\r\n\r\nThe packet filter lets mail through.\r\n.\r\n");
        mail.server("250 2.0.0 Ok: queued\r\n");
        mail.client("QUIT\r\n");
        mail.server("221 2.0.0 Bye\r\n");
        mail.close();

        // web traffic to 172.16.27.70 that must pass
        Conversation web = new Conversation(s, 41250, SERVER, 80, 6_000_000L, 70_000_000L);
        s.at(30.000);
        web.handshake();
        web.client("GET / HTTP/1.1\r\nHost: 172.16.27.70\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n");
        web.server("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 44\r\n\r\n"
                + "<html><body>inside web server</body></html>");
        web.close();

        // a UDP datagram too large for the link, fragmented: first fragment with ports, then the rest
        for (byte[] fragment : fromClient().ipv4(CLIENT, SERVER).id(0x5d21).udp(41260, 5004)
                .payload(pattern(3200)).fragments(1480)) {
            s.at(s.time + 0.0002).outside(fragment);
        }

        // the same client tries again more than five minutes later: the log's 5-minute updates show the counts
        s.at(340.118).outside(syn(41234, SERVER, 143, 1_000_001));
        s.at(341.120).outside(syn(41235, SERVER, 25, 2_000_001));
        s.at(402.507).outside(syn(41237, SERVER, 110, 4_000_001));
        s.at(655.030).outside(syn(41234, SERVER, 143, 1_000_001));
        return s.frames;
    }

    /**
     * {@code pcaps/seed-verification.pcap}: the seed traffic on one Ethernet link, microsecond pcap. The samples
     * are written little-endian whatever the machine, so that the shipped files can be compared byte for byte.
     */
    public static int writeSeedVerification(Path path) throws IOException {
        List<SampleFrame> frames = seedTraffic();
        try (CaptureWriter w = CaptureFiles.openWriter(path, CaptureFormat.PCAP,
                List.of(new CaptureInterface(null, LinkType.ETHERNET, 262144)), ByteOrder.LITTLE_ENDIAN)) {
            for (SampleFrame f : frames) {
                w.write(f.data, 0, f.data.length, f.data.length, f.timestampNanos, 0);
            }
        }
        return frames.size();
    }

    /** The seed traffic over two named interfaces in pcapng: what entered on eth1/0 and what entered on eth2/0. */
    public static int writeSeedTwoSided(Path path) throws IOException {
        List<SampleFrame> frames = seedTraffic();
        List<CaptureInterface> sides = List.of(new CaptureInterface(OUTSIDE, LinkType.ETHERNET, 262144),
                new CaptureInterface(INSIDE, LinkType.ETHERNET, 262144));
        try (CaptureWriter w = CaptureFiles.openWriter(path, CaptureFormat.PCAPNG, sides, ByteOrder.LITTLE_ENDIAN)) {
            for (SampleFrame f : frames) {
                w.write(f.data, 0, f.data.length, f.data.length, f.timestampNanos, f.interfaceIndex);
            }
        }
        return frames.size();
    }

    private static FrameBuilder fromClient() {
        return FrameBuilder.ethernet().macs(CLIENT_MAC, ROUTER_MAC);
    }

    private static FrameBuilder toClient() {
        return FrameBuilder.ethernet().macs(ROUTER_MAC, CLIENT_MAC);
    }

    private static byte[] syn(int sourcePort, String server, int port, long seq) {
        return fromClient().ipv4(CLIENT, server).id(sourcePort * 7 & 0xffff).dontFragment()
                .tcp(sourcePort, port).flags(TcpFlags.SYN).seq(seq).window(64240).padded().build();
    }

    static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** Frames in time order; {@link #time} is seconds since {@link #START_NANOS}. */
    private static final class Script {
        final List<SampleFrame> frames = new ArrayList<>();
        double time;

        Script at(double seconds) {
            time = seconds;
            return this;
        }

        void outside(byte[] frame) {
            add(frame, 0);
        }

        void inside(byte[] frame) {
            add(frame, 1);
        }

        private void add(byte[] frame, int side) {
            frames.add(new SampleFrame(START_NANOS + Math.round(time * 1e6) * 1000L, side, frame));
        }
    }

    /** One TCP connection from the client, with sequence numbers that add up, a few milliseconds per step. */
    private static final class Conversation {
        private final Script script;
        private final int clientPort;
        private final String server;
        private final int serverPort;
        private long clientSeq;
        private long serverSeq;
        private int clientId = 0x2000;
        private int serverId = 0x6000;

        Conversation(Script script, int clientPort, String server, int serverPort, long clientSeq, long serverSeq) {
            this.script = script;
            this.clientPort = clientPort;
            this.server = server;
            this.serverPort = serverPort;
            this.clientSeq = clientSeq;
            this.serverSeq = serverSeq;
        }

        private FrameBuilder fromClient(int flags) {
            return SampleCaptures.fromClient().ipv4(CLIENT, server).id(clientId++).dontFragment()
                    .tcp(clientPort, serverPort).flags(flags).seq(clientSeq).ack(serverSeq).window(64240);
        }

        private FrameBuilder fromServer(int flags) {
            return toClient().ipv4(server, CLIENT).ttl(63).id(serverId++).dontFragment()
                    .tcp(serverPort, clientPort).flags(flags).seq(serverSeq).ack(clientSeq).window(65160);
        }

        private void step(double seconds) {
            script.at(script.time + seconds);
        }

        void handshake() {
            script.outside(fromClient(TcpFlags.SYN).ack(0).padded().build());
            clientSeq++;
            step(0.0011);
            script.inside(fromServer(TcpFlags.SYN | TcpFlags.ACK).padded().build());
            serverSeq++;
            step(0.0002);
            script.outside(fromClient(TcpFlags.ACK).padded().build());
        }

        void client(String text) {
            step(0.0150);
            script.outside(fromClient(TcpFlags.PSH | TcpFlags.ACK).payload(text).padded().build());
            clientSeq += text.length();
            step(0.0009);
            script.inside(fromServer(TcpFlags.ACK).padded().build());
        }

        void server(String text) {
            step(0.0120);
            script.inside(fromServer(TcpFlags.PSH | TcpFlags.ACK).payload(text).padded().build());
            serverSeq += text.length();
            step(0.0004);
            script.outside(fromClient(TcpFlags.ACK).padded().build());
        }

        /** The server closes first (as after QUIT or an HTTP response), the client answers. */
        void close() {
            step(0.0010);
            script.inside(fromServer(TcpFlags.FIN | TcpFlags.ACK).padded().build());
            serverSeq++;
            step(0.0003);
            script.outside(fromClient(TcpFlags.FIN | TcpFlags.ACK).padded().build());
            clientSeq++;
            step(0.0008);
            script.inside(fromServer(TcpFlags.ACK).padded().build());
        }
    }
}
