package dev.perimeter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs tcpdump, tshark and python3/scapy for interoperability tests; required on CI, skipped where missing. */
public final class ExternalTools {
    private ExternalTools() {
    }

    public static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    public static boolean installed(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the test when {@code tool} is missing, except on CI where tcpdump must be there (.ci/run installs it). */
    public static void require(String tool) {
        if (onCi() && tool.equals("tcpdump") && !installed(tool)) {
            throw new AssertionError("tcpdump is required under CI (.ci/run installs it)");
        }
        Assumptions.assumeTrue(installed(tool), tool + " is not installed");
    }

    public static void requireScapy() {
        require("python3");
        Assumptions.assumeTrue(run(List.of("python3", "-c", "import scapy.all"), false).exitCode == 0,
                "python3-scapy is not installed");
    }

    public record Result(int exitCode, List<String> out, String err) {
    }

    public static Result run(List<String> command, boolean mustSucceed) {
        try {
            Path out = Files.createTempFile("perimeter-tool", ".out");
            Path err = Files.createTempFile("perimeter-tool", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            Result r = new Result(p.exitValue(), new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8)),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            if (mustSucceed && r.exitCode != 0) {
                throw new AssertionError(command + " failed (" + r.exitCode + "): " + r.err);
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * {@code tcpdump -r FILE -nn -tt [args]}: one line per frame (more with {@code -xx}); null args are left out,
     * so a filter may be null. Fails when tcpdump cannot read the file.
     */
    public static List<String> tcpdump(Path file, String... args) {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-r", file.toString(), "-nn", "-tt"));
        for (String arg : args) {
            if (arg != null) {
                command.add(arg);
            }
        }
        return run(command, true).out;
    }

    /** How many frames of FILE the BPF {@code filter} selects (all of them when null), as tcpdump counts. */
    public static int tcpdumpCount(Path file, String filter) {
        return tcpdump(file, filter).size();
    }
}
