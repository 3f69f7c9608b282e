package dev.perimeter.cli;

import dev.perimeter.acl.AccessList;
import dev.perimeter.classbench.ClassbenchConversion;
import dev.perimeter.classbench.ClassbenchFiles;
import dev.perimeter.classbench.ClassbenchGenerator;
import dev.perimeter.classbench.ClassbenchRule;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import dev.perimeter.match.compile.CompiledMatcher;
import dev.perimeter.match.compile.MatcherCompiler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code perimeter classbench}: a ClassBench rule set as one access list, compiled and timed over a trace. */
@Command(name = "classbench", mixinStandardHelpOptions = true,
        description = "Compiles a ClassBench rule file into one extended access list and times lookups over a trace.")
public final class ClassbenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "ClassBench rule file (@SA/len DA/len ...).")
    Path rules;

    @Option(names = "--trace", paramLabel = "FILE", description = "ClassBench trace file (SA DA SP DP PROTO ...).")
    Path trace;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "20",
            description = "Passes over the trace that are timed, after untimed warm-up passes (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--results", paramLabel = "OUT",
            description = "Write the 0-based index of the first matching rule for each trace line, -1 for none.")
    Path results;

    @Option(names = "--batched", description = "Classify in bursts of " + BURST + " packets per call (matchBatch) instead of one per call.")
    boolean batched;

    @Option(names = "--verify", description = "Check every lookup against the reference matcher; exit 1 on any difference.")
    boolean verify;

    @Option(names = "--emit-config", paramLabel = "OUT", description = "Write the list as IOS configuration text.")
    Path emitConfig;

    @Option(names = "--generate", paramLabel = "N",
            description = "First write a generated ClassBench-like set of N rules to the --rules file and a trace of 10 headers per rule to the --trace file.")
    Integer generate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for --generate (default ${DEFAULT-VALUE}).")
    long seed;

    /** An output that is an input or another output (--generate makes the rule and trace files outputs too). */
    private String clobbered() throws IOException {
        OutputClash.NamedFile rulesFile = new OutputClash.NamedFile("rule file (--rules)", rules);
        OutputClash.NamedFile traceFile = new OutputClash.NamedFile("trace file (--trace)", trace);
        List<OutputClash.NamedFile> written = new ArrayList<>();
        if (generate != null) {
            written.add(rulesFile);
            written.add(traceFile);
        }
        written.add(new OutputClash.NamedFile("--results", results));
        written.add(new OutputClash.NamedFile("--emit-config", emitConfig));
        return OutputClash.find(generate != null ? List.of() : List.of(rulesFile, traceFile), written);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (iterations < 1) {
            err.println("perimeter classbench: --iterations must be at least 1");
            return 2;
        }
        if (trace == null && (results != null || verify)) {
            err.println("perimeter classbench: --results and --verify need --trace");
            return 2;
        }
        String clash = clobbered();
        if (clash != null) {
            err.println("perimeter classbench: " + clash);
            return 2;
        }
        if (generate != null) {
            if (generate < 1 || trace == null) {
                err.println("perimeter classbench: --generate needs N >= 1 and a --trace file to write");
                return 2;
            }
            ClassbenchGenerator generator = new ClassbenchGenerator(seed, Math.max(4, generate / 8));
            List<ClassbenchRule> made = generator.rules(generate, false);
            ClassbenchFiles.writeRules(rules, made);
            ClassbenchFiles.writeTrace(trace, generator.trace(made, generate * 10));
        }
        List<ClassbenchRule> ruleList;
        ClassbenchFiles.Trace packets = null;
        try {
            ruleList = ClassbenchFiles.readRules(rules);
            if (trace != null) {
                packets = ClassbenchFiles.readTrace(trace);
            }
        } catch (IOException e) {
            err.println("perimeter classbench: " + e.getMessage());
            return 2;
        }
        AccessList list = ClassbenchConversion.toAccessList(nameOf(rules), ruleList);
        if (emitConfig != null) {
            try {
                Files.writeString(emitConfig, ClassbenchConversion.toConfig(list), StandardCharsets.US_ASCII);
            } catch (IllegalArgumentException e) {
                err.println("perimeter classbench: " + e.getMessage());
                return 2;
            }
        }
        long t0 = System.nanoTime();
        CompiledMatcher matcher = MatcherCompiler.compile(list);
        long buildNanos = System.nanoTime() - t0;
        out.printf("rules:          %d%n", list.size());
        out.printf("strategy:       %s%n", matcher.strategy());
        out.printf("build:          %.1f ms%n", buildNanos / 1e6);
        out.printf("memory:         %d bytes (%d for non-initial fragments)%n", matcher.memoryBytes(),
                matcher.fragmentTableBytes());
        if (packets == null) {
            out.flush();
            return 0;
        }
        PacketKey[] keys = packets.packets();
        int[] answers = new int[keys.length];
        long sink = 0;
        // warm up until the JIT has compiled the lookup path, whatever the trace length
        for (long done = 0; done < 3_000_000 || done == 0; done += keys.length) {
            sink += run(matcher, keys, answers, batched);
        }
        long total = 0;
        long bestPass = Long.MAX_VALUE;
        for (int i = 0; i < iterations; i++) {
            long t1 = System.nanoTime();
            sink += run(matcher, keys, answers, batched);
            long pass = System.nanoTime() - t1;
            total += pass;
            bestPass = Math.min(bestPass, pass);
        }
        long lookups = (long) iterations * keys.length;
        out.printf("trace:          %d packets x %d iterations (checksum %d)%n", keys.length, iterations, sink);
        out.printf("mode:           %s%n", batched ? "bursts of " + BURST : "one packet per call");
        out.printf("lookups/s:      %.0f%n", lookups / (total / 1e9));
        out.printf("ns/lookup:      %.1f%n", (double) total / Math.max(1, lookups));
        out.printf("best pass:      %.1f ns/lookup%n", (double) bestPass / Math.max(1, keys.length));
        if (results != null) {
            try (BufferedWriter w = Files.newBufferedWriter(results, StandardCharsets.US_ASCII)) {
                for (int a : answers) {
                    w.write(Integer.toString(a));
                    w.write('\n');
                }
            }
        }
        if (verify) {
            Matcher reference = Matchers.reference(list);
            int differences = 0;
            for (int i = 0; i < keys.length; i++) {
                int expected = reference.match(keys[i]);
                if (expected != answers[i]) {
                    if (differences++ < 10) {
                        err.printf("difference at trace line %d (%s): compiled %d, reference %d%n", i + 1, keys[i], answers[i], expected);
                    }
                }
            }
            out.printf("verify:         %d packets, %d differences%n", keys.length, differences);
            out.flush();
            return differences == 0 ? 0 : 1;
        }
        out.flush();
        return 0;
    }

    /** Bursts of packets, as the pipelines hand them over and as dpdk-test-acl classifies its trace. */
    static final int BURST = 64;

    private static long run(CompiledMatcher matcher, PacketKey[] keys, int[] answers, boolean batched) {
        long sum = 0;
        if (batched) {
            PacketKey[] burst = new PacketKey[BURST];
            int[] out = new int[BURST];
            for (int from = 0; from < keys.length; from += BURST) {
                int n = Math.min(BURST, keys.length - from);
                System.arraycopy(keys, from, burst, 0, n);
                matcher.matchBatch(burst, n, out);
                System.arraycopy(out, 0, answers, from, n);
            }
        } else {
            for (int i = 0; i < keys.length; i++) {
                answers[i] = matcher.match(keys[i]);
            }
        }
        for (int a : answers) {
            sum += a;
        }
        return sum;
    }

    private static String nameOf(Path file) {
        String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "cb_" + name : name;
    }
}
