package dev.perimeter.bench;

import dev.perimeter.acl.AccessList;
import dev.perimeter.classbench.ClassbenchConversion;
import dev.perimeter.classbench.ClassbenchFiles;
import dev.perimeter.classbench.ClassbenchGenerator;
import dev.perimeter.classbench.ClassbenchRule;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import dev.perimeter.match.compile.CompiledMatcher;
import dev.perimeter.match.compile.MatcherCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reference against compiled matcher, ns per packet: the seed list, random IOS lists of 10 to 100,000 entries
 * (every kind of entry a perimeter list carries), and ClassBench sets ({@code cb:NAME}) read from the directory
 * in {@code -Dclassbench.dir} (default {@code ../shared/classbench} or {@code ../../shared/classbench}) with
 * their own trace, or generated ClassBench-like sets of 10,000 rules when the files are not there.
 * {@code batch} is the compiled matcher classifying bursts of {@value #BURST} packets per call.
 * {@code -prof gc} shows the allocation per lookup (none).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class CompiledMatcherBenchmark {
    private static final int PACKETS = 4096;
    static final int BURST = 64;

    @Param({"seed", "10", "100", "1000", "10000", "100000", "cb:acl1_10k", "cb:acl2_10k", "cb:fw1_10k", "cb:ipc1_10k"})
    public String list;

    @Param({"reference", "compiled"})
    public String matcher;

    private Matcher single;
    private CompiledMatcher compiled;
    private PacketKey[] packets;
    private final PacketKey[] burst = new PacketKey[BURST];
    private final int[] results = new int[BURST];
    private int next;
    private int nextBurst;

    @Setup
    public void setUp() throws IOException {
        AccessList acl;
        if (list.startsWith("cb:")) {
            String name = list.substring(3);
            Path dir = classbenchDir();
            List<ClassbenchRule> rules;
            ClassbenchFiles.Trace trace;
            if (dir != null && Files.exists(dir.resolve(name))) {
                rules = ClassbenchFiles.readRules(dir.resolve(name));
                trace = ClassbenchFiles.readTrace(dir.resolve(name + "_trace"));
            } else {
                ClassbenchGenerator gen = new ClassbenchGenerator(name.hashCode(), 10_000 / 8);
                rules = gen.rules(10_000, false);
                trace = gen.trace(rules, 100_000);
            }
            acl = ClassbenchConversion.toAccessList("cb", rules);
            packets = new PacketKey[PACKETS];
            Random rnd = new Random(3);
            for (int i = 0; i < PACKETS; i++) {
                packets[i] = trace.packets()[rnd.nextInt(trace.size())];
            }
        } else {
            String text = list.equals("seed") ? RandomConfigs.SEED_ROUTER
                    : RandomConfigs.extendedList("bench", Integer.parseInt(list), 42);
            ParseResult r = ConfigParser.parse("bench", text);
            if (!r.isValid()) {
                throw new IllegalStateException(r.formatErrors());
            }
            acl = r.config().accessLists().values().iterator().next();
            packets = ReferenceMatcherBenchmark.packets(acl, new Random(7));
        }
        compiled = MatcherCompiler.compile(acl);
        single = matcher.equals("reference") ? Matchers.reference(acl) : compiled;
        System.out.println("\n" + list + ": " + acl.size() + " entries, " + compiled.strategy() + ", "
                + compiled.memoryBytes() + " bytes");
    }

    private static Path classbenchDir() {
        String prop = System.getProperty("classbench.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        for (String c : new String[] {"../shared/classbench", "../../shared/classbench"}) {
            if (Files.isDirectory(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    @Benchmark
    public int match() {
        PacketKey p = packets[next];
        next = (next + 1) & (PACKETS - 1);
        return single.match(p);
    }

    /** The compiled matcher over bursts, as the pipelines call it; time per packet. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int batch() {
        System.arraycopy(packets, nextBurst, burst, 0, BURST);
        nextBurst = (nextBurst + BURST) & (PACKETS - 1);
        compiled.matchBatch(burst, BURST, results);
        return results[BURST - 1];
    }
}
