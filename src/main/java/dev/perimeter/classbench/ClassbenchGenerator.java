package dev.perimeter.classbench;

import dev.perimeter.match.PacketKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes ClassBench-like rule sets and traces from a seed: prefixes drawn from a pool of networks so that rules
 * nest and overlap (a /8, /16s inside it, /24s and hosts inside those), the prefix-length mix of access lists
 * and firewalls (many hosts and /24s, some wildcards), port ranges of the usual kinds (any, exact well-known,
 * 1024-65535, 0-1023, arbitrary), and tcp/udp/icmp/ip/other protocols. Traces pick a rule and a header inside
 * it, as ClassBench's trace generator does, plus some headers drawn at random.
 */
public final class ClassbenchGenerator {
    private static final int[] WELL_KNOWN = {20, 21, 22, 23, 25, 53, 69, 80, 110, 123, 135, 137, 139, 143, 161, 162,
            179, 389, 443, 445, 514, 1433, 1521, 1723, 3306, 3389, 5060, 8080};
    private static final int[] OTHER_PROTOCOLS = {47, 50, 51, 88, 89};

    private final SplittableRandom random;
    private final int[] networks;
    private final int[] networkLengths;

    public ClassbenchGenerator(long seed, int networkCount) {
        this.random = new SplittableRandom(seed);
        this.networks = new int[Math.max(4, networkCount)];
        this.networkLengths = new int[networks.length];
        // a tree of networks: some /8s, /16s inside them, /24s inside those
        for (int i = 0; i < networks.length; i++) {
            int len;
            int base;
            if (i < 4 || random.nextInt(8) == 0) {
                len = 8;
                base = random.nextInt() & ClassbenchRule.prefixMask(8);
            } else {
                int parent = random.nextInt(i);
                len = Math.min(32, networkLengths[parent] + 8);
                base = (networks[parent] | (random.nextInt() & ~ClassbenchRule.prefixMask(networkLengths[parent])))
                        & ClassbenchRule.prefixMask(len);
            }
            networks[i] = base;
            networkLengths[i] = len;
        }
    }

    /** A rule set of {@code count} rules; the last is {@code ip any any} when {@code catchAll}. */
    public List<ClassbenchRule> rules(int count, boolean catchAll) {
        List<ClassbenchRule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (catchAll && i == count - 1) {
                rules.add(new ClassbenchRule(0, 0, 0, 0, 0, 0xFFFF, 0, 0xFFFF, 0, 0));
                break;
            }
            int[] src = prefix(random.nextInt(100) < 55 ? new int[] {0, 3, 20, 45, 100} : new int[] {0, 6, 30, 60, 100});
            int[] dst = prefix(new int[] {0, 2, 15, 50, 100});
            int kind = random.nextInt(100);
            int proto;
            int protoMask = 0xFF;
            if (kind < 55) {
                proto = 6;
            } else if (kind < 80) {
                proto = 17;
            } else if (kind < 87) {
                proto = 1;
            } else if (kind < 95) {
                proto = 0;
                protoMask = 0;
            } else {
                proto = OTHER_PROTOCOLS[random.nextInt(OTHER_PROTOCOLS.length)];
            }
            int[] sp = {0, 0xFFFF};
            int[] dp = {0, 0xFFFF};
            if (proto == 6 || proto == 17) {
                sp = random.nextInt(100) < 85 ? sp : portRange();
                dp = portRange();
            }
            rules.add(new ClassbenchRule(src[0], src[1], dst[0], dst[1], sp[0], sp[1], dp[0], dp[1], proto, protoMask));
        }
        return rules;
    }

    /** {address, length}; {@code cut} is the cumulative percent of /0, short, network, longer, host. */
    private int[] prefix(int[] cut) {
        int roll = random.nextInt(100);
        if (roll < cut[1]) {
            return new int[] {0, 0};
        }
        int n = random.nextInt(networks.length);
        int base = networks[n];
        int len = networkLengths[n];
        if (roll < cut[2]) {
            len = Math.max(1, len - random.nextInt(8));
        } else if (roll < cut[3]) {
            len = Math.min(32, len + random.nextInt(3));
        } else if (roll < cut[4] - 40) {
            len = Math.min(32, len + 1 + random.nextInt(8));
        } else {
            len = 32;
        }
        int address = (base | (random.nextInt() & ~ClassbenchRule.prefixMask(networkLengths[n]))) & ClassbenchRule.prefixMask(len);
        return new int[] {address, len};
    }

    private int[] portRange() {
        int roll = random.nextInt(100);
        if (roll < 30) {
            return new int[] {0, 0xFFFF};
        }
        if (roll < 65) {
            int p = WELL_KNOWN[random.nextInt(WELL_KNOWN.length)];
            return new int[] {p, p};
        }
        if (roll < 75) {
            return new int[] {1024, 0xFFFF};
        }
        if (roll < 80) {
            return new int[] {0, 1023};
        }
        if (roll < 90) {
            int p = random.nextInt(0x10000);
            return new int[] {p, p};
        }
        int a = random.nextInt(0x10000);
        int b = Math.min(0xFFFF, a + random.nextInt(2000));
        return new int[] {a, b};
    }

    /**
     * {@code count} headers: mostly a random point inside a rule picked with a bias towards the first rules,
     * some drawn entirely at random (generated-from -1).
     */
    public ClassbenchFiles.Trace trace(List<ClassbenchRule> rules, int count) {
        PacketKey[] keys = new PacketKey[count];
        int[] from = new int[count];
        for (int i = 0; i < count; i++) {
            PacketKey k = new PacketKey();
            if (rules.isEmpty() || random.nextInt(100) < 5) {
                k.source = random.nextInt();
                k.destination = random.nextInt();
                k.sourcePort = random.nextInt(0x10000);
                k.destinationPort = random.nextInt(0x10000);
                k.protocol = random.nextInt(3) == 0 ? random.nextInt(256) : (random.nextBoolean() ? 6 : 17);
                from[i] = -1;
            } else {
                int r = Math.min(rules.size() - 1, (int) (rules.size() * Math.pow(random.nextDouble(), 1.5)));
                ClassbenchRule rule = rules.get(r);
                k.source = rule.source() | (random.nextInt() & ~ClassbenchRule.prefixMask(rule.sourceLength()));
                k.destination = rule.destination() | (random.nextInt() & ~ClassbenchRule.prefixMask(rule.destinationLength()));
                k.sourcePort = pick(rule.sourcePortLow(), rule.sourcePortHigh());
                k.destinationPort = pick(rule.destinationPortLow(), rule.destinationPortHigh());
                k.protocol = rule.anyProtocol() ? (random.nextBoolean() ? 6 : random.nextInt(256)) : rule.protocol();
                from[i] = r;
            }
            keys[i] = k;
        }
        return new ClassbenchFiles.Trace(keys, from);
    }

    private int pick(int lo, int hi) {
        int roll = random.nextInt(8);
        if (roll == 0) {
            return lo;
        }
        if (roll == 1) {
            return hi;
        }
        return lo + random.nextInt(hi - lo + 1);
    }
}
