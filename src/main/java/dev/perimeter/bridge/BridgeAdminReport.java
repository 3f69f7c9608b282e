package dev.perimeter.bridge;

import dev.perimeter.stats.TrafficCounters;

/**
 * The counters printed when the bridge stops: the lists with their counts, the ports, the totals (in packets: a
 * coalesced frame counts as the segments it stands for).
 */
public final class BridgeAdminReport {
    private BridgeAdminReport() {
    }

    public static String finalReport(BridgeRuntime bridge) {
        StringBuilder sb = new StringBuilder();
        sb.append(bridge.accessListsText());
        sb.append('\n').append(BridgeAdminViews.InterfaceTable.render(bridge.portSnapshots()));
        TrafficCounters t = bridge.traffic();
        sb.append('\n').append("packets judged ").append(t.read()).append(": forwarded ").append(t.forwarded())
                .append(" (non-IPv4 ").append(t.nonIpv4()).append("), denied ").append(t.denied())
                .append(", implicit deny ").append(t.implicitDenied()).append(", malformed ").append(t.malformed())
                .append('\n');
        return sb.toString();
    }
}
