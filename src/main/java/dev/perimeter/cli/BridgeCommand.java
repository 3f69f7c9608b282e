package dev.perimeter.cli;

import dev.perimeter.bridge.AdminAddress;
import dev.perimeter.bridge.BridgeAdminReport;
import dev.perimeter.bridge.BridgeOptions;
import dev.perimeter.bridge.BridgeRuntime;
import dev.perimeter.bridge.BridgeSignals;
import dev.perimeter.bridge.ConfigRejectedException;
import dev.perimeter.bridge.PortSpec;
import dev.perimeter.bridge.WaitStrategies;
import dev.perimeter.io.live.LivePortException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perimeter bridge}: the live bridging filter between two interfaces. */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Bridges two Linux interfaces, filtering the frames with the configuration's access lists.",
                "A frame entering on one port meets that port's 'in' list, then the other port's 'out' list."
                + " Non-IPv4 frames (ARP) cross untouched. SIGHUP re-reads the configuration; SIGTERM or"
                + " SIGINT stop and print the final counters. Needs root or CAP_NET_RAW and CAP_NET_ADMIN."})
public final class BridgeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "CFG", description = "IOS configuration file.")
    Path config;

    @Option(names = "--port", required = true, paramLabel = "LINUX_IF[=IOS_NAME]",
            description = "A bridged interface, twice; =IOS_NAME names the configuration interface it stands for"
                    + " (default: the Linux name).")
    List<String> ports;

    @Option(names = "--admin", paramLabel = "127.0.0.1:PORT",
            description = "Serve /access-lists, /interfaces and /metrics over HTTP on this loopback address.")
    String admin;

    @Option(names = "--wait-strategy", paramLabel = "NAME", defaultValue = WaitStrategies.DEFAULT,
            description = "How the filter thread waits for frames: phased (default: spins briefly, then blocks;"
                    + " no CPU when idle), sleeping, blocking, lite-blocking, yielding, busy-spin.")
    String waitStrategy;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Append log lines to FILE instead of standard output.")
    Path log;

    @Option(names = "--ring-size", paramLabel = "N", defaultValue = "65536",
            description = "Slots in the ring, a power of two (default ${DEFAULT-VALUE}).")
    int ringSize;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Frames taken from a capture buffer per call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--io", paramLabel = "MODE", defaultValue = "auto",
            description = "How the ports read and send frames: auto (default: AF_PACKET rings with the kernel's"
                    + " offload headers, so unfinished checksums and coalesced frames cross as on a kernel bridge;"
                    + " libpcap where that cannot be had, said once at start), af-packet (or fail), pcap.")
    String io;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            String clash = OutputClash.find(List.of(new OutputClash.NamedFile("configuration", config)),
                    List.of(new OutputClash.NamedFile("--log", log)));
            if (clash != null) {
                err.println("perimeter bridge: " + clash);
                return 2;
            }
        } catch (IOException e) {
            err.println("perimeter bridge: cannot check the log file: " + e.getMessage());
            return 1;
        }
        BridgeOptions options;
        try {
            InetSocketAddress adminAddress = admin == null ? null : AdminAddress.parse(admin);
            options = new BridgeOptions(config, ports.stream().map(PortSpec::parse).toList(), adminAddress,
                    waitStrategy, log, ringSize, batch, io);
        } catch (IllegalArgumentException e) {
            err.println("perimeter bridge: " + e.getMessage());
            return 2;
        }
        BridgeRuntime bridge = new BridgeRuntime(options, err);
        try {
            bridge.start();
        } catch (ConfigRejectedException | LivePortException e) {
            err.println("perimeter bridge: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("perimeter bridge: " + e.getMessage());
            return 1;
        }
        BridgeSignals signals = new BridgeSignals(bridge::reload);
        err.println("perimeter: bridging " + options.ports().get(0) + " <-> " + options.ports().get(1)
                + (bridge.adminAddress() == null ? "" : "; admin on http://" + hostPort(bridge.adminAddress())));
        err.flush();
        String why;
        try {
            why = signals.awaitStop();
        } catch (InterruptedException e) {
            why = "interrupt";
        }
        err.println("perimeter: " + why + ": stopping");
        bridge.stop();
        System.out.print(BridgeAdminReport.finalReport(bridge));
        System.out.flush();
        return 0;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
