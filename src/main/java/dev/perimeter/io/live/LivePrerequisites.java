package dev.perimeter.io.live;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks made before any interface is opened, each with a message that says what to do: libpcap loadable,
 * raw-socket privileges, the interfaces present.
 */
public final class LivePrerequisites {
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;

    private LivePrerequisites() {
    }

    /** The libpcap version string; throws with a plain message when the library cannot be loaded. */
    public static String libpcapVersion() throws LivePortException {
        try {
            return org.pcap4j.core.Pcaps.libVersion();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new LivePortException("libpcap is not installed or cannot be loaded (" + rootMessage(e)
                    + "); install it, e.g. `apt-get install libpcap0.8`");
        }
    }

    /** Fails unless the process may open raw sockets: root, or the capabilities set on the java binary. */
    public static void checkPrivileges() throws LivePortException {
        if (!hasRawSocketPrivileges()) {
            throw new LivePortException(privilegeMessage());
        }
    }

    public static String privilegeMessage() {
        return "capturing and sending frames needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN: run as"
                + " root, or grant them once with `sudo setcap cap_net_raw,cap_net_admin=eip "
                + javaBinary() + "`";
    }

    /** True when the effective capability set holds CAP_NET_RAW (CAP_NET_ADMIN is needed for promiscuous mode). */
    public static boolean hasRawSocketPrivileges() {
        BigInteger caps = effectiveCapabilities();
        if (caps == null) {
            return "root".equals(System.getProperty("user.name"));
        }
        return caps.testBit(CAP_NET_RAW) && caps.testBit(CAP_NET_ADMIN);
    }

    /** Fails naming every interface that does not exist, listing those that do. */
    public static void checkInterfaces(List<String> names) throws LivePortException {
        List<String> missing = names.stream().filter(n -> !LinuxInterfaces.exists(n)).toList();
        if (!missing.isEmpty()) {
            throw new LivePortException("no such network interface: " + String.join(", ", missing)
                    + " (interfaces here: " + String.join(" ", present()) + ")");
        }
    }

    private static List<String> present() {
        try (var s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** CapEff of this process from /proc/self/status, or null when it cannot be read. */
    static BigInteger effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return java.toRealPath().toString();
        } catch (IOException e) {
            return java.toString();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
