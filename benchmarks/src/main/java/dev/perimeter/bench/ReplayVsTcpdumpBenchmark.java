package dev.perimeter.bench;

import dev.perimeter.cli.PerimeterCommand;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.file.FloodTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code perimeter replay} of a large flood capture against {@code tcpdump -r IN -w OUT -F EXPR} with the
 * equivalent filter on the same file, in the same run: the seed list and the 1,000-entry list of
 * {@link ReplayLists}. Each operation is one whole replay writing the forwarded frames to a file, run through the
 * command line's own code in this JVM (parsing the configuration, compiling the lists, the summary), so the
 * figure is Perimeter's sustained rate, without the JVM's start-up. {@code benchmarks/replay-vs-tcpdump.sh}
 * times the same work as two commands, start-up included. Before each operation the previous output is deleted,
 * so that neither tool pays for freeing the other's file. Frames per second are {@code frames} / (s/op).
 *
 * <pre>java -jar target/benchmarks.jar ReplayVsTcpdumpBenchmark            # -Dreplay.dir=DIR keeps the capture</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class ReplayVsTcpdumpBenchmark {
    @Param({"seed", "1000"})
    public String list;

    @Param({"2000000"})
    public int frames;

    private Path dir;
    private boolean ownDir;
    private Path capture;
    private Path config;
    private Path filter;
    private Path output;
    private PrintStream stdout;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String kept = System.getProperty("replay.dir");
        ownDir = kept == null;
        dir = ownDir ? Files.createTempDirectory("replay-vs-tcpdump") : Files.createDirectories(Path.of(kept));
        capture = dir.resolve("flood-" + frames + ".pcap");
        if (!Files.exists(capture)) {
            FloodTraffic.write(capture, CaptureFormat.PCAP, frames, 1);
        }
        ReplayLists.Pair pair = list.equals("seed") ? ReplayLists.seed() : ReplayLists.large(1000, 1);
        config = Files.writeString(dir.resolve(list + ".cfg"), pair.config());
        filter = Files.writeString(dir.resolve(list + ".bpf"), pair.bpf());
        output = dir.resolve("forwarded-" + list + ".pcap");
        // the replay prints its JSON summary once per operation: not wanted among JMH's lines
        stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    @Setup(Level.Iteration)
    public void removeOutput() throws IOException {
        Files.deleteIfExists(output);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        System.setOut(stdout);
        Files.deleteIfExists(output);
        if (ownDir) {
            for (Path p : new Path[] {capture, config, filter}) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    @Benchmark
    public void perimeter() {
        int code = PerimeterCommand.commandLine().execute("replay", "--config", config.toString(),
                "--egress", "eth2/0", capture.toString(), "--forwarded", output.toString(),
                "--log", "/dev/null", "--json");
        if (code != 0) {
            throw new IllegalStateException("perimeter replay exited with " + code);
        }
    }

    @Benchmark
    public void tcpdump() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tcpdump", "-r", capture.toString(), "-w", output.toString(),
                "-F", filter.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tcpdump exited with " + p.exitValue());
        }
    }
}
