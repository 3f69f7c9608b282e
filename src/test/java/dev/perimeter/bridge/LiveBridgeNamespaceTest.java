package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's filter verification on a real wire: Perimeter runs as its own process inside a network namespace
 * and bridges two veth pairs between an outside host (172.16.11.5) and an inside network (mail server
 * 172.16.27.66 listening on 25, host 172.16.27.70 listening on 25, 80, 110 and 143), with
 * {@code examples/seed-router.cfg} bound {@code out} on the inside port. Needs root, libpcap, iproute2, ethtool,
 * netcat-openbsd and ping; skipped with the reason when they are missing, except under CI where that fails.
 */
class LiveBridgeNamespaceTest {
    private static final int ADMIN_PORT = 9177;
    private static final Path SEED = Path.of("examples/seed-router.cfg");
    private static NetnsLab lab;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildNamespaces() throws Exception {
        String missing = NetnsLab.missingPrerequisite();
        if (missing == null && NetnsLab.which("ethtool") == null) {
            missing = "needs ethtool to turn off veth checksum offload (apt-get install ethtool)";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("namespace bridge tests cannot run under CI: " + missing);
            }
            Assumptions.assumeTrue(false, missing);
        }
        lab = new NetnsLab();
        lab.create();
        String[][] listeners = {{"172.16.27.66", "25"}, {"172.16.27.70", "25"}, {"172.16.27.70", "80"},
                {"172.16.27.70", "110"}, {"172.16.27.70", "143"}};
        for (String[] l : listeners) {
            lab.start(lab.in, null, "nc", "-lk", l[0], l[1]);
        }
    }

    @AfterAll
    static void removeNamespaces() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void seedListFiltersTheWireAsTheRouterWould() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.writeString(config, Files.readString(SEED) + "logging host 127.0.0.1\n");
        Path syslog = dir.resolve("syslog.txt");
        lab.start(lab.br, syslog, "nc", "-lu", "127.0.0.1", "514");
        Path log = dir.resolve("bridge.log");
        Bridge bridge = startBridge(config, log);

        org.junit.jupiter.api.Assertions.assertFalse(bridge.output().contains("dispatch"),
                "the direct receive path is in use: " + bridge.output());
        assertTrue(passes("172.16.27.66", 25), "mail to the mail server passes");
        assertFalse("172.16.27.70", 25);
        assertFalse("172.16.27.70", 110);
        assertFalse("172.16.27.70", 143);
        assertTrue(passes("172.16.27.70", 80), "web to .70 passes (permit ip any any)");

        NetnsLab.Result ping = lab.run(lab.out, "ping", "-c", "3", "-i", "0.2", "-W", "2", "172.16.27.70");
        assertEquals(0, ping.exitCode(), "ping across the bridge:\n" + ping.output());
        String neighbours = lab.run(lab.out, "ip", "neigh", "show", "172.16.27.70").output();
        String insideMac = lab.run(lab.in, "cat", "/sys/class/net/i0/address").output().trim();
        assertTrue(neighbours.contains(insideMac), "ARP crossed: the outside host knows " + insideMac
                + " for .70: " + neighbours);

        for (int port : new int[] {25, 110, 143}) {
            Pattern line = Pattern.compile("%SEC-6-IPACCESSLOGP: list packet_filter denied tcp 172\\.16\\.11\\.5\\(\\d+\\)"
                    + " -> 172\\.16\\.27\\.70\\(" + port + "\\), 1 packet");
            waitFor(() -> line.matcher(read(log)).find(), "log line for port " + port + " in\n" + read(log));
        }
        assertEquals(3, count(read(log), "denied tcp"), "one log line per blocked attempt:\n" + read(log));
        waitFor(() -> count(read(syslog), "%SEC-6-IPACCESSLOGP: list packet_filter denied tcp") == 3,
                "the three messages as syslog datagrams (logging host): " + read(syslog));
        assertTrue(read(syslog).startsWith("<190>"), "facility local7, severity 6: " + read(syslog));
        assertTrue(!read(log).contains("172.16.27.66(25)") && !read(log).contains("(80)"), "nothing permitted is logged");

        String lists = admin("/access-lists");
        assertEquals(1, matches(lists, "20 deny tcp any any eq smtp log"), lists);
        assertEquals(1, matches(lists, "30 deny tcp any any range pop2 pop3 log"), lists);
        assertEquals(1, matches(lists, "40 deny tcp any any eq 143 log"), lists);
        assertTrue(matches(lists, "10 permit tcp any host 172.16.27.66 eq smtp") >= 3, lists);
        assertTrue(matches(lists, "50 permit ip any any") >= 3 + 3, "web and pings: " + lists);
        String metrics = admin("/metrics");
        assertTrue(metrics.contains("perimeter_acl_entry_matches_total{list=\"packet_filter\",sequence=\"30\"} 1\n"),
                metrics);
        String interfaces = admin("/interfaces");
        assertTrue(interfaces.lines().anyMatch(l -> l.startsWith("pi ") && l.contains("eth2/0") && l.contains(" up ")),
                interfaces);

        String report = bridge.stop();
        assertTrue(report.contains("SIGTERM: stopping"), report);
        assertTrue(report.contains("    30 deny tcp any any range pop2 pop3 log (1 match)"), report);
        assertTrue(report.contains("denied 3,"), "final totals: " + report);
    }

    @Test
    void reloadSwapsTheListUnderTrafficAndABadFileKeepsTheOldOne() throws Exception {
        Path config = dir.resolve("router.cfg");
        String seed = "service timestamps log datetime msec\n" + Files.readString(SEED);
        Files.writeString(config, seed);
        Path log = dir.resolve("bridge.log");
        Bridge bridge = startBridge(config, log);
        assertTrue(passes("172.16.27.70", 80), "web passes before the reload");

        Process ping = new ProcessBuilder(NetnsLab.execIn(lab.out, "ping", "-c", "60", "-i", "0.05", "-W", "2",
                "172.16.27.70")).redirectErrorStream(true).start();
        Files.writeString(config, seed.replace(" permit ip any any", " deny tcp any any eq www log\n permit ip any any"));
        bridge.signal("HUP");
        waitFor(() -> bridge.output().contains("perimeter: reloaded"), "reload notice in\n" + bridge.output());
        assertFalse("172.16.27.70", 80);
        String star = ClockSync.isSynchronized() ? "" : "\\*"; // IOS marks a clock that is not synchronised
        Pattern stamped = Pattern.compile("^" + star + "(\\w{3}) +(\\d+) \\d\\d:\\d\\d:\\d\\d\\.\\d{3}: %SEC-6-IPACCESSLOGP: list "
                + "packet_filter denied tcp 172\\.16\\.11\\.5\\(\\d+\\) -> 172\\.16\\.27\\.70\\(80\\), 1 packet$", Pattern.MULTILINE);
        waitFor(() -> stamped.matcher(read(log)).find(), "a datetime-stamped line for the new entry in\n" + read(log));
        Matcher m = stamped.matcher(read(log));
        assertTrue(m.find());
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String month = today.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        assertTrue(m.group(1).equals(month) && Math.abs(Integer.parseInt(m.group(2)) - today.getDayOfMonth()) <= 1,
                "stamped with the wall clock (" + today + "): " + m.group());

        Files.writeString(config, seed + "ip access-list extended packet_filter\n permit tcp any any eq nonsense\n");
        bridge.signal("HUP");
        waitFor(() -> bridge.output().contains("reload rejected"), "rejection in\n" + bridge.output());
        assertTrue(bridge.output().contains("% Invalid input detected at '^' marker."), bridge.output());
        assertFalse("172.16.27.70", 80);
        assertTrue(passes("172.16.27.66", 25), "the old list still lets mail through");

        assertTrue(ping.waitFor(20, TimeUnit.SECONDS), "ping ends");
        String pingOut = new String(ping.getInputStream().readAllBytes());
        assertTrue(pingOut.contains(" 0% packet loss"), "no frame lost while the lists were swapped:\n" + pingOut);
        String lists = admin("/access-lists");
        assertTrue(lists.contains("50 deny tcp any any eq www log (2 matches)"), "the new list counts:\n" + lists);
        bridge.stop();
    }

    @Test
    void aListNamingObjectGroupsFiltersTheWireAndAReloadNamingNoGroupIsRejected() throws Exception {
        Path config = dir.resolve("router.cfg");
        String groups = Files.readString(Path.of("examples/object-groups.cfg"));
        Files.writeString(config, groups);
        Path log = dir.resolve("bridge.log");
        Bridge bridge = startBridge(config, log);
        assertTrue(passes("172.16.27.66", 25), "mail to the mail server passes");
        assertFalse("172.16.27.70", 25);
        assertFalse("172.16.27.70", 143);
        assertTrue(passes("172.16.27.70", 80), "web to .70 passes");
        // .70 is in the range of HOSTS: the echo member of MEDIA denies pings to it
        NetnsLab.Result ping = lab.run(lab.out, "ping", "-c", "1", "-W", "1", "172.16.27.70");
        assertNotEquals(0, ping.exitCode(), "the ping is denied:\n" + ping.output());
        waitFor(() -> read(log).contains("%SEC-6-IPACCESSLOGDP: list packet_filter denied icmp 172.16.11.5 ->"
                + " 172.16.27.70 (8/0), 1 packet"), "the ping's log line in\n" + read(log));
        String lists = admin("/access-lists");
        assertEquals(1, matches(lists, "30 deny object-group MEDIA any object-group HOSTS log"), lists);
        assertTrue(matches(lists, "20 deny object-group MAIL any object-group INSIDE log") >= 2, lists);

        Files.writeString(config, groups.replace(" permit ip any any", " permit ip object-group NOWHERE any\n"
                + " permit ip any any"));
        bridge.signal("HUP");
        waitFor(() -> bridge.output().contains("reload rejected"), "rejection in\n" + bridge.output());
        assertTrue(bridge.output().contains("% Object group NOWHERE does not exist"), bridge.output());
        assertTrue(passes("172.16.27.66", 25), "the running list still lets mail through");
        assertFalse("172.16.27.70", 143);
        bridge.stop();
    }

    @Test
    void survivesAPortGoingDownAndAwayAndComingBack() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        Bridge bridge = startBridge(config, dir.resolve("bridge.log"));
        assertTrue(passes("172.16.27.66", 25), "mail passes at first");

        NetnsLab.must("ip", "-n", lab.br, "link", "set", "pi", "down");
        assertFalse("172.16.27.66", 25);
        NetnsLab.must("ip", "-n", lab.br, "link", "set", "pi", "up");
        waitFor(() -> connects("172.16.27.66", 25), "mail to pass again after pi came back up");

        NetnsLab.must("ip", "-n", lab.out, "link", "del", "o0"); // takes its peer po away with it
        waitFor(() -> bridge.output().contains("reopening po"), "the bridge to notice po is gone:\n" + bridge.output());
        lab.createOutsideLink();
        waitFor(() -> bridge.output().contains("po: capture reopened"), "po reopened:\n" + bridge.output());
        waitFor(() -> connects("172.16.27.66", 25), "mail to pass through the new po");
        assertFalse("172.16.27.70", 25);
        NetnsLab.Result ping = lab.run(lab.out, "ping", "-c", "2", "-i", "0.2", "-W", "2", "172.16.27.70");
        assertEquals(0, ping.exitCode(), ping.output());
        String interfaces = admin("/interfaces");
        assertTrue(interfaces.lines().anyMatch(l -> l.startsWith("po ") && l.contains(" up ")), interfaces);
        bridge.stop();
    }

    /** The receive path through pcap4j's own dispatch, used where the direct one cannot be set up, works too. */
    @Test
    void pcap4jDispatchFallbackFiltersTheSame() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        Bridge bridge = startBridge(config, dir.resolve("bridge.log"), "-Dperimeter.pcap4jDispatch=true");
        assertTrue(bridge.output().contains("po receives through pcap4j's dispatch"), bridge.output());
        assertTrue(passes("172.16.27.66", 25), "mail to the mail server passes");
        assertFalse("172.16.27.70", 143);
        assertTrue(passes("172.16.27.70", 80), "web passes");
        String lists = admin("/access-lists");
        assertEquals(1, matches(lists, "40 deny tcp any any eq 143 log"), lists);
        bridge.stop();
    }

    @Test
    void aTakenAdminPortIsNamedBeforeAnyPortOpens() throws Exception {
        lab.start(lab.br, null, "nc", "-lk", "127.0.0.1", "9178");
        waitFor(() -> lab.run(lab.br, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9178").exitCode() == 0,
                "the listener that takes the port");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "dev.perimeter.cli.PerimeterCommand", "bridge",
                "--config", SEED.toString(), "--port", "po", "--port", "pi=eth2/0", "--admin", "127.0.0.1:9178");
        NetnsLab.Result r = lab.run(lab.br, cmd.toArray(String[]::new));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("cannot serve the admin pages on 127.0.0.1:9178"), r.output());
    }

    // ---- helpers ----

    private static void assertFalse(String host, int port) throws Exception {
        org.junit.jupiter.api.Assertions.assertFalse(connects(host, port),
                "tcp to " + host + ":" + port + " must be blocked");
    }

    /**
     * Connects from the outside host, giving a blocked attempt 0.6 s: the SYN is not retransmitted before 1 s, so
     * each blocked attempt is exactly one packet on the wire.
     */
    private static boolean connects(String host, int port) throws Exception {
        return lab.run(lab.out, "timeout", "0.6", "nc", "-z", host, Integer.toString(port)).exitCode() == 0;
    }

    /** Connects from the outside host with time to spare on a loaded machine: for connections that must pass. */
    private static boolean passes(String host, int port) throws Exception {
        return lab.run(lab.out, "nc", "-z", "-w", "5", host, Integer.toString(port)).exitCode() == 0;
    }

    private static String admin(String path) throws Exception {
        NetnsLab.Result r = lab.run(lab.br, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + ADMIN_PORT
                + "; printf 'GET " + path + " HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("HTTP/1.1 200"), r.output());
        return r.output().substring(r.output().indexOf("\r\n\r\n") + 4);
    }

    private static long matches(String lists, String entry) {
        Matcher m = Pattern.compile(Pattern.quote(entry) + "(?: \\((\\d+) match(?:es)?\\))?\\n").matcher(lists);
        assertTrue(m.find(), "entry '" + entry + "' in\n" + lists);
        return m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private Bridge startBridge(Path config, Path log) throws Exception {
        return startBridge(config, log, "-Dperimeter.pcap4jDispatch=false");
    }

    private Bridge startBridge(Path config, Path log, String property) throws Exception {
        Path output = dir.resolve("bridge.out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", property, "-cp", System.getProperty("java.class.path"),
                "dev.perimeter.cli.PerimeterCommand", "bridge", "--config", config.toString(), "--port", "po",
                "--port", "pi=eth2/0", "--admin", "127.0.0.1:" + ADMIN_PORT, "--log", log.toString()));
        Process p = lab.start(lab.br, output, cmd.toArray(String[]::new));
        Bridge bridge = new Bridge(p, output);
        waitFor(() -> {
            if (!p.isAlive()) {
                fail("the bridge exited with " + p.exitValue() + ":\n" + bridge.output());
            }
            return bridge.output().contains("perimeter: bridging po <-> pi=eth2/0");
        }, "the bridge to start:\n" + bridge.output());
        return bridge;
    }

    private record Bridge(Process process, Path outputFile) {
        String output() {
            return read(outputFile);
        }

        void signal(String name) throws Exception {
            assertEquals(0, NetnsLab.exec(5, "kill", "-" + name, Long.toString(process.pid())).exitCode());
        }

        /** SIGTERM, then the exit code must be 0; returns everything the bridge printed. */
        String stop() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the bridge stops on SIGTERM:\n" + output());
            assertEquals(0, process.exitValue(), output());
            assertNotEquals("", output());
            return output();
        }
    }
}
