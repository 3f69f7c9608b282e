package dev.perimeter.match.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.classbench.ClassbenchConversion;
import dev.perimeter.classbench.ClassbenchFiles;
import dev.perimeter.classbench.ClassbenchGenerator;
import dev.perimeter.classbench.ClassbenchRule;
import dev.perimeter.match.LinearMatcher;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.PacketKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled matcher against the linear reference, packet by packet, single and batched lookups. The total
 * number of packets is the system property {@code differential.packets} (a million by default, a hundred
 * million with {@code -Pexhaustive}); any difference fails with the list, the packet and both answers.
 */
class CompiledMatcherDifferentialTest {
    private static final long TOTAL = Long.getLong("differential.packets", 1_000_000L);

    @Test
    void randomListsWithEveryFeature() {
        long budget = TOTAL * 40 / 100;
        long done = 0;
        long seed = 1;
        while (done < budget) {
            RandomAcl gen = new RandomAcl(seed++);
            int size = 1 + gen.nextInt(seed % 5 == 0 ? 400 : 40);
            AccessList list = gen.list(size);
            // every other list also with a tiny table budget: split into groups and widened leaves
            done += compare(list, seed % 2 == 0 ? MatcherCompiler.compile(list) : MatcherCompiler.compile(list, 200 + seed % 7 * 300),
                    gen, (int) Math.min(4_000, Math.max(1, budget - done)));
        }
    }

    /** Lists whose entries name object groups: both matchers judge the expansion and answer the written index. */
    @Test
    void randomListsWithObjectGroups() {
        long budget = TOTAL * 15 / 100;
        long done = 0;
        long seed = 1;
        while (done < budget) {
            RandomAcl gen = new RandomAcl(seed++);
            AccessList list = gen.listWithGroups(1 + gen.nextInt(seed % 5 == 0 ? 150 : 25));
            assertTrue(list.usesObjectGroups() || list.size() < 3, "the generator names groups");
            done += compare(list, seed % 2 == 0 ? MatcherCompiler.compile(list) : MatcherCompiler.compile(list, 200 + seed % 7 * 300),
                    gen, (int) Math.min(4_000, Math.max(1, budget - done)));
        }
    }

    /**
     * Lists whose entries name time ranges (with and without object groups), in every state of their ranges: the
     * reference and the compiled matcher judge the list as it stands in that state, and the reference agrees
     * with first match over the whole list skipping the entries whose range is not in effect.
     */
    @Test
    void randomListsWithTimeRangesInEveryState() {
        long budget = TOTAL * 10 / 100;
        long done = 0;
        long seed = 1;
        while (done < budget) {
            RandomAcl gen = new RandomAcl(seed++).withTimeRanges(3);
            int size = 1 + gen.nextInt(seed % 5 == 0 ? 120 : 25);
            AccessList list = seed % 2 == 0 ? gen.list(size) : gen.listWithGroups(size);
            for (int state = 0; state < 8 && done < budget; state++) {
                int bits = state;
                java.util.function.Predicate<String> active = name -> (bits >> (name.charAt(2) - '0') & 1) != 0;
                AccessList view = list.withTimeRanges(active);
                if (view.plainEntries().isEmpty()) {
                    continue;
                }
                CompiledMatcher compiled = seed % 3 == 0 ? MatcherCompiler.compile(view, 300)
                        : MatcherCompiler.compile(view);
                done += compare(view, compiled, gen, (int) Math.min(600, Math.max(1, budget - done)));
                Matcher reference = new LinearMatcher(view);
                PacketKey p = new PacketKey();
                for (int i = 0; i < 300; i++) {
                    PacketKey k = gen.nextInt(3) == 0 ? gen.randomPacket(p)
                            : gen.packetFor(list.plainEntries().get(gen.nextInt(list.plainEntries().size())), p);
                    assertEquals(skippingInactive(list, active, k), reference.match(k),
                            () -> "state " + bits + " " + k);
                }
            }
        }
    }

    /** First match over every plain entry of the list, passing over those whose written entry's range is off. */
    private static int skippingInactive(AccessList list, java.util.function.Predicate<String> active, PacketKey p) {
        for (int i = 0; i < list.plainEntries().size(); i++) {
            AccessListEntry e = list.plainEntries().get(i);
            if ((e.timeRange() == null || active.test(e.timeRange())) && dev.perimeter.match.EntryTest.decides(e, p)) {
                return list.writtenIndex(i);
            }
        }
        return Matcher.NO_MATCH;
    }

    /** A list of 100,000 entries builds within bounds and still answers as the reference does. */
    @Test
    void hundredThousandEntries() {
        ClassbenchGenerator gen = new ClassbenchGenerator(13, 100_000 / 8);
        List<ClassbenchRule> set = gen.rules(100_000, false);
        AccessList list = ClassbenchConversion.toAccessList("big", set);
        CompiledMatcher compiled = MatcherCompiler.compile(list);
        assertTrue(compiled.memoryBytes() < 256L << 20, compiled.strategy() + " " + compiled.memoryBytes());
        Checker check = new Checker(list, compiled, new LinearMatcher(list));
        for (PacketKey k : gen.trace(set, 5_000).packets()) {
            check.packet(k);
        }
        check.finish();
    }

    @Test
    void classbenchLikeSetOf1k() {
        compareClassbench(11, 1_000, TOTAL * 25 / 100);
    }

    @Test
    void classbenchLikeSetOf10k() {
        compareClassbench(12, 10_000, TOTAL * 20 / 100);
    }

    /**
     * Every plain entry's boundaries (an entry naming object groups has one per combination of members), then
     * packets aimed at random plain entries and random packets.
     */
    private static long compare(AccessList list, CompiledMatcher compiled, RandomAcl gen, int packets) {
        Matcher reference = new LinearMatcher(list);
        Checker check = new Checker(list, compiled, reference);
        PacketKey p = new PacketKey();
        List<AccessListEntry> plain = list.plainEntries();
        for (AccessListEntry e : plain) {
            gen.corners(e, check::packet);
            for (int i = 0; i < 4; i++) {
                check.packet(gen.packetFor(e, p));
            }
        }
        for (int i = 0; i < packets; i++) {
            if (gen.nextInt(4) == 0) {
                check.packet(gen.randomPacket(p));
            } else {
                check.packet(gen.packetFor(plain.get(gen.nextInt(plain.size())), p));
            }
        }
        check.finish();
        return check.count;
    }

    private static void compareClassbench(long seed, int rules, long packets) {
        ClassbenchGenerator gen = new ClassbenchGenerator(seed, rules / 8);
        List<ClassbenchRule> set = gen.rules(rules, seed % 2 == 0);
        AccessList list = ClassbenchConversion.toAccessList("cb", set);
        CompiledMatcher compiled = MatcherCompiler.compile(list);
        Checker check = new Checker(list, compiled, new LinearMatcher(list));
        // corners: each rule's prefix ends and port range ends, one field at a time
        PacketKey p = new PacketKey();
        for (ClassbenchRule r : set) {
            int[] src = {r.source(), r.source() | ~ClassbenchRule.prefixMask(r.sourceLength()), r.source() - 1,
                    (r.source() | ~ClassbenchRule.prefixMask(r.sourceLength())) + 1};
            int[] dst = {r.destination(), r.destination() | ~ClassbenchRule.prefixMask(r.destinationLength()),
                    r.destination() - 1, (r.destination() | ~ClassbenchRule.prefixMask(r.destinationLength())) + 1};
            int[] sp = clip(r.sourcePortLow(), r.sourcePortHigh());
            int[] dp = clip(r.destinationPortLow(), r.destinationPortHigh());
            for (int i = 0; i < 4; i++) {
                check.packet(corner(p, r, src[i], r.destination(), r.sourcePortLow(), r.destinationPortLow()));
                check.packet(corner(p, r, r.source(), dst[i], r.sourcePortLow(), r.destinationPortLow()));
                check.packet(corner(p, r, r.source(), r.destination(), sp[i], r.destinationPortLow()));
                check.packet(corner(p, r, r.source(), r.destination(), r.sourcePortLow(), dp[i]));
            }
        }
        long left = packets - check.count;
        ClassbenchFiles.Trace trace = gen.trace(set, (int) Math.max(1, Math.min(left, 2_000_000)));
        while (check.count < packets) {
            for (PacketKey k : trace.packets()) {
                check.packet(k);
                if (check.count >= packets) {
                    break;
                }
            }
            if (check.count < packets) {
                trace = gen.trace(set, trace.size());
            }
        }
        check.finish();
        assertTrue(check.matched > check.count / 2, "most trace packets hit a rule");
    }

    private static int[] clip(int lo, int hi) {
        return new int[] {lo, hi, Math.max(0, lo - 1), Math.min(65535, hi + 1)};
    }

    private static PacketKey corner(PacketKey p, ClassbenchRule r, int src, int dst, int sp, int dp) {
        p.clear();
        p.source = src;
        p.destination = dst;
        p.sourcePort = sp;
        p.destinationPort = dp;
        p.protocol = r.anyProtocol() ? 17 : r.protocol();
        return p;
    }

    /** Compares one packet at a time, and the same packets again in batches. */
    private static final class Checker {
        private static final int BATCH = 37;
        private final AccessList list;
        private final CompiledMatcher compiled;
        private final Matcher reference;
        private final PacketKey[] batch = new PacketKey[BATCH];
        private final int[] expected = new int[BATCH];
        private final int[] results = new int[BATCH];
        private int pending;
        long count;
        long matched;

        Checker(AccessList list, CompiledMatcher compiled, Matcher reference) {
            this.list = list;
            this.compiled = compiled;
            this.reference = reference;
            for (int i = 0; i < BATCH; i++) {
                batch[i] = new PacketKey();
            }
        }

        void packet(PacketKey p) {
            int want = reference.match(p);
            int got = compiled.match(p);
            if (want != got) {
                assertEquals(want, got, describe(p));
            }
            if (want >= 0) {
                matched++;
            }
            batch[pending].copyFrom(p);
            expected[pending++] = want;
            count++;
            if (pending == BATCH) {
                finish();
            }
        }

        void finish() {
            compiled.matchBatch(batch, pending, results);
            for (int i = 0; i < pending; i++) {
                if (results[i] != expected[i]) {
                    assertEquals(expected[i], results[i], "batched: " + describe(batch[i]));
                }
            }
            pending = 0;
        }

        private String describe(PacketKey p) {
            List<String> lines = new ArrayList<>();
            lines.add("packet " + p + " strategy " + compiled.strategy());
            if (list.plainEntries().size() <= 50) {
                for (AccessListEntry e : list.plainEntries()) {
                    lines.add("  " + e.sequence() + " " + e.action() + " proto=" + e.protocol() + " " + e.source() + " "
                            + e.sourcePort() + " " + e.destination() + " " + e.destinationPort() + " icmp=" + e.icmpType()
                            + "/" + e.icmpCode() + " igmp=" + e.igmpType() + " flags=" + e.tcpFlags() + " frag="
                            + e.fragments() + " dscp=" + e.dscp() + " prec=" + e.precedence() + " tos=" + e.tos() + " ttl=" + e.ttl());
                }
            }
            return String.join("\n", lines);
        }
    }
}
