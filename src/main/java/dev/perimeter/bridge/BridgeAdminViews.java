package dev.perimeter.bridge;

import dev.perimeter.acl.AccessList;
import dev.perimeter.pipeline.FilterPlan;
import dev.perimeter.stats.ListCounters;
import dev.perimeter.stats.TrafficCounters;
import java.util.List;

/** The admin pages of a running bridge, each read fresh from the live counters. */
final class BridgeAdminViews implements AdminViews {
    private final BridgeRuntime bridge;

    BridgeAdminViews(BridgeRuntime bridge) {
        this.bridge = bridge;
    }

    @Override
    public String accessLists() {
        return bridge.accessListsText();
    }

    @Override
    public String interfaces() {
        return InterfaceTable.render(bridge.portSnapshots());
    }

    @Override
    public String metrics() {
        PrometheusText p = new PrometheusText();
        p.ports(bridge.portSnapshots());
        FilterPlan plan = bridge.plan();
        p.family("perimeter_acl_entry_matches_total", "counter",
                "Packets that an access-list entry decided, as show access-lists counts them.");
        for (ListCounters c : plan.allCounters()) {
            AccessList list = c.list();
            for (int i = 0; i < list.size(); i++) {
                p.sample("perimeter_acl_entry_matches_total", c.matches(i), "list", list.name(), "sequence",
                        Integer.toString(list.entry(i).sequence()));
            }
        }
        p.family("perimeter_acl_implicit_deny_total", "counter",
                "Packets dropped by the implicit deny at the end of a list.");
        for (ListCounters c : plan.allCounters()) {
            p.sample("perimeter_acl_implicit_deny_total", c.implicitDenies(), "list", c.list().name());
        }
        TrafficCounters t = bridge.traffic();
        p.family("perimeter_frames_malformed_total", "counter", "Frames dropped as malformed.");
        p.sample("perimeter_frames_malformed_total", t.malformed());
        p.family("perimeter_frames_non_ipv4_total", "counter", "Non-IPv4 frames bridged untouched (ARP, IPv6 ...).");
        p.sample("perimeter_frames_non_ipv4_total", t.nonIpv4());
        p.family("perimeter_log_messages_total", "counter", "Access-list log messages written.");
        p.sample("perimeter_log_messages_total", bridge.logger().messages());
        p.family("perimeter_log_missed_packets_total", "counter",
                "Logged-entry packets not logged (logging interval or full flow cache).");
        p.sample("perimeter_log_missed_packets_total", bridge.logger().missedPackets());
        p.family("perimeter_config_reloads_total", "counter", "Configuration reloads, by result.");
        p.sample("perimeter_config_reloads_total", bridge.reloads(), "result", "applied");
        p.sample("perimeter_config_reloads_total", bridge.failedReloads(), "result", "rejected");
        return p.toString();
    }

    /** Fixed-width text of the per-port counters. */
    static final class InterfaceTable {
        private InterfaceTable() {
        }

        static String render(List<PortSnapshot> ports) {
            StringBuilder sb = new StringBuilder();
            String fmt = "%-15s %-15s %-5s %12s %12s %12s %10s %15s %12s %12s %12s %s%n";
            sb.append(String.format(fmt, "Port", "Interface", "State", "Received", "Forwarded", "Dropped", "Errors",
                    "Ring-overflows", "Kernel-drops", "If-drops", "Coalesced", "I/O"));
            for (PortSnapshot p : ports) {
                sb.append(String.format(fmt, p.linuxName(), p.iosName(), p.up() ? "up" : "down", p.received(),
                        p.forwarded(), p.dropped(), p.errors(), p.ringOverflows(), p.pcapDrops(),
                        p.interfaceDrops(), p.coalesced(), p.io()));
            }
            return sb.toString();
        }
    }
}
