package dev.perimeter.bench;

import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parsing a configuration whose one extended list has {@code entries} entries (100,000 by default). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ConfigParseBenchmark {

    @Param({"100000"})
    public int entries;

    private String text;

    @Setup
    public void setUp() {
        text = RandomConfigs.extendedList("big", entries, 1) + "interface eth0\n ip access-group big in\n";
        ParseResult r = ConfigParser.parse("big.cfg", text);
        if (!r.isValid() || r.config().entryCount() != entries) {
            throw new IllegalStateException("the generated config does not parse: " + r.formatErrors());
        }
    }

    @Benchmark
    public ParseResult parse() {
        return ConfigParser.parse("big.cfg", text);
    }
}
