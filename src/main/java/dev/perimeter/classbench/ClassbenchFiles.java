package dev.perimeter.classbench;

import dev.perimeter.acl.Ipv4;
import dev.perimeter.match.PacketKey;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes ClassBench rule files ({@code @SA/len DA/len splo : sphi dplo : dphi 0xPP/0xMM flags})
 * and trace files ({@code SA DA SP DP PROTO [FLAGS [RULE#]]}, decimal). A malformed line is an error naming
 * the file and line.
 */
public final class ClassbenchFiles {
    private ClassbenchFiles() {
    }

    public static List<ClassbenchRule> readRules(Path file) throws IOException {
        List<ClassbenchRule> rules = new ArrayList<>();
        forEachLine(file, "rule", line -> rules.add(parseRule(line)));
        return rules;
    }

    /** One line of a ClassBench file; a RuntimeException it throws says what is wrong with the line. */
    private interface LineHandler {
        void accept(String line);
    }

    /** Hands each non-blank line to {@code handler}; a bad line becomes an IOException naming file and line. */
    private static void forEachLine(Path file, String kind, LineHandler handler) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    handler.accept(line);
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + number + ": not a ClassBench " + kind + " (" + e.getMessage()
                            + "): " + line);
                }
            }
        }
    }

    public static ClassbenchRule parseRule(String line) {
        String s = line.strip();
        if (!s.startsWith("@")) {
            throw new IllegalArgumentException("rule lines start with @");
        }
        String[] f = s.substring(1).replace(":", " : ").trim().split("\\s+");
        // SA/len DA/len lo : hi lo : hi proto/mask [flags/mask]
        if (f.length < 9 || !f[3].equals(":") || !f[6].equals(":")) {
            throw new IllegalArgumentException("expected SA/len DA/len lo : hi lo : hi 0xPP/0xMM");
        }
        int[] src = prefix(f[0]);
        int[] dst = prefix(f[1]);
        int[] proto = hexPair(f[8]);
        return new ClassbenchRule(src[0], src[1], dst[0], dst[1], Integer.parseInt(f[2]), Integer.parseInt(f[4]),
                Integer.parseInt(f[5]), Integer.parseInt(f[7]), proto[0], proto[1]);
    }

    private static int[] prefix(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("missing /length in " + text);
        }
        return new int[] {Ipv4.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1))};
    }

    private static int[] hexPair(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("protocol must be 0xPP/0xMM: " + text);
        }
        return new int[] {Integer.decode(text.substring(0, slash)), Integer.decode(text.substring(slash + 1))};
    }

    /** A trace: the packet keys and, per line, the rule the header was generated from (-1 when absent). */
    public record Trace(PacketKey[] packets, int[] generatedFrom) {
        public int size() {
            return packets.length;
        }
    }

    public static Trace readTrace(Path file) throws IOException {
        List<PacketKey> keys = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        forEachLine(file, "trace line", line -> {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                throw new IllegalArgumentException("expected SA DA SP DP PROTO");
            }
            PacketKey k = new PacketKey();
            k.source = (int) field(f[0], 0xFFFFFFFFL);
            k.destination = (int) field(f[1], 0xFFFFFFFFL);
            k.sourcePort = (int) field(f[2], 0xFFFF);
            k.destinationPort = (int) field(f[3], 0xFFFF);
            k.protocol = (int) field(f[4], 0xFF);
            keys.add(k);
            from.add(f.length >= 7 ? Integer.parseInt(f[6]) : -1);
        });
        return new Trace(keys.toArray(new PacketKey[0]), from.stream().mapToInt(Integer::intValue).toArray());
    }

    private static long field(String text, long max) {
        long v = Long.parseLong(text);
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("value out of range 0-" + max + ": " + text);
        }
        return v;
    }

    public static void writeRules(Path file, List<ClassbenchRule> rules) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (ClassbenchRule r : rules) {
                out.write(r.toLine());
                out.write('\n');
            }
        }
    }

    /** Writes trace lines {@code SA DA SP DP PROTO 0 RULE#}, tab separated as ClassBench does. */
    public static void writeTrace(Path file, Trace trace) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < trace.size(); i++) {
                PacketKey k = trace.packets()[i];
                out.write(Integer.toUnsignedString(k.source) + "\t" + Integer.toUnsignedString(k.destination) + "\t"
                        + k.sourcePort + "\t" + k.destinationPort + "\t" + k.protocol + "\t0\t" + trace.generatedFrom()[i] + "\n");
            }
        }
    }
}
