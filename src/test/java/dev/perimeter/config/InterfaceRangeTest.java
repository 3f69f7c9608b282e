package dev.perimeter.config;

import static dev.perimeter.config.ParsedConfigs.parse;
import static dev.perimeter.config.ParsedConfigs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code interface range} and {@code define interface-range}: every interface of the range, as if each were configured alone. */
class InterfaceRangeTest {

    /** The interfaces a valid {@code interface range ...} line creates, in order. */
    static List<String> names(String rangeLine) {
        return List.copyOf(valid(rangeLine + "\n").config().interfaces().keySet());
    }

    static List<String> numbered(String prefix, int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(n -> prefix + n).toList();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void everyFormOfASpanNamesItsInterfaces() {
        List<String> gi1to4 = numbered("GigabitEthernet0/", 1, 4);
        assertEquals(gi1to4, names("interface range GigabitEthernet0/1 - 4"));
        assertEquals(gi1to4, names("interface range GigabitEthernet0/1-4"));
        assertEquals(gi1to4, names("interface range GigabitEthernet 0/1 -4"));
        assertEquals(gi1to4, names("INTERFACE RANGE GigabitEthernet0/1- 4"));
        assertEquals(numbered("Gi0/", 1, 4), names("interface range Gi0/1-4"));
        assertEquals(concat(gi1to4, List.of("GigabitEthernet0/7")),
                names("interface range GigabitEthernet 0/1 - 4 , GigabitEthernet 0/7"));
        assertEquals(concat(gi1to4, List.of("GigabitEthernet0/7")),
                names("interface range GigabitEthernet0/1-4,GigabitEthernet0/7"));
        assertEquals(List.of("Vlan10", "Vlan11", "Vlan12"), names("interface range Vlan10 - 12"));
        assertEquals(List.of("vlan10", "vlan11", "vlan12"), names("interface range vlan 10 - 12"), "the type as written");
        assertEquals(numbered("FastEthernet1/0/", 1, 24), names("interface range FastEthernet1/0/1 - 24"));
        assertEquals(numbered("Gi1/0/", 1, 48), names("interface range Gi1/0/1 - 48"));
        assertEquals(numbered("Port-channel", 1, 3), names("interface range Port-channel1-3"));
        assertEquals(numbered("Gi0/0.", 100, 102), names("interface range Gi0/0.100 - 102"));
        assertEquals(List.of("Gi0/1", "Gi0/2", "Fa0/5", "Vlan1"), names("interface range Gi0/1 - 2, Fa0/5 ,Vlan1"));
        // overlapping spans name each interface once
        assertEquals(numbered("Gi0/", 1, 5), names("interface range Gi0/1 - 3, Gi0/2 - 5, Gi0/1"));
        assertEquals(numbered("Vlan", 1, 4094), names("interface range Vlan1 - 4094"));
    }

    @Test
    void theNamesAreThoseOfPlainInterfaceLines() {
        ParseResult plain = valid("interface GigabitEthernet 0/3\n ip access-group A in\ninterface Gi0/3\n"
                + " ip access-group A in\n");
        ParseResult range = valid("interface range GigabitEthernet 0/3 - 3 , Gi0/3\n ip access-group A in\n");
        assertEquals(plain.config().interfaces(), range.config().interfaces());
        assertEquals(List.of("GigabitEthernet0/3", "Gi0/3"), List.copyOf(range.config().interfaces().keySet()));
        // a range and a plain line meet on the same interface
        ParseResult mixed = valid("""
                interface GigabitEthernet0/2
                 ip access-group OUT out
                interface range GigabitEthernet 0/1 - 3
                 ip access-group IN in
                """);
        assertEquals(new InterfaceConfig("GigabitEthernet0/2", "IN", "OUT"),
                mixed.config().interfaces().get("GigabitEthernet0/2"));
        assertEquals(List.of("GigabitEthernet0/2", "GigabitEthernet0/1", "GigabitEthernet0/3"),
                List.copyOf(mixed.config().interfaces().keySet()));
    }

    @Test
    void everyCommandUnderTheRangeAppliesToEachInterface() {
        ParseResult r = valid("""
                interface range GigabitEthernet0/1 - 4
                 description access ports
                 switchport mode access
                 ip access-group EDGE in
                 ip access-group 101 out
                 no shutdown
                ip address 10.0.0.1 255.255.255.0
                shutdown
                no ip access-group 101 out
                ip access-group 102 out
                !
                interface GigabitEthernet0/3
                 ip access-group OTHER in
                interface range GigabitEthernet0/4 - 4
                 no ip access-group
                ip access-list extended EDGE
                 permit ip any any
                ip access-list standard OTHER
                 permit any
                access-list 102 deny ip any any
                """);
        var itfs = r.config().interfaces();
        assertEquals(numbered("GigabitEthernet0/", 1, 4), List.copyOf(itfs.keySet()), "no interface named after the range");
        assertEquals(new InterfaceConfig("GigabitEthernet0/1", "EDGE", "102"), itfs.get("GigabitEthernet0/1"));
        assertEquals(new InterfaceConfig("GigabitEthernet0/2", "EDGE", "102"), itfs.get("GigabitEthernet0/2"));
        assertEquals(new InterfaceConfig("GigabitEthernet0/3", "OTHER", "102"), itfs.get("GigabitEthernet0/3"));
        assertEquals(new InterfaceConfig("GigabitEthernet0/4", null, "102"), itfs.get("GigabitEthernet0/4"));
        assertEquals(4, r.config().boundInterfaceCount());
        // lines 2, 3, 6-8 are interface commands of the range, skipped without warning
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void warningsNameEachInterfaceOfTheRange() {
        ParseResult r = valid("""
                interface range Vlan10 - 11
                 ip access-group MISSING in
                 ip inspect FW out
                """);
        List<ConfigDiagnostic> w = r.warnings();
        assertEquals(3, w.size(), w::toString);
        assertTrue(w.get(0).message().contains("on Vlan10, Vlan11,"), w.get(0).message());
        assertEquals("test.cfg:2: warning: access list MISSING is bound to Vlan10 in but not defined (it permits"
                + " everything): ip access-group MISSING in", w.get(1).format());
        assertEquals("test.cfg:2: warning: access list MISSING is bound to Vlan11 in but not defined (it permits"
                + " everything): ip access-group MISSING in", w.get(2).format());
    }

    @Test
    void aMacroNamesItsRange() {
        ParseResult r = valid("""
                define interface-range UPLINKS GigabitEthernet1/0/47 - 48, TenGigabitEthernet1/1/1
                define interface-range ACCESS Gi1/0/1 - 2
                define interface-range ACCESS Gi1/0/1 - 3
                interface range macro UPLINKS
                 ip access-group EDGE in
                interface range macro ACCESS
                 ip access-group USERS out
                """);
        var itfs = r.config().interfaces();
        assertEquals(List.of("GigabitEthernet1/0/47", "GigabitEthernet1/0/48", "TenGigabitEthernet1/1/1",
                "Gi1/0/1", "Gi1/0/2", "Gi1/0/3"), List.copyOf(itfs.keySet()));
        assertEquals("EDGE", itfs.get("TenGigabitEthernet1/1/1").inList());
        assertEquals("USERS", itfs.get("Gi1/0/3").outList(), "a macro defined again is replaced");

        ConfigDiagnostic undefined = error("define interface-range A Gi0/1\nno define interface-range A Gi0/1\n"
                + "interface range macro A\n ip access-group X in\n", 3);
        assertEquals("test.cfg:3:\ninterface range macro A\n" + " ".repeat(22) + "^\n"
                + "% Interface range macro A is not defined", undefined.format());
        assertEquals("% Interface range macro a is not defined",
                error("define interface-range A Gi0/1\ninterface range macro a\n", 2).message());
        assertEquals(ParseError.INCOMPLETE, error("interface range macro\n", 1).message());
        assertEquals(24, error("define interface-range A Gi0/1\ninterface range macro A B\n", 2).column());
        assertEquals(ParseError.INCOMPLETE, error("define interface-range A\n", 1).message());
        ConfigDiagnostic bad = error("define interface-range A Gi0/4 - 1\ninterface range macro A\n", 1);
        assertEquals(33, bad.column());
        assertEquals(2, parse("define interface-range A Gi0/4 - 1\ninterface range macro A\n").errors().size(),
                "a refused definition defines nothing");
        // removing a macro that does not exist is warned about, as removing a missing list is
        ParseResult gone = valid("no define interface-range NOPE\n");
        assertEquals("interface range macro NOPE does not exist", gone.warnings().get(0).message());
    }

    @Test
    void noInterfaceRangeRemovesEachInterface() {
        ParseResult r = valid("interface range Vlan10 - 13\n ip access-group A in\nno interface range Vlan11 - 12\n");
        assertEquals(List.of("Vlan10", "Vlan13"), List.copyOf(r.config().interfaces().keySet()));
    }

    /** The first error of a config, which must be on {@code line}. */
    static ConfigDiagnostic error(String text, int line) {
        ParseResult r = parse(text);
        assertTrue(!r.errors().isEmpty(), "no error in " + text);
        ConfigDiagnostic d = r.errors().get(0);
        assertEquals(line, d.lineNumber(), d::format);
        return d;
    }

    /** The error of one bad {@code interface range} line, with the caret under {@code marked}'s caret. */
    static void refused(String rangeLine, int column) {
        String marked = " ".repeat(column) + "^";
        ParseResult r = parse(rangeLine + "\n ip access-group A in\n");
        assertTrue(r.config().interfaces().isEmpty(), () -> rangeLine + " made " + r.config().interfaces());
        ConfigDiagnostic d = r.errors().get(0);
        assertEquals(1, d.lineNumber());
        assertEquals(ParseError.INVALID, d.message(), d::format);
        assertEquals(column, d.column(), d::format);
        assertEquals("test.cfg:1:\n" + rangeLine + "\n" + marked + "\n" + ParseError.INVALID, d.format());
        // the router stays in global mode: the access-group under the refused range is refused in turn
        assertEquals(2, r.errors().size(), r::formatErrors);
    }

    @Test
    void malformedRangesAreRefusedWithTheCaretUnderTheFault() {
        refused("interface range Gi0/4 - 1", 24);
        refused("interface range Gi0/4-1", 22);
        refused("interface range Gi0/1 -", 23);
        refused("interface range Gi0/1 - , Gi0/5", 24);
        refused("interface range Gi0/1 - Fa0/4", 24);
        refused("interface range Gi0/1 - Gi0/4", 24);
        refused("interface range Gi0/1 - 0/4", 25);
        refused("interface range Gi0/1-4/2", 23);
        refused("interface range 0/1 - 4", 16);
        refused("interface range Gi0/1 Gi0/2", 22);
        refused("interface range Gi0/1 - 2 Gi0/5", 26);
        refused("interface range Gi0/1 -- 2", 23);
        refused("interface range Gi0/", 20);
        refused("interface range Gi0//1", 20);
        refused("interface range Gi0/1x", 21);
        refused("interface range Gi0/1,,Gi0/2", 22);
        refused("interface range Vlan1 - 4095", 24);
        refused("interface range Gi0/1 - 9999999999", 24);
        refused("interface range Gi_0/1", 18);
    }

    @Test
    void anUnfinishedRangeIsIncomplete() {
        for (String line : List.of("interface range", "interface range Gi", "interface range Gi0/1 - 4 ,",
                "interface range Gi0/1,", "define interface-range", "define interface-range A")) {
            ParseResult r = parse(line + "\n");
            assertEquals(1, r.errors().size(), line);
            assertEquals(ParseError.INCOMPLETE, r.errors().get(0).message(), line);
            assertTrue(r.config().interfaces().isEmpty(), line);
        }
        // other define commands are not about filtering
        assertEquals(1, valid("define something else\n").skippedLines());
    }

    /** Random ranges, some broken: each line is read or refused with a caret on it, never thrown out of the parser. */
    @Test
    void randomRangesNeverThrowAndEveryCaretIsOnItsLine() {
        String[] types = {"Gi", "GigabitEthernet", "GigabitEthernet ", "Port-channel", "vlan ", "0"};
        String[] slots = {"", "0/", "1/0/", "0/0.", "/", "0//"};
        String[] numbers = {"0", "1", "4", "48", "", "99999999999"};
        String[] dashes = {"-", " - ", "- ", " -", "--", " "};
        String[] commas = {",", " , ", ", ", ",,", " "};
        String[] junk = {"x", "-", ",", "/", ".", " ", "\t", "Fa0/1", "macro"};
        Random rnd = new Random(7);
        int refused = 0;
        int named = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder range = new StringBuilder();
            for (int span = rnd.nextInt(3); span >= 0; span--) {
                range.append(pick(rnd, types)).append(pick(rnd, slots)).append(pick(rnd, numbers));
                if (rnd.nextBoolean()) {
                    range.append(pick(rnd, dashes)).append(pick(rnd, numbers));
                }
                if (span > 0) {
                    range.append(pick(rnd, commas));
                }
            }
            if (rnd.nextInt(3) == 0) {
                range.insert(rnd.nextInt(range.length() + 1), pick(rnd, junk));
            }
            String line = (rnd.nextInt(4) == 0 ? "define interface-range A " : "interface range ") + range;
            ParseResult r = parse(line + "\n");
            for (ConfigDiagnostic d : r.errors()) {
                refused++;
                assertTrue(d.message().startsWith("%"), d::format);
                assertTrue(d.column() <= line.stripTrailing().length(), d::format);
            }
            for (String name : r.config().interfaces().keySet()) {
                named++;
                assertTrue(name.matches("[A-Za-z][A-Za-z-]*[0-9]+([/.][0-9]+)*"), name);
            }
        }
        assertTrue(refused > 1000 && named > 1000, refused + " refused, " + named + " named");
    }

    private static String pick(Random rnd, String[] choices) {
        return choices[rnd.nextInt(choices.length)];
    }
}
