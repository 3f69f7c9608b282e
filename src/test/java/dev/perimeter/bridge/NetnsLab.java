package dev.perimeter.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Three network namespaces made for one test run, with names unique to it: OUT (172.16.11.5/16 on o0), BR (the
 * two veth ends {@code po} and {@code pi} that Perimeter bridges) and IN (172.16.27.66 and .70/16 on i0). Traffic
 * never leaves them. The veth ends are left as Linux creates them (checksum offload, TSO/GSO on: locally sent
 * frames carry unfinished checksums and come coalesced up to 64 KB), unless the lab is made with offloads off on
 * all four ends, as an operator of a libpcap-only bridge would have to. {@link #close()} kills what was started in
 * them and deletes them.
 */
final class NetnsLab implements AutoCloseable {
    final String out;
    final String br;
    final String in;
    final boolean offloadsOff;
    private final List<Process> started = new ArrayList<>();
    private boolean created;

    NetnsLab(boolean offloadsOff) {
        this.offloadsOff = offloadsOff;
        String tag = "pm" + ProcessHandle.current().pid() + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
        out = tag + "-out";
        br = tag + "-br";
        in = tag + "-in";
    }

    /** Why this machine cannot run the namespace tests, or null when it can. */
    static String missingPrerequisite() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root to create network namespaces (running as " + System.getProperty("user.name") + ")";
        }
        for (String tool : List.of("ip", "nc", "ping")) {
            if (which(tool) == null) {
                return "needs the '" + tool + "' command (iproute2, netcat-openbsd, iputils-ping)";
            }
        }
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8"))
                && !Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libpcap.so.0.8"))
                && !Files.exists(Path.of("/usr/lib/libpcap.so.0.8"))) {
            try {
                org.pcap4j.core.Pcaps.libVersion();
            } catch (Throwable e) {
                return "needs libpcap (apt-get install libpcap0.8): " + e.getMessage();
            }
        }
        return null;
    }

    static String which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    void create() throws IOException, InterruptedException {
        created = true;
        for (String ns : List.of(out, br, in)) {
            must("ip", "netns", "add", ns);
            must("ip", "-n", ns, "link", "set", "lo", "up");
            run(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        }
        createOutsideLink();
        must("ip", "-n", in, "link", "add", "i0", "type", "veth", "peer", "name", "pi", "netns", br);
        must("ip", "-n", in, "addr", "add", "172.16.27.66/16", "dev", "i0");
        must("ip", "-n", in, "addr", "add", "172.16.27.70/16", "dev", "i0");
        for (String[] nsDev : new String[][] {{br, "pi"}, {in, "i0"}}) {
            setUp(nsDev[0], nsDev[1]);
        }
    }

    /** The veth pair o0 (outside host) - po (bridge port); made again after a test deletes it. */
    void createOutsideLink() throws IOException, InterruptedException {
        must("ip", "-n", out, "link", "add", "o0", "type", "veth", "peer", "name", "po", "netns", br);
        must("ip", "-n", out, "addr", "add", "172.16.11.5/16", "dev", "o0");
        for (String[] nsDev : new String[][] {{out, "o0"}, {br, "po"}}) {
            setUp(nsDev[0], nsDev[1]);
        }
    }

    /** Runs a command that must succeed. */
    static void must(String... command) throws IOException, InterruptedException {
        Result r = exec(15, command);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.output());
        }
    }

    /** Brings a veth end up, first turning its offloads off when the lab is made so. */
    private void setUp(String ns, String dev) throws IOException, InterruptedException {
        if (offloadsOff) {
            must(execIn(ns, "ethtool", "-K", dev, "tx", "off", "rx", "off", "tso", "off", "gso", "off", "gro",
                    "off"));
        }
        must("ip", "-n", ns, "link", "set", dev, "up");
    }

    /** An interface's MAC address in a namespace. */
    String mac(String ns, String dev) throws IOException, InterruptedException {
        return run(ns, "cat", "/sys/class/net/" + dev + "/address").output().trim();
    }

    static String[] execIn(String ns, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = ns;
        System.arraycopy(command, 0, full, 4, command.length);
        return full;
    }

    /** Runs a command in a namespace to completion; returns its exit code and output. */
    Result run(String ns, String... command) throws IOException, InterruptedException {
        return exec(15, execIn(ns, command));
    }

    /** Starts a long-running command in a namespace, killed by {@link #close()}. */
    Process start(String ns, Path outputFile, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(execIn(ns, command)).redirectErrorStream(true);
        if (outputFile != null) {
            pb.redirectOutput(outputFile.toFile());
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        started.add(p);
        return p;
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }


    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!created) {
            return;
        }
        for (String ns : List.of(out, br, in)) {
            try {
                exec(15, "ip", "netns", "pids", ns).output().lines().map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
                exec(15, "ip", "netns", "del", ns);
            } catch (IOException | InterruptedException | NumberFormatException e) {
                // best effort: go on with the others
            }
        }
    }
}
