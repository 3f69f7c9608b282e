package dev.perimeter.pipeline;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.LogOption;
import dev.perimeter.match.BoundList;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matcher;
import dev.perimeter.stats.ListCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FilterSet} laid out for the bridge's ports: for each port the step its {@code in} list makes and the
 * step its {@code out} list makes, resolved once so that the handler does no map look-ups per frame, and the
 * match counters of every list of the configuration. Immutable apart from the counters; a reload builds a new
 * plan (with fresh counters) and swaps it in whole.
 */
public final class FilterPlan {
    private final FilterSet filters;
    private final BridgePorts ports;
    private final Step[] inbound;
    private final Step[] outbound;
    /** Per ingress port, per IP protocol: whether a list on the path looks at that protocol's L4 header. */
    private final boolean[][] pathNeedsL4;
    private final Map<AccessList, ListCounters> counters = new IdentityHashMap<>();
    private final List<ListCounters> countersInOrder = new ArrayList<>();

    private FilterPlan(FilterSet filters, BridgePorts ports) {
        this.filters = filters;
        this.ports = ports;
        for (AccessList list : filters.config().accessLists().values()) {
            ListCounters c = new ListCounters(list);
            counters.put(list, c);
            countersInOrder.add(c);
        }
        inbound = new Step[ports.size()];
        outbound = new Step[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            String itf = ports.get(i).iosInterface();
            if (itf != null) {
                inbound[i] = step(filters.inbound(itf));
                outbound[i] = step(filters.outbound(itf));
            }
        }
        pathNeedsL4 = new boolean[ports.size()][256];
        for (int i = 0; i < ports.size(); i++) {
            Step out = outbound[ports.egressOf(i).index()];
            for (int protocol = 0; protocol < 256; protocol++) {
                pathNeedsL4[i][protocol] = (inbound[i] != null && inbound[i].needsL4[protocol])
                        || (out != null && out.needsL4[protocol]);
            }
        }
    }

    public static FilterPlan build(FilterSet filters, BridgePorts ports) {
        return new FilterPlan(filters, ports);
    }

    private Step step(BoundList bound) {
        if (bound == null || bound.permitsAll()) {
            return null; // an undefined or empty list lets everything through and counts nothing
        }
        return new Step(bound, counters.get(bound.list()));
    }

    public FilterSet filters() {
        return filters;
    }

    public BridgePorts ports() {
        return ports;
    }

    /** The step of the {@code in} list of the port, or null when the port meets none. */
    Step inbound(int port) {
        return inbound[port];
    }

    /** The step of the {@code out} list of the port, or null when the port meets none. */
    Step outbound(int port) {
        return outbound[port];
    }

    /**
     * True when a frame of IP {@code protocol} entering on {@code ingressPort} meets a list with an entry for that
     * protocol that looks past the IP header (ports, flags, ICMP or IGMP type): such a frame whose L4 header is cut
     * short cannot be judged and is dropped as malformed. Entries for other protocols cannot match it anyway.
     */
    boolean pathNeedsL4(int ingressPort, int protocol) {
        return pathNeedsL4[ingressPort][protocol];
    }

    /** The counters of a list of the configuration (zero for lists bound nowhere), or null for another list. */
    public ListCounters counters(AccessList list) {
        return counters.get(list);
    }

    /** The counters of every list of the configuration, in configuration order. */
    public List<ListCounters> allCounters() {
        return Collections.unmodifiableList(countersInOrder);
    }

    /** One bound list as the handler runs it: its matcher and counters, and per entry permit and log flags. */
    static final class Step {
        final BoundList bound;
        final AccessList list;
        final Matcher matcher;
        final ListCounters counters;
        final boolean[] permits;
        final boolean[] logs;
        /** Per IP protocol: whether an entry for it looks at its L4 header. */
        final boolean[] needsL4 = new boolean[256];

        Step(BoundList bound, ListCounters counters) {
            this.bound = bound;
            this.list = bound.list();
            this.matcher = bound.matcher();
            this.counters = counters;
            int n = list.size();
            permits = new boolean[n];
            logs = new boolean[n];
            for (int i = 0; i < n; i++) {
                AccessListEntry e = list.entry(i);
                permits[i] = e.permits();
                logs[i] = e.log() != LogOption.NONE;
            }
            // the plain entries say which protocols are looked at (a service group names them only there)
            for (AccessListEntry e : list.plainEntries()) {
                if (e.hasL4Conditions()) {
                    needsL4[e.protocol() & 0xff] = true;
                }
            }
        }
    }
}
