package dev.perimeter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The access lists of the replay benchmark, each written twice from the same entries: as IOS configuration
 * for Perimeter and as the equivalent tcpdump (BPF) expression that selects the frames the list forwards. The
 * large list is the seed list with generated deny entries between its mail-server permit and its own denies,
 * so most traffic crosses every entry before {@code permit ip any any} (the worst case of a linear filter).
 *
 * <p>Equivalence holds for the traffic of {@code perimeter generate flood}: non-IPv4 frames are forwarded, BPF's
 * port tests (like IOS's L4 conditions) never match non-initial fragments, and VLAN-tagged frames are matched
 * through {@code vlan and (...)} as the decoder looks through tags.
 */
public final class ReplayLists {
    private ReplayLists() {
    }

    /** IOS text and BPF expression of one list. */
    public record Pair(String config, String bpf) {
    }

    public static Pair seed() {
        return withGenerated(0, 1);
    }

    /** The seed list grown to {@code entries} entries (at least 5). */
    public static Pair large(int entries, long seed) {
        return withGenerated(entries - 5, seed);
    }

    private static Pair withGenerated(int generated, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder ios = new StringBuilder("ip access-list extended packet_filter\n");
        StringBuilder denied = new StringBuilder();
        ios.append(" permit tcp any host 172.16.27.66 eq 25\n");
        String permitted = "(tcp and dst host 172.16.27.66 and dst port 25)";
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < generated; i++) {
            int a = rnd.nextInt(256);
            int b = rnd.nextInt(256);
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    int host = 1 + rnd.nextInt(254);
                    int port = 1 + rnd.nextInt(65535);
                    if (!seen.add("tcp" + a + "." + b + "/" + host + ":" + port)) {
                        i--;
                        continue;
                    }
                    ios.append(" deny tcp 10.").append(a).append('.').append(b).append(".0 0.0.0.255 host 172.16.27.")
                            .append(host).append(" eq ").append(port).append('\n');
                    or(denied, "(tcp and src net 10." + a + "." + b + ".0/24 and dst host 172.16.27." + host
                            + " and dst port " + port + ")");
                }
                case 1 -> {
                    int low = 1024 + rnd.nextInt(30000);
                    int high = low + rnd.nextInt(2000);
                    if (!seen.add("udp" + a + "." + b)) {
                        i--;
                        continue;
                    }
                    ios.append(" deny udp host 198.18.").append(a).append('.').append(b)
                            .append(" 172.16.27.0 0.0.0.255 range ").append(low).append(' ').append(high).append('\n');
                    or(denied, "(udp and src host 198.18." + a + "." + b + " and dst net 172.16.27.0/24"
                            + " and dst portrange " + low + "-" + high + ")");
                }
                default -> {
                    if (!seen.add("ip" + (a & 63) + "." + b)) {
                        i--;
                        continue;
                    }
                    ios.append(" deny ip 100.").append(64 + (a & 63)).append('.').append(b).append(".0 0.0.0.255 any\n");
                    or(denied, "(ip and src net 100." + (64 + (a & 63)) + "." + b + ".0/24)");
                }
            }
        }
        ios.append(" deny tcp any any eq 25 log\n deny tcp any any range 109 110 log\n deny tcp any any eq 143 log\n")
                .append(" permit ip any any\n!\ninterface eth2/0\n ip access-group packet_filter out\n");
        or(denied, "(tcp and (dst port 25 or dst portrange 109-110 or dst port 143))");
        String forwardedIp = permitted + " or not (" + denied + ")";
        // untagged or tagged IPv4 as the decoder sees it; everything else is not IPv4 and forwarded
        // (the vlan keyword shifts the offsets of every test after it, so the tagged case comes last)
        String bpf = "(ip and (" + forwardedIp + ")) or not (ip or ether proto 0x8100) or (vlan and (not ip or ("
                + forwardedIp + ")))";
        return new Pair(ios.toString(), bpf);
    }

    private static void or(StringBuilder sb, String term) {
        if (sb.length() > 0) {
            sb.append(" or ");
        }
        sb.append(term);
    }

    /** {@code ReplayLists ENTRIES CFG BPF}: writes one list (5 entries: the seed list itself). */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ReplayLists ENTRIES CONFIG_OUT BPF_OUT");
            System.exit(2);
        }
        int entries = Integer.parseInt(args[0]);
        Pair pair = entries <= 5 ? seed() : large(entries, 1);
        Files.writeString(Path.of(args[1]), pair.config());
        Files.writeString(Path.of(args[2]), pair.bpf() + "\n");
    }
}
