package dev.perimeter.classbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.Protocols;
import dev.perimeter.config.ConfigParser;
import dev.perimeter.config.ParseResult;
import dev.perimeter.match.LinearMatcher;
import dev.perimeter.match.PacketKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassbenchTest {
    @TempDir
    Path dir;

    @Test
    void parsesARuleLineAsClassBenchWritesIt() {
        ClassbenchRule r = ClassbenchFiles.parseRule("@139.244.201.10/32\t20.130.17.0/24\t0 : 65535\t1024 : 65535\t0x06/0xFF\t0x1000/0x1000\t");
        assertEquals(Ipv4.parse("139.244.201.10"), r.source());
        assertEquals(32, r.sourceLength());
        assertEquals(Ipv4.parse("20.130.17.0"), r.destination());
        assertEquals(24, r.destinationLength());
        assertEquals(0, r.sourcePortLow());
        assertEquals(65535, r.sourcePortHigh());
        assertEquals(1024, r.destinationPortLow());
        assertEquals(6, r.protocol());
        assertEquals(0xFF, r.protocolMask());
        ClassbenchRule any = ClassbenchFiles.parseRule("@0.0.0.0/0\t10.0.0.0/8\t0 : 65535\t0 : 65535\t0x00/0x00\t0x0000/0x0000");
        assertTrue(any.anyProtocol());
    }

    @Test
    void badLinesAreErrorsNamingTheLine() throws IOException {
        Path f = dir.resolve("bad");
        Files.writeString(f, "@1.2.3.4/32\t5.6.7.8/32\t0 : 65535\t0 : 65535\t0x06/0xFF\t0x0000/0x0000\n@1.2.3.4/33\t5.6.7.8/32\t0 : 1\t0 : 65535\t0x06/0xFF\n");
        IOException e = assertThrows(IOException.class, () -> ClassbenchFiles.readRules(f));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
        Path t = dir.resolve("trace");
        Files.writeString(t, "1 2 3 4 6 0 0\n1 2 70000 4 6 0 0\n");
        e = assertThrows(IOException.class, () -> ClassbenchFiles.readTrace(t));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
    }

    @Test
    void writtenFilesReadBackTheSame() throws IOException {
        ClassbenchGenerator gen = new ClassbenchGenerator(5, 50);
        List<ClassbenchRule> rules = gen.rules(300, true);
        ClassbenchFiles.Trace trace = gen.trace(rules, 500);
        Path rf = dir.resolve("r");
        Path tf = dir.resolve("t");
        ClassbenchFiles.writeRules(rf, rules);
        ClassbenchFiles.writeTrace(tf, trace);
        assertEquals(rules, ClassbenchFiles.readRules(rf));
        ClassbenchFiles.Trace back = ClassbenchFiles.readTrace(tf);
        for (int i = 0; i < trace.size(); i++) {
            assertEquals(trace.packets()[i].toString(), back.packets()[i].toString());
            assertEquals(trace.generatedFrom()[i], back.generatedFrom()[i]);
        }
    }

    /** The converted list, under the reference matcher, gives ClassBench's own first match on every header. */
    @Test
    void convertedListMatchesLikeTheRuleSet() {
        ClassbenchGenerator gen = new ClassbenchGenerator(9, 100);
        List<ClassbenchRule> rules = gen.rules(800, false);
        AccessList list = ClassbenchConversion.toAccessList("cb", rules);
        assertEquals(rules.size(), list.size());
        LinearMatcher reference = new LinearMatcher(list);
        ClassbenchFiles.Trace trace = gen.trace(rules, 5_000);
        int hits = 0;
        for (int i = 0; i < trace.size(); i++) {
            PacketKey k = trace.packets()[i];
            int expected = -1;
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).matches(k.source, k.destination, k.sourcePort, k.destinationPort, k.protocol)) {
                    expected = r;
                    break;
                }
            }
            assertEquals(expected, reference.match(k), k.toString());
            if (trace.generatedFrom()[i] >= 0) {
                assertTrue(expected >= 0 && expected <= trace.generatedFrom()[i], "a header matches its rule or an earlier one");
                hits++;
            }
        }
        assertTrue(hits > 4_000);
    }

    @Test
    void configTextUsesIosForms() {
        List<ClassbenchRule> rules = List.of(
                ClassbenchFiles.parseRule("@10.1.2.0/24\t0.0.0.0/0\t0 : 65535\t80 : 80\t0x06/0xFF\t0x0000/0x0000"),
                ClassbenchFiles.parseRule("@192.0.2.7/32\t198.51.100.0/22\t1024 : 65535\t0 : 65535\t0x11/0xFF\t0x0000/0x0000"),
                ClassbenchFiles.parseRule("@0.0.0.0/0\t0.0.0.0/0\t0 : 65535\t0 : 65535\t0x00/0x00\t0x0000/0x0000"),
                ClassbenchFiles.parseRule("@0.0.0.0/0\t10.0.0.0/8\t0 : 65535\t0 : 65535\t0x2f/0xFF\t0x0000/0x0000"),
                ClassbenchFiles.parseRule("@10.1.2.0/24\t0.0.0.0/0\t0 : 65535\t80 : 80\t0x06/0xFF\t0x1000/0x1000"));
        String text = ClassbenchConversion.toConfig(ClassbenchConversion.toAccessList("cb", rules));
        assertEquals("""
                ip access-list extended cb
                 10 permit tcp 10.1.2.0 0.0.0.255 any eq 80
                 20 permit udp host 192.0.2.7 range 1024 65535 198.51.100.0 0.0.3.255
                 30 permit ip any any
                 40 permit gre any 10.0.0.0 0.255.255.255
                 remark entry 50 left out: the same as entry 10
                """, text);
        assertEquals(Protocols.ANY, ClassbenchConversion.toAccessList("cb", rules).entry(2).protocol());
    }

    /** The emitted text, read back by the configuration parser, is the same list entry for entry, less a repeat. */
    @Test
    void emittedConfigParsesBackToTheSameList() {
        ClassbenchGenerator gen = new ClassbenchGenerator(21, 60);
        List<ClassbenchRule> rules = new java.util.ArrayList<>(gen.rules(500, true));
        rules.add(250, rules.get(10));
        AccessList list = ClassbenchConversion.toAccessList("cb_set", rules);
        ParseResult parsed = ConfigParser.parse("cb_set.cfg", ClassbenchConversion.toConfig(list));
        assertTrue(parsed.isValid(), parsed.formatErrors());
        AccessList back = parsed.config().accessList("cb_set");
        assertEquals(list.size() - 1, back.size(), "the repeated rule is left out");
        for (int i = 0, j = 0; i < list.size(); i++) {
            if (i == 250) {
                continue;
            }
            assertEquals(list.entry(i), back.entry(j++), "entry " + list.entry(i).sequence());
        }
    }

    @Test
    void portsOnOtherProtocolsCannotBeWrittenAsConfig() {
        List<ClassbenchRule> rules = List.of(
                ClassbenchFiles.parseRule("@0.0.0.0/0\t0.0.0.0/0\t0 : 65535\t80 : 80\t0x00/0x00\t0x0000/0x0000"));
        assertThrows(IllegalArgumentException.class,
                () -> ClassbenchConversion.toConfig(ClassbenchConversion.toAccessList("cb", rules)));
    }
}
