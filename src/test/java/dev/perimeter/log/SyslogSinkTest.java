package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.LogOption;
import dev.perimeter.config.LogSettings;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.perimeter.log.LogFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Syslog over UDP to a receiver bound on the loopback address. */
class SyslogSinkTest {

    private static String receive(DatagramSocket socket) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void logLinesArriveAsLocal7SyslogDatagrams() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            MemorySink console = new MemorySink();
            SyslogSink syslog = SyslogSink.forHosts(List.of("127.0.0.1:" + receiver.getLocalPort()));
            try (TeeSink tee = new TeeSink(console, syslog)) {
                AccessList list = extended("packet_filter", entry(20, Action.DENY, 6, LogOption.LOG, null));
                AccessLogger logger = new AccessLogger(LogSettings.DEFAULT, tee);
                long t0 = 1_700_000_000L * SECOND;
                logger.logMatch(list, 0, tcp("172.16.11.5", 41234, "172.16.27.70", 25), "eth2/0", null, -1, t0);
                logger.logMatch(list, 0, tcp("172.16.11.5", 41234, "172.16.27.70", 25), "eth2/0", null, -1,
                        t0 + SECOND);
                logger.finish(t0 + 2 * SECOND);
                assertEquals("<190>1: 00:00:00: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp "
                        + "172.16.11.5(41234) -> 172.16.27.70(25), 1 packet", receive(receiver));
                assertEquals("<190>2: 00:00:02: %SEC-6-IPACCESSLOGP: list packet_filter denied tcp "
                        + "172.16.11.5(41234) -> 172.16.27.70(25), 1 packet", receive(receiver));
                assertEquals(2, console.lines().size());
                assertEquals(2, syslog.sent());
                assertEquals(0, syslog.sendErrors());
            }
        }
    }

    @Test
    void severityComesFromTheMessage() {
        assertEquals(6, SyslogSink.severityOf("00:00:01: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet"));
        assertEquals(5, SyslogSink.severityOf("*Mar  1 00:00:01: %SYS-5-CONFIG_I: Configured from console"));
        assertEquals(6, SyslogSink.severityOf("no mnemonic here, 100% sure"));
    }

    @Test
    void hostsParseWithAndWithoutPort() {
        assertEquals(new InetSocketAddress("192.0.2.1", 514), SyslogSink.parseHost("192.0.2.1"));
        assertEquals(new InetSocketAddress("127.0.0.1", 5514), SyslogSink.parseHost("127.0.0.1:5514"));
        assertThrows(IllegalArgumentException.class, () -> SyslogSink.parseHost("192.0.2.1:x"));
        assertThrows(IllegalArgumentException.class, () -> SyslogSink.parseHost("192.0.2.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> SyslogSink.forHosts(List.of()));
    }

    @Test
    void longLinesAreCutToTheSyslogLimit() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            try (SyslogSink sink = new SyslogSink(new InetSocketAddress("127.0.0.1", receiver.getLocalPort()))) {
                sink.emit("00:00:00: %SEC-6-X: " + "a".repeat(3000));
                String got = receive(receiver);
                assertEquals(SyslogSink.MAX_DATAGRAM, got.length());
                assertTrue(got.startsWith("<190>1: 00:00:00: %SEC-6-X: aaa"), got.substring(0, 40));
            }
        }
    }

    @Test
    void configuredLoggingHostsGetEveryLineToo() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            receiver.setSoTimeout(5000);
            MemorySink console = new MemorySink();
            LogSettings settings = LogSettings.DEFAULT.withLoggingHost("127.0.0.1:" + receiver.getLocalPort());
            try (LogSink sink = LogSinks.withLoggingHosts(console, settings)) {
                sink.emit("00:00:00: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet");
            }
            assertEquals("<190>1: 00:00:00: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet", receive(receiver));
            assertEquals(List.of("00:00:00: %SEC-6-IPACCESSLOGS: list 1 denied 10.1.1.1 1 packet"), console.lines());
        }
        MemorySink alone = new MemorySink();
        assertEquals(alone, LogSinks.withLoggingHosts(alone, LogSettings.DEFAULT));
    }
}
