package dev.perimeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.classbench.ClassbenchFiles;
import dev.perimeter.classbench.ClassbenchRule;
import dev.perimeter.match.PacketKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassbenchCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, String... args) {
        CommandLine cl = PerimeterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    /** An output that would overwrite the rule file, or generated files that would overwrite each other. */
    @Test
    void outputsThatWouldOverwriteTheirInputsAreRefused() throws Exception {
        Path rules = dir.resolve("set");
        Path trace = dir.resolve("set_trace");
        StringWriter out = new StringWriter();
        assertEquals(2, run(out, "classbench", "--generate", "10", "--rules", rules.toString(), "--trace",
                rules.toString()));
        assertTrue(out.toString().contains("rule file (--rules) and trace file (--trace) name the same file"),
                out.toString());
        assertTrue(Files.notExists(rules));
        assertEquals(0, run(new StringWriter(), "classbench", "--generate", "10", "--rules", rules.toString(),
                "--trace", trace.toString(), "--iterations", "1"));
        String written = Files.readString(rules);
        out = new StringWriter();
        assertEquals(2, run(out, "classbench", "--rules", rules.toString(), "--trace", trace.toString(),
                "--results", trace.toString()));
        assertTrue(out.toString().contains("--results " + trace + " is the trace file (--trace)"), out.toString());
        assertEquals(written, Files.readString(rules));
        assertTrue(Files.size(trace) > 0);
    }

    /** Generated files, compiled and verified; the results file holds ClassBench's own first match per line. */
    @Test
    void resultsAreTheFirstMatchingRules() throws Exception {
        Path rules = dir.resolve("set");
        Path trace = dir.resolve("set_trace");
        Path results = dir.resolve("results");
        Path config = dir.resolve("set.cfg");
        StringWriter out = new StringWriter();
        int code = run(out, "classbench", "--generate", "500", "--seed", "3", "--rules", rules.toString(), "--trace",
                trace.toString(), "--iterations", "1", "--results", results.toString(), "--verify", "--emit-config",
                config.toString());
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("verify:         5000 packets, 0 differences"), out.toString());
        assertTrue(out.toString().matches("(?s).*build: +[0-9.]+ ms.*memory: +[0-9]+ bytes.*ns/lookup: +[0-9.]+.*"), out.toString());
        List<ClassbenchRule> set = ClassbenchFiles.readRules(rules);
        ClassbenchFiles.Trace t = ClassbenchFiles.readTrace(trace);
        List<String> lines = Files.readAllLines(results);
        assertEquals(t.size(), lines.size());
        for (int i = 0; i < t.size(); i++) {
            PacketKey k = t.packets()[i];
            int first = -1;
            for (int r = 0; r < set.size() && first < 0; r++) {
                if (set.get(r).matches(k.source, k.destination, k.sourcePort, k.destinationPort, k.protocol)) {
                    first = r;
                }
            }
            assertEquals(Integer.toString(first), lines.get(i), "trace line " + (i + 1));
        }
        List<String> cfg = Files.readAllLines(config);
        assertEquals("ip access-list extended set", cfg.get(0));
        assertEquals(501, cfg.size());
    }

    @Test
    void missingFileIsAClearError() {
        StringWriter out = new StringWriter();
        int code = run(out, "classbench", "--rules", dir.resolve("nope").toString());
        assertEquals(2, code);
        assertTrue(out.toString().contains("nope"), out.toString());
    }
}
