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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's filter verification on a real wire: Perimeter runs as its own process inside a network namespace
 * and bridges two veth pairs between an outside host (172.16.11.5) and an inside network (mail server
 * 172.16.27.66 listening on 25, host 172.16.27.70 listening on 25, 80, 110 and 143), with
 * {@code examples/seed-router.cfg} bound {@code out} on the inside port. Every veth end is left as Linux creates
 * it (checksum offload and TSO on: the outside host's frames reach the bridge with unfinished checksums and
 * coalesced up to 64 KB); {@link LiveBridgeOffloadsOffTest} runs the same tests with offloads off on all four
 * ends. Needs root, libpcap, iproute2, ethtool, netcat-openbsd, ping, tcpdump and python3; skipped with the reason
 * when they are missing, except under CI where that fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveBridgeNamespaceTest {
    static final int ADMIN_PORT = 9177;
    static final Path SEED = Path.of("examples/seed-router.cfg");
    NetnsLab lab;

    @TempDir
    Path classDir;
    Path dir;

    /** Whether this class's lab turns offloads off on all four veth ends. */
    boolean offloadsOff() {
        return false;
    }

    @BeforeAll
    void buildNamespaces() throws Exception {
        String missing = NetnsLab.missingPrerequisite();
        for (String tool : List.of("ethtool", "tcpdump", "python3")) {
            if (missing == null && NetnsLab.which(tool) == null) {
                missing = "needs " + tool + " (apt-get install ethtool tcpdump python3)";
            }
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("namespace bridge tests cannot run under CI: " + missing);
            }
            Assumptions.assumeTrue(false, missing);
        }
        lab = new NetnsLab(offloadsOff());
        lab.create();
        String[][] listeners = {{"172.16.27.66", "25"}, {"172.16.27.70", "25"}, {"172.16.27.70", "80"},
                {"172.16.27.70", "110"}, {"172.16.27.70", "143"}};
        for (String[] l : listeners) {
            lab.start(lab.in, null, "nc", "-lk", l[0], l[1]);
        }
    }

    @AfterAll
    void removeNamespaces() {
        if (lab != null) {
            lab.close();
        }
    }

    /** The bridge the running test started, stopped after it whatever the outcome. */
    private Process bridgeProcess;

    @BeforeEach
    void freshDirectory() throws IOException {
        dir = Files.createTempDirectory(classDir, "test");
    }

    @AfterEach
    void stopBridge() throws InterruptedException {
        if (bridgeProcess != null && bridgeProcess.isAlive()) {
            bridgeProcess.destroyForcibly();
            bridgeProcess.waitFor(10, TimeUnit.SECONDS);
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

        org.junit.jupiter.api.Assertions.assertFalse(bridge.output().contains("libpcap"),
                "the AF_PACKET path is in use: " + bridge.output());
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
        assertTrue(interfaces.lines().filter(l -> l.endsWith(" af-packet")).count() == 2, interfaces);

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

    @Test
    void aHundredMegabytesCrossIntactUnderTheSeedList() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        Bridge bridge = startBridge(config, dir.resolve("bridge.log"));
        transferIntact(100 << 20, 5001);
        String interfaces = admin("/interfaces");
        if (!offloadsOff()) {
            assertTrue(coalesced(interfaces, "po") > 0, "the sender's TSO frames arrived coalesced:\n" + interfaces);
        }
        long segments = (100L << 20) / 1500;
        assertTrue(matches(admin("/access-lists"), "50 permit ip any any") >= segments,
                "the permit counts every segment (at least " + segments + "):\n" + admin("/access-lists"));
        assertTrue(interfaces.lines().filter(l -> l.startsWith("p")).allMatch(l -> l.matches(
                "\\S+ +\\S+ +up +\\d+ +\\d+ +0 +0 +0 .*")), "nothing dropped, no errors, no overflows:\n" + interfaces);
        bridge.stop();
    }

    @Test
    void aHundredMegabytesCrossIntactUnderATenThousandEntryList() throws Exception {
        Path config = dir.resolve("router.cfg");
        StringBuilder cfg = new StringBuilder("ip access-list extended packet_filter\n");
        for (int i = 0; i < 10_000; i++) {
            cfg.append(" deny ip host 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.')
                    .append(i & 255).append(" any\n");
        }
        Files.readString(SEED).lines().filter(l -> l.startsWith(" permit") || l.startsWith(" deny"))
                .forEach(l -> cfg.append(l).append('\n'));
        cfg.append("!\ninterface eth2/0\n ip access-group packet_filter out\n");
        Files.writeString(config, cfg);
        Bridge bridge = startBridge(config, dir.resolve("bridge.log"));
        transferIntact(100 << 20, 5002);
        assertFalse("172.16.27.70", 143);
        assertTrue(passes("172.16.27.66", 25), "mail still passes");
        bridge.stop();
    }

    /**
     * GRO on at the bridge's own ports: the kernel hands the bridge frames coalesced from the outside host's
     * segments, and the counters count the segments, not the frames.
     */
    @Test
    void groOnTheBridgePortsCountsSegmentsNotFrames() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        setGro("on");
        try {
            Bridge bridge = startBridge(config, dir.resolve("bridge.log"));
            transferIntact(20 << 20, 5003);
            String interfaces = admin("/interfaces");
            long coalesced = coalesced(interfaces, "po");
            long received = column(interfaces, "po", 3);
            assertTrue(coalesced > 0, "GRO coalesced the outside host's segments:\n" + interfaces);
            assertTrue(received >= (20L << 20) / 1500, "received counts segments:\n" + interfaces);
            assertTrue(received > 2 * coalesced, "a coalesced frame counts as several packets:\n" + interfaces);
            bridge.stop();
        } finally {
            setGro("off");
        }
    }

    /**
     * One coalesced frame of ten 1,000-byte segments (sent with a virtio-net header, coalesced again by GRO on
     * the bridge port) to a denied port: ten matches, one log line for the first packet and the other nine in the
     * flow's update, ten packets dropped, nothing on the inside. The same frame to a permitted port reaches the
     * inside as the ten segments the header asked for.
     */
    @Test
    void aCoalescedFrameCountsAndLogsAsItsSegments() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        Path log = dir.resolve("bridge.log");
        setGro("on");
        try {
            Bridge bridge = startBridge(config, log);
            Path seen = dir.resolve("inside.txt");
            Process tcpdump = lab.start(lab.in, seen, "tcpdump", "-l", "-n", "-i", "i0", "-S", "tcp and src port 40000");
            waitFor(() -> read(seen).contains("listening on"), "tcpdump to start: " + read(seen));
            inject(143);
            waitFor(() -> matches(admin("/access-lists"), "40 deny tcp any any eq 143 log") == 10,
                    "ten matches of entry 40:\n" + admin("/access-lists"));
            waitFor(() -> read(log).contains("denied tcp 172.16.11.5(40000) -> 172.16.27.70(143), 1 packet"),
                    "the first packet's log line in\n" + read(log));
            String interfaces = admin("/interfaces");
            assertEquals(10, column(interfaces, "po", 3), "ten packets received:\n" + interfaces);
            assertEquals(10, column(interfaces, "po", 5), "ten packets dropped:\n" + interfaces);
            if (!offloadsOff()) {
                assertEquals(1, coalesced(interfaces, "po"), "in one frame:\n" + interfaces);
            }

            setSegmentationOffload("pi", "off"); // an egress port that cannot segment: the kernel cuts the frame
            inject(80);
            waitFor(() -> count(read(seen), "> 172.16.27.70.80:") == 10, "ten segments inside:\n" + read(seen));
            for (int i = 0; i < 10; i++) {
                long from = 1000 + 1000L * i;
                assertTrue(read(seen).contains("seq " + from + ":" + (from + 1000) + ","),
                        "segment " + i + " as the header asked:\n" + read(seen));
            }
            assertEquals(0, count(read(seen), ".143:"), "nothing of the denied frame inside:\n" + read(seen));
            tcpdump.destroy();
            String report = bridge.stop();
            assertTrue(read(log).contains("denied tcp 172.16.11.5(40000) -> 172.16.27.70(143), 9 packets"),
                    "the other nine packets in the flow's update:\n" + read(log) + report);
        } finally {
            setGro("off");
            if (!offloadsOff()) {
                setSegmentationOffload("pi", "on");
            }
        }
    }

    private void setSegmentationOffload(String dev, String onOff) throws Exception {
        NetnsLab.must(NetnsLab.execIn(lab.br, "ethtool", "-K", dev, "tso", onOff, "gso", onOff));
    }

    /**
     * 802.1Q-tagged SYNs from the outside (the kernel lifts the tag into the frame's metadata on receive): the one
     * to port 80 crosses with its tag put back, the one to 143 meets the list and is denied.
     */
    @Test
    void aTaggedFrameKeepsItsTagAndMeetsTheList() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        Bridge bridge = startBridge(config, dir.resolve("bridge.log"));
        Path seen = dir.resolve("inside.txt");
        lab.start(lab.in, seen, "tcpdump", "-l", "-e", "-n", "-i", "i0", "vlan");
        waitFor(() -> read(seen).contains("listening on"), "tcpdump to start: " + read(seen));
        String send = """
                import socket, struct
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0); s.bind(('o0', 0))
                ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40, 1, 0, 64, 6, 0, socket.inet_aton('172.16.11.5'),
                                 socket.inet_aton('172.16.27.70'))
                for port in (80, 143):
                    tcp = struct.pack('!HHIIBBHHH', 1234, port, 1, 0, 0x50, 2, 1000, 0, 0)
                    s.send(b'\\xff' * 6 + b'\\x02\\0\\0\\0\\0\\x01\\x81\\0' + struct.pack('!H', 100) + b'\\x08\\0' + ip + tcp)
                """;
        NetnsLab.Result r = lab.run(lab.out, "python3", "-c", send);
        assertEquals(0, r.exitCode(), r.output());
        waitFor(() -> read(seen).contains("vlan 100, p 0, ethertype IPv4 (0x0800), 172.16.11.5.1234 > 172.16.27.70.80:"),
                "the tagged SYN to port 80 inside, tag in place:\n" + read(seen));
        waitFor(() -> matches(admin("/access-lists"), "40 deny tcp any any eq 143 log") == 1,
                "the tagged SYN to 143 denied:\n" + admin("/access-lists"));
        org.junit.jupiter.api.Assertions.assertFalse(read(seen).contains(".143:"), read(seen));
        bridge.stop();
    }

    /** MTU 9000 on every end: full-size jumbo frames cross unfragmented, and a bulk transfer arrives intact. */
    @Test
    void jumboFramesCrossWhole() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        setMtu(9000);
        try {
            Bridge bridge = startBridge(config, dir.resolve("bridge.log"));
            NetnsLab.Result ping = lab.run(lab.out, "ping", "-c", "3", "-i", "0.2", "-W", "2", "-M", "do", "-s",
                    "8972", "172.16.27.70");
            assertEquals(0, ping.exitCode(), "9000-byte packets with DF cross:\n" + ping.output());
            transferIntact(20 << 20, 5004);
            bridge.stop();
        } finally {
            setMtu(1500);
        }
    }

    private void setMtu(int mtu) throws Exception {
        for (String[] nsDev : new String[][] {{lab.out, "o0"}, {lab.br, "po"}, {lab.br, "pi"}, {lab.in, "i0"}}) {
            NetnsLab.must("ip", "-n", nsDev[0], "link", "set", nsDev[1], "mtu", Integer.toString(mtu));
        }
    }

    /** Sends one TCP frame of ten 1,000-byte segments from the outside host, as its stack would with TSO. */
    private void inject(int port) throws Exception {
        Path script = Path.of("src/test/resources/inject-coalesced.py").toAbsolutePath();
        NetnsLab.Result r = lab.run(lab.out, "python3", script.toString(), "o0", lab.mac(lab.in, "i0"),
                lab.mac(lab.out, "o0"), "10", "1000", Integer.toString(port));
        assertEquals(0, r.exitCode(), r.output());
    }

    private void setGro(String onOff) throws Exception {
        for (String dev : List.of("po", "pi")) {
            NetnsLab.must(NetnsLab.execIn(lab.br, "ethtool", "-K", dev, "gro", onOff));
        }
    }

    /**
     * Sends {@code bytes} of random data from the outside host to 172.16.27.70:{@code port} with nc over TCP and
     * checks that what arrives has the same SHA-256.
     */
    private void transferIntact(int bytes, int port) throws Exception {
        Path sent = dir.resolve("sent.bin");
        Path received = dir.resolve("received.bin");
        byte[] data = new byte[bytes];
        new java.util.Random(port).nextBytes(data);
        Files.write(sent, data);
        Process receiver = lab.start(lab.in, null, "bash", "-c",
                "exec nc -l 172.16.27.70 " + port + " < /dev/null > " + received);
        waitFor(() -> lab.run(lab.in, "bash", "-c", "ss -ltn | grep -q ':" + port + " '").exitCode() == 0,
                "the receiver to listen");
        NetnsLab.Result send = NetnsLab.exec(120, NetnsLab.execIn(lab.out, "bash", "-c",
                "exec nc -N 172.16.27.70 " + port + " < " + sent));
        assertEquals(0, send.exitCode(), "nc sent the file: " + send.output());
        assertTrue(receiver.waitFor(60, TimeUnit.SECONDS), "the receiver got the end of the stream");
        assertEquals(bytes, Files.size(received), "every byte arrived");
        assertEquals(sha256(sent), sha256(received), "the same bytes arrived");
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** A column of a port's row in /interfaces (0: port, 3: received, 5: dropped ...). */
    static long column(String interfaces, String port, int index) {
        return interfaces.lines().filter(l -> l.startsWith(port + " ")).map(l -> l.trim().split(" +"))
                .mapToLong(f -> Long.parseLong(f[index])).findFirst().orElseThrow();
    }

    static long coalesced(String interfaces, String port) {
        return column(interfaces, port, 10);
    }

    // ---- helpers ----

    void assertFalse(String host, int port) throws Exception {
        org.junit.jupiter.api.Assertions.assertFalse(connects(host, port),
                "tcp to " + host + ":" + port + " must be blocked");
    }

    /**
     * Connects from the outside host, giving a blocked attempt 0.6 s: the SYN is not retransmitted before 1 s, so
     * each blocked attempt is exactly one packet on the wire.
     */
    boolean connects(String host, int port) throws Exception {
        return lab.run(lab.out, "timeout", "0.6", "nc", "-z", host, Integer.toString(port)).exitCode() == 0;
    }

    /** Connects from the outside host with time to spare on a loaded machine: for connections that must pass. */
    boolean passes(String host, int port) throws Exception {
        return lab.run(lab.out, "nc", "-z", "-w", "5", host, Integer.toString(port)).exitCode() == 0;
    }

    String admin(String path) throws Exception {
        NetnsLab.Result r = lab.run(lab.br, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + ADMIN_PORT
                + "; printf 'GET " + path + " HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("HTTP/1.1 200"), r.output());
        return r.output().substring(r.output().indexOf("\r\n\r\n") + 4);
    }

    static long matches(String lists, String entry) {
        Matcher m = Pattern.compile(Pattern.quote(entry) + "(?: \\((\\d+) match(?:es)?\\))?\\n").matcher(lists);
        assertTrue(m.find(), "entry '" + entry + "' in\n" + lists);
        return m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    Bridge startBridge(Path config, Path log, String... extraOptions) throws Exception {
        Path output = dir.resolve("bridge.out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.perimeter.cli.PerimeterCommand", "bridge", "--config", config.toString(), "--port", "po",
                "--port", "pi=eth2/0", "--admin", "127.0.0.1:" + ADMIN_PORT, "--log", log.toString()));
        cmd.addAll(List.of(extraOptions));
        Process p = lab.start(lab.br, output, cmd.toArray(String[]::new));
        bridgeProcess = p;
        Bridge bridge = new Bridge(p, output);
        waitFor(() -> {
            if (!p.isAlive()) {
                fail("the bridge exited with " + p.exitValue() + ":\n" + bridge.output());
            }
            return bridge.output().contains("perimeter: bridging po <-> pi=eth2/0");
        }, "the bridge to start:\n" + bridge.output());
        return bridge;
    }

    record Bridge(Process process, Path outputFile) {
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
