package dev.perimeter.bench;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import java.util.Random;
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

/**
 * The linear reference matcher: one packet classified per operation, over the seed list and random lists of
 * growing size. Half the packets are drawn to hit a random entry, half are random; the set is fixed per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReferenceMatcherBenchmark {
    private static final int PACKETS = 4096;

    @Param({"seed", "10", "100", "1000"})
    public String list;

    private Matcher matcher;
    private PacketKey[] packets;
    private int next;

    @Setup
    public void setUp() {
        String text = list.equals("seed") ? RandomConfigs.SEED_ROUTER
                : RandomConfigs.extendedList("bench", Integer.parseInt(list), 42);
        ParseResult r = ConfigParser.parse("bench", text);
        if (!r.isValid()) {
            throw new IllegalStateException(r.formatErrors());
        }
        AccessList acl = r.config().accessLists().values().iterator().next();
        matcher = Matchers.reference(acl);
        packets = packets(acl, new Random(7));
    }

    static PacketKey[] packets(AccessList acl, Random rnd) {
        PacketKey[] out = new PacketKey[PACKETS];
        int[] protocols = {6, 6, 6, 17, 17, 1};
        for (int i = 0; i < PACKETS; i++) {
            PacketKey p = new PacketKey();
            p.protocol = protocols[rnd.nextInt(protocols.length)];
            p.source = rnd.nextInt();
            p.destination = rnd.nextInt();
            p.sourcePort = rnd.nextInt(65536);
            p.destinationPort = rnd.nextInt(65536);
            p.tcpFlags = rnd.nextInt(64);
            p.ttl = 64;
            if (rnd.nextBoolean()) {
                // aim at one entry: take its addresses and its first port
                AccessListEntry e = acl.entry(rnd.nextInt(acl.size()));
                if (e.protocol() >= 0) {
                    p.protocol = e.protocol();
                }
                p.source = e.source().address() | (rnd.nextInt() & e.source().wildcard());
                p.destination = e.destination().address() | (rnd.nextInt() & e.destination().wildcard());
                if (!e.destinationPort().isAny()) {
                    p.destinationPort = e.destinationPort().value(0);
                }
                if (e.icmpType() >= 0) {
                    p.icmpType = e.icmpType();
                }
            }
            out[i] = p;
        }
        return out;
    }

    @Benchmark
    public int match() {
        PacketKey p = packets[next];
        next = (next + 1) & (PACKETS - 1);
        return matcher.match(p);
    }
}
