package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesCarryEscapedLabels() {
        String text = new PrometheusText().family("x_total", "counter", "Things.")
                .sample("x_total", 3, "list", "a\"b\\c", "sequence", "10").toString();
        assertEquals("# HELP x_total Things.\n# TYPE x_total counter\nx_total{list=\"a\\\"b\\\\c\",sequence=\"10\"} 3\n",
                text);
    }

    @Test
    void everyPortCounterIsAFamilyLabelledByPort() {
        String text = new PrometheusText().ports(List.of(
                new PortSnapshot("po", "po", 10, 8, 2, 0, 1, 4, 0, true),
                new PortSnapshot("pi", "eth2/0", 5, 5, 0, 3, 0, 0, 0, false))).toString();
        assertTrue(text.contains("perimeter_port_received_frames_total{port=\"po\",interface=\"po\"} 10\n"), text);
        assertTrue(text.contains("perimeter_port_forwarded_frames_total{port=\"po\",interface=\"po\"} 8\n"), text);
        assertTrue(text.contains("perimeter_port_dropped_frames_total{port=\"po\",interface=\"po\"} 2\n"), text);
        assertTrue(text.contains("perimeter_port_errors_total{port=\"pi\",interface=\"eth2/0\"} 3\n"), text);
        assertTrue(text.contains("perimeter_port_ring_overflows_total{port=\"po\",interface=\"po\"} 1\n"), text);
        assertTrue(text.contains("perimeter_port_pcap_dropped_frames_total{port=\"po\",interface=\"po\"} 4\n"), text);
        assertTrue(text.contains("perimeter_port_up{port=\"pi\",interface=\"eth2/0\"} 0\n"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+\\{[^}]*} \\d+"), "exposition format: " + line);
        }
    }
}
