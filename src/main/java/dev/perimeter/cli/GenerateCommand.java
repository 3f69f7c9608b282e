package dev.perimeter.cli;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.file.FloodTraffic;
import dev.perimeter.io.file.SampleCaptures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perimeter generate}: writes the sample captures and large synthetic captures for benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes sample captures: the seed filter verification, its two-interface pcapng, "
                + "or a large random traffic mix.",
        subcommands = {GenerateCommand.Seed.class, GenerateCommand.TwoSided.class, GenerateCommand.Samples.class,
                GenerateCommand.Flood.class})
public final class GenerateCommand implements Runnable {
    static final String SEED_FILE = "seed-verification.pcap";
    static final String TWO_SIDED_FILE = "seed-two-sided.pcapng";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Path prepare(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return out;
    }

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "The seed filter verification as captured on the outside link (Ethernet, pcap).")
    static final class Seed implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "OUT", description = "Output file (default: pcaps/" + SEED_FILE + ").")
        Path out = Path.of("pcaps", SEED_FILE);

        @Override
        public Integer call() throws IOException {
            int n = SampleCaptures.writeSeedVerification(prepare(out));
            spec.commandLine().getOut().println("wrote " + n + " frames to " + out);
            return 0;
        }
    }

    @Command(name = "two-sided", mixinStandardHelpOptions = true,
            description = "The seed traffic in pcapng over two interfaces: what entered on eth1/0 (outside) "
                    + "and on eth2/0 (inside).")
    static final class TwoSided implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "OUT",
                description = "Output file (default: pcaps/" + TWO_SIDED_FILE + ").")
        Path out = Path.of("pcaps", TWO_SIDED_FILE);

        @Override
        public Integer call() throws IOException {
            int n = SampleCaptures.writeSeedTwoSided(prepare(out));
            spec.commandLine().getOut().println("wrote " + n + " frames to " + out);
            return 0;
        }
    }

    @Command(name = "samples", mixinStandardHelpOptions = true,
            description = "Every shipped sample capture into a directory.")
    static final class Samples implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Output directory (default: pcaps).")
        Path dir = Path.of("pcaps");

        @Override
        public Integer call() throws IOException {
            Files.createDirectories(dir);
            int seed = SampleCaptures.writeSeedVerification(dir.resolve(SEED_FILE));
            spec.commandLine().getOut().println("wrote " + seed + " frames to " + dir.resolve(SEED_FILE));
            int two = SampleCaptures.writeSeedTwoSided(dir.resolve(TWO_SIDED_FILE));
            spec.commandLine().getOut().println("wrote " + two + " frames to " + dir.resolve(TWO_SIDED_FILE));
            return 0;
        }
    }

    @Command(name = "flood", mixinStandardHelpOptions = true,
            description = "A large reproducible traffic mix on the outside link for replay benchmarks.")
    static final class Flood implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--frames", paramLabel = "N", description = "Number of frames (default: ${DEFAULT-VALUE}).")
        long frames = 2_000_000;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed = 1;

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "pcap, pcap_nano or pcapng (two interfaces eth1/0 and eth2/0) "
                        + "(default: ${DEFAULT-VALUE}).")
        String format = "pcap";

        @Parameters(paramLabel = "OUT", description = "Output file.")
        Path out;

        @Override
        public Integer call() throws IOException {
            CaptureFormat f;
            try {
                f = CaptureFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("perimeter generate flood: unknown format '" + format
                        + "' (pcap, pcap_nano, pcapng)");
                return 2;
            }
            if (frames < 0) {
                spec.commandLine().getErr().println("perimeter generate flood: --frames must not be negative");
                return 2;
            }
            long bytes = FloodTraffic.write(prepare(out), f, frames, seed);
            spec.commandLine().getOut().println("wrote " + frames + " frames (" + bytes + " bytes of frame data) to " + out);
            return 0;
        }
    }
}
