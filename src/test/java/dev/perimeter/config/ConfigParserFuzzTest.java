package dev.perimeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lines made of random pieces of the language: the parser reports them, it never throws. */
class ConfigParserFuzzTest {
    private static final String[] WORDS = {"access-list", "ip", "access-list", "extended", "standard", "permit",
            "deny", "remark", "no", "tcp", "udp", "icmp", "igmp", "any", "host", "10.0.0.1", "0.0.0.255", "eq", "neq",
            "range", "lt", "gt", "www", "80", "65536", "-1", "log", "log-input", "established", "match-all", "+syn",
            "-ack", "+", "fragments", "dscp", "ef", "ttl", "precedence", "tos", "interface", "eth0", "access-group",
            "in", "out", "resequence", "10", "0", "2147483648", "99999999999", "101", "1", "1300", "2700", "echo",
            "3", "logging", "interval", "host", "service", "timestamps", "datetime", "msec", "!", "exit", "end", "e",
            "p", "d", "a", "h", "\t", "permit\u00e9", "A", "B", "object-group", "time-range", "log-update",
            "threshold", "1.2.3", "1.2.3.4.5", "256.1.1.1", "%", "\"", "hostname", "object-group", "network",
            "group-object", "tcp-udp", "source", "description", "255.255.255.0", "/24", "G", "H", "gre"};

    @Test
    void randomLinesNeverThrow() {
        Random rnd = new Random(99);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            if (rnd.nextInt(3) == 0) {
                text.append(' ');
            }
            int n = rnd.nextInt(12);
            for (int j = 0; j < n; j++) {
                text.append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextInt(8) == 0 ? "\t" : " ");
            }
            text.append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        ParseResult r = ConfigParser.parse("fuzz", text.toString());
        assertTrue(r.errors().size() > 1000, "most random lines are wrong: " + r.errors().size());
        for (ConfigDiagnostic d : r.errors()) {
            String[] lines = d.format().split("\n");
            assertTrue(lines[lines.length - 1].startsWith("%"), d.format());
            if (d.column() >= 0) {
                assertEquals(4, lines.length, d.format());
            }
        }
    }
}
