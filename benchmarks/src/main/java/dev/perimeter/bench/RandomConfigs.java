package dev.perimeter.bench;

import java.util.Random;

/** Configuration text with many entries of the kinds a perimeter list carries, reproducible from a seed. */
public final class RandomConfigs {
    private RandomConfigs() {
    }

    public static final String SEED_ROUTER = """
            ip access-list extended packet_filter
             permit tcp any host 172.16.27.66 eq 25
             deny tcp any any eq 25 log
             deny tcp any any range 109 110 log
             deny tcp any any eq 143 log
             permit ip any any
            interface eth2/0
             ip access-group packet_filter out
            """;

    /** {@code ip access-list extended NAME} with {@code entries} entries ending in {@code permit ip any any}. */
    public static String extendedList(String name, int entries, long seed) {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder(entries * 56).append("ip access-list extended ").append(name).append('\n');
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (seen.size() < entries - 1) {
            String line = entry(rnd);
            if (seen.add(line)) { // IOS refuses an entry identical to an earlier one
                sb.append(line);
            }
        }
        return sb.append(" permit ip any any\n").toString();
    }

    private static String entry(Random rnd) {
        StringBuilder sb = new StringBuilder(64);
        {
            sb.append(' ').append(rnd.nextInt(3) == 0 ? "permit " : "deny ");
            switch (rnd.nextInt(6)) {
                case 0, 1 -> sb.append("tcp ").append(net(rnd)).append(' ').append(host(rnd))
                        .append(" eq ").append(1 + rnd.nextInt(65535));
                case 2 -> sb.append("udp ").append(net(rnd)).append(" range ").append(1024 + rnd.nextInt(1000))
                        .append(' ').append(3000 + rnd.nextInt(1000)).append(' ').append(net(rnd));
                case 3 -> sb.append("icmp ").append(net(rnd)).append(' ').append(host(rnd)).append(" echo");
                case 4 -> sb.append("tcp any ").append(net(rnd)).append(" established");
                default -> sb.append("ip ").append(host(rnd)).append(' ').append(net(rnd)).append(" log");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String net(Random rnd) {
        return "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + ".0 0.0.0." + ((1 << (1 + rnd.nextInt(8))) - 1);
    }

    private static String host(Random rnd) {
        return "host 172.16." + rnd.nextInt(256) + "." + rnd.nextInt(256);
    }
}
