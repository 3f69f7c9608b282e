package dev.perimeter.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends each line as a syslog datagram over UDP, the way IOS {@code logging host A} does (RFC 3164 style):
 * {@code <PRI>N: } followed by the line, where PRI = facility * 8 + the severity taken from the message's
 * {@code %FAC-SEV-MNEMONIC} (6 for {@code %SEC-6-...}), the facility is local7 unless set otherwise, and N is the
 * sink's message counter starting at 1. A send that fails is counted and never stops the caller.
 */
public final class SyslogSink implements LogSink {
    public static final int DEFAULT_PORT = 514;
    /** {@code logging facility local7}, the IOS default. */
    public static final int LOCAL7 = 23;
    /** RFC 3164 limit for a datagram. */
    static final int MAX_DATAGRAM = 1024;
    private static final int DEFAULT_SEVERITY = 6;

    private final List<InetSocketAddress> hosts;
    private final int facility;
    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private long counter;
    private long sent;
    private long sendErrors;
    private String lastError;

    public SyslogSink(List<InetSocketAddress> hosts, int facility) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("syslog sink needs at least one host");
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility must be 0-23: " + facility);
        }
        this.hosts = List.copyOf(hosts);
        this.facility = facility;
        try {
            this.channel = DatagramChannel.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket for syslog: " + e.getMessage(), e);
        }
    }

    public SyslogSink(InetSocketAddress host) {
        this(List.of(host), LOCAL7);
    }

    /**
     * A sink for the config's {@code logging host} entries: each {@code A} or {@code A:PORT}
     * (port 514 when absent). Throws {@link IllegalArgumentException} naming a malformed entry.
     */
    public static SyslogSink forHosts(List<String> hosts) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String h : hosts) {
            addresses.add(parseHost(h));
        }
        return new SyslogSink(addresses, LOCAL7);
    }

    static InetSocketAddress parseHost(String text) {
        String host = text.trim();
        int port = DEFAULT_PORT;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            try {
                port = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad syslog host port: " + text);
            }
            host = host.substring(0, colon);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad syslog host port: " + text);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("bad syslog host: " + text);
        }
        return new InetSocketAddress(host, port);
    }

    /** The severity digit of the first {@code %FAC-S-MNEMONIC:} in the line, or 6 (informational). */
    static int severityOf(String line) {
        int p = line.indexOf('%');
        while (p >= 0) {
            int dash = line.indexOf('-', p + 1);
            if (dash > p + 1 && dash + 2 < line.length() && line.charAt(dash + 2) == '-') {
                char c = line.charAt(dash + 1);
                if (c >= '0' && c <= '7') {
                    return c - '0';
                }
            }
            p = line.indexOf('%', p + 1);
        }
        return DEFAULT_SEVERITY;
    }

    /** The datagram text for a line: {@code <PRI>N: line}. */
    String datagram(String line, long number) {
        return "<" + (facility * 8 + severityOf(line)) + ">" + number + ": " + line;
    }

    @Override
    public void emit(String line) {
        counter++;
        byte[] bytes = datagram(line, counter).getBytes(StandardCharsets.UTF_8);
        for (InetSocketAddress host : hosts) {
            buffer.clear();
            buffer.put(bytes, 0, Math.min(bytes.length, MAX_DATAGRAM));
            buffer.flip();
            try {
                channel.send(buffer, host);
                sent++;
            } catch (IOException | RuntimeException e) {
                sendErrors++;
                lastError = host + ": " + e;
            }
        }
    }

    public long sent() {
        return sent;
    }

    public long sendErrors() {
        return sendErrors;
    }

    /** The last send failure (host and cause), or null. */
    public String lastError() {
        return lastError;
    }

    public List<InetSocketAddress> hosts() {
        return hosts;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was buffered; a failing close loses nothing
        }
    }
}
