package dev.perimeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {

    @Test
    void aFrameNobodyAccountedForIsShownAsAnAccountingError() {
        TrafficCounters t = new TrafficCounters(2);
        t.countRead(0);
        t.countForwarded(0, 1);
        t.countRead(0); // read, never judged
        assertFalse(t.balanced());
        ReplaySummary s = new ReplaySummary("in.pcap", "pcap", List.of("outside", "eth2/0"), t, List.of(), 0,
                null, null);
        assertEquals("ACCOUNTING ERROR: read 2 != forwarded 1 + dropped 0 + malformed 0 (1 unaccounted)",
                s.accounting());
        assertFalse(JsonParser.parseString(s.json()).getAsJsonObject().get("balanced").getAsBoolean());
    }

    @Test
    void nonIpv4FramesAreGroupedByEthertypeWithLlcAndFramesWithoutOneApart() {
        TrafficCounters t = new TrafficCounters(2);
        for (int type : new int[] {0x0806, 0x0806, 0x86dd, 0x88cc, 0x0026, 0x05dc, -1, 0x1234}) {
            t.countRead(0);
            t.countNonIpv4(type);
            t.countForwarded(0, 1);
        }
        assertTrue(t.balanced());
        ReplaySummary s = new ReplaySummary("in.pcap", "pcap", List.of("outside", "eth2/0"), t, List.of(), 1_000_000,
                null, null);
        String text = s.text();
        assertTrue(has(text, "0x0806 ARP", 2), text);
        assertTrue(text.contains("0x86dd IPv6"), text);
        assertTrue(text.contains("0x88cc LLDP"), text);
        assertTrue(has(text, "802.3 LLC (length field)", 2), text);
        assertTrue(has(text, "no-ethertype loopback address family or PPP protocol", 1), text);
        assertTrue(has(text, "0x1234", 1), text);
        JsonObject byType = JsonParser.parseString(s.json()).getAsJsonObject().getAsJsonObject("nonIpv4ByEthertype");
        assertEquals(2, byType.getAsJsonObject("0x0806").get("frames").getAsInt());
        assertEquals("ARP", byType.getAsJsonObject("0x0806").get("name").getAsString());
        assertEquals(2, byType.getAsJsonObject("802.3").get("frames").getAsInt());
        assertEquals(1, byType.getAsJsonObject("no-ethertype").get("frames").getAsInt());
        assertTrue(byType.getAsJsonObject("0x1234").get("name").isJsonNull());
    }

    /** A summary row: the label, then the count right-aligned in its column. */
    static boolean has(String text, String label, long count) {
        return text.lines().anyMatch(l -> l.matches("\\s+" + java.util.regex.Pattern.quote(label) + "\\s+" + count));
    }

    @Test
    void jsonStringsAreEscaped() {
        String json = new JsonWriter().beginObject().member("a\"b", "line\nbreak\\ \u0001").endObject().toString();
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("line\nbreak\\ \u0001", o.get("a\"b").getAsString());
    }
}
