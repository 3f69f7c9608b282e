package dev.perimeter.bridge;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code perimeter bridge} was asked to do.
 *
 * @param config       the IOS configuration file, re-read on SIGHUP
 * @param ports        the two ports, in order
 * @param admin        where the admin pages are served (loopback), or null for none
 * @param waitStrategy the handler's wait strategy ({@link WaitStrategies})
 * @param logFile      where log lines go, or null for standard output
 * @param ringSize     slots in the ring, a power of two
 * @param batch        frames taken from a capture buffer per call
 * @param io           how the ports read and send: {@code auto} (AF_PACKET with offloads where the kernel allows
 *                     it, else libpcap), {@code af-packet} (AF_PACKET or fail) or {@code pcap} (libpcap only)
 */
public record BridgeOptions(Path config, List<PortSpec> ports, InetSocketAddress admin, String waitStrategy,
                            Path logFile, int ringSize, int batch, String io) {
    public static final List<String> IO_MODES = List.of("auto", "af-packet", "pcap");

    /** Options with the default I/O, {@code auto}. */
    public BridgeOptions(Path config, List<PortSpec> ports, InetSocketAddress admin, String waitStrategy,
                         Path logFile, int ringSize, int batch) {
        this(config, ports, admin, waitStrategy, logFile, ringSize, batch, "auto");
    }

    public BridgeOptions {
        ports = List.copyOf(ports);
        if (ports.size() != 2) {
            throw new IllegalArgumentException("the bridge needs exactly two --port options, got " + ports.size());
        }
        if (ports.get(0).linuxName().equals(ports.get(1).linuxName())) {
            throw new IllegalArgumentException("both --port options name " + ports.get(0).linuxName());
        }
        if (ports.get(0).iosName().equals(ports.get(1).iosName())) {
            throw new IllegalArgumentException("both ports stand for interface " + ports.get(0).iosName());
        }
        if (Integer.bitCount(ringSize) != 1 || ringSize < 64) {
            throw new IllegalArgumentException("--ring-size must be a power of two of at least 64: " + ringSize);
        }
        if (batch < 1 || batch > ringSize) {
            throw new IllegalArgumentException("--batch must be between 1 and the ring size: " + batch);
        }
        WaitStrategies.byName(waitStrategy);
        if (!IO_MODES.contains(io)) {
            throw new IllegalArgumentException("--io must be one of " + String.join(", ", IO_MODES) + ": " + io);
        }
    }
}
