package dev.perimeter.bridge;

import java.util.List;

/** Renders counters in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a metric family: its HELP and TYPE lines. */
    public PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} alternate name and value. */
    public PrometheusText sample(String name, long value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
        return this;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The per-port counters as counter families labelled by port. */
    public PrometheusText ports(List<PortSnapshot> ports) {
        portFamily(ports, "perimeter_port_received_frames_total",
                "Packets captured on the port (a coalesced frame counts as its segments).", 0);
        portFamily(ports, "perimeter_port_forwarded_frames_total",
                "Frames received on the port and transmitted on the other one.", 1);
        portFamily(ports, "perimeter_port_dropped_frames_total", "Frames received on the port that a list denied.",
                2);
        portFamily(ports, "perimeter_port_errors_total",
                "Frames received on the port that could not be handled (transmit failed, truncated).", 3);
        portFamily(ports, "perimeter_port_ring_overflows_total",
                "Frames received on the port and lost because the ring was full.", 4);
        portFamily(ports, "perimeter_port_pcap_dropped_frames_total",
                "Frames the kernel dropped before capture (capture buffer full).", 5);
        portFamily(ports, "perimeter_port_interface_dropped_frames_total", "Frames the interface dropped.", 6);
        portFamily(ports, "perimeter_port_coalesced_frames_total",
                "Coalesced frames (GRO/LRO, TSO/GSO) captured on the port, each counted once.", 7);
        family("perimeter_port_up", "gauge", "1 when the port's capture handle is open.");
        for (PortSnapshot p : ports) {
            sample("perimeter_port_up", p.up() ? 1 : 0, "port", p.linuxName(), "interface", p.iosName());
        }
        return this;
    }

    private void portFamily(List<PortSnapshot> ports, String name, String help, int field) {
        family(name, "counter", help);
        for (PortSnapshot p : ports) {
            long v = switch (field) {
                case 0 -> p.received();
                case 1 -> p.forwarded();
                case 2 -> p.dropped();
                case 3 -> p.errors();
                case 4 -> p.ringOverflows();
                case 5 -> p.pcapDrops();
                case 6 -> p.interfaceDrops();
                default -> p.coalesced();
            };
            sample(name, v, "port", p.linuxName(), "interface", p.iosName());
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
