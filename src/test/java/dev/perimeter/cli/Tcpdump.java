package dev.perimeter.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads capture files back with the real tcpdump (libpcap): what a user would open them with. */
final class Tcpdump {
    private Tcpdump() {
    }

    static String binary() {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(dir, "tcpdump"))) {
                return dir + "/tcpdump";
            }
        }
        return null;
    }

    /** Skips the test when tcpdump is missing, except under CI where it must be installed. */
    static void require() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci && binary() == null) {
            throw new AssertionError("tcpdump is required under CI (.ci/run installs it)");
        }
        assumeTrue(binary() != null, "tcpdump is not installed");
    }

    /** {@code tcpdump -r FILE -nn [-tt] [FILTER]}: one line per frame. Fails when tcpdump cannot read the file. */
    static List<String> read(Path file, String filter, boolean epochTimes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary(), "-r", file.toString(), "-nn"));
        if (epochTimes) {
            cmd.add("-tt");
        }
        if (filter != null) {
            cmd.add(filter);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tcpdump could not read " + file + ": " + err);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    static int count(Path file, String filter) throws IOException, InterruptedException {
        return read(file, filter, false).size();
    }
}
