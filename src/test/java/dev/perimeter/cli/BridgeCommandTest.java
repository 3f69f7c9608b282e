package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bridge's refusals: each names the problem in words an operator can act on, before touching a port. */
class BridgeCommandTest {
    private static final String SEED = "examples/seed-router.cfg";

    @TempDir
    Path dir;

    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = PerimeterCommand.commandLine().execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void adminOutsideLoopbackIsAUsageError() {
        Run r = run("bridge", "--config", SEED, "--port", "a", "--port", "b", "--admin", "0.0.0.0:8080");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("loopback only"), r.err());
    }

    @Test
    void anUnknownIoModeIsAUsageErrorNamingTheModes() {
        Run r = run("bridge", "--config", SEED, "--port", "a", "--port", "b", "--io", "netmap");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--io must be one of auto, af-packet, pcap: netmap"), r.err());
    }

    @Test
    void aLogFileThatIsTheConfigurationIsRefused() throws Exception {
        Path cfg = Files.copy(Path.of(SEED), dir.resolve("router.cfg"));
        String before = Files.readString(cfg);
        Run r = run("bridge", "--config", cfg.toString(), "--port", "a", "--port", "b", "--log", cfg.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--log " + cfg + " is the configuration"), r.err());
        assertEquals(before, Files.readString(cfg));
    }

    @Test
    void aConfigurationWithErrorsIsShownWithItsCaret() throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "ip access-list extended f\n permit tcp any any eq nonsense\n");
        Run r = run("bridge", "--config", cfg.toString(), "--port", "a", "--port", "b");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("bad.cfg:2:"), r.err());
        assertTrue(r.err().contains("% Invalid input detected at '^' marker."), r.err());
    }

    @Test
    void missingInterfacesAreNamed() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "privileges are checked first");
        Run r = run("bridge", "--config", SEED, "--port", "nosuchif0", "--port", "nosuchif1=eth2/0");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("no such network interface: nosuchif0, nosuchif1"), r.err());
    }

    /** A child JVM whose capabilities are taken away must say what it needs, not fail somewhere in libpcap. */
    @Test
    void withoutRawSocketCapabilitiesTheRemedyIsNamed() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of(
                "/usr/bin/setpriv")), "needs root and setpriv to drop capabilities");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--inh-caps", "-net_raw,-net_admin",
                "--bounding-set", "-net_raw,-net_admin"));
        cmd.addAll(javaCommand());
        cmd.addAll(List.of("bridge", "--config", SEED, "--port", "a0", "--port", "b0"));
        String[] result = runChild(cmd);
        assertEquals("1", result[0], result[1]);
        assertTrue(result[1].contains("CAP_NET_RAW and CAP_NET_ADMIN"), result[1]);
        assertTrue(result[1].contains("setcap cap_net_raw,cap_net_admin=eip"), result[1]);
    }

    @Test
    void aMissingLibpcapIsNamed() throws Exception {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.add(1, "-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8");
        cmd.addAll(List.of("bridge", "--config", SEED, "--port", "a0", "--port", "b0"));
        String[] result = runChild(cmd);
        assertEquals("1", result[0], result[1]);
        assertTrue(result[1].contains("libpcap is not installed or cannot be loaded"), result[1]);
    }

    private static List<String> javaCommand() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), PerimeterCommand.class.getName()));
    }

    private static String[] runChild(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ends");
        return new String[] {Integer.toString(p.exitValue()),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)};
    }
}
