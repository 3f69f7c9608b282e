package dev.perimeter.pipeline;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.LogOption;
import dev.perimeter.match.BoundList;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.TimedMatcher;
import dev.perimeter.stats.ListCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FilterSet} laid out for the bridge's ports: for each port the step its {@code in} list makes and the
 * step its {@code out} list makes, resolved once so that the handler does no map look-ups per frame, and the
 * match counters of every list of the configuration. A reload builds a new plan (with fresh counters) and swaps it
 * in whole.
 *
 * <p>Lists whose entries name time ranges are judged at each frame's time: the plan keeps the stretch of time in
 * which no range changes ({@link #validFrom} to {@link #validUntil}); a frame outside it makes the handler call
 * {@link #moveTo}, which puts each list in its state for that instant (a matcher compiled for it) before the frame
 * is judged. The counters belong to the written entries and carry over. Apart from the counters and these states,
 * which only the handler thread touches, the plan is immutable.
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
    /** The lists with time ranges the ports meet, each once, and the steps that run them. */
    private final List<TimedMatcher> timed = new ArrayList<>();
    private final List<Step> timedSteps = new ArrayList<>();
    /** The stretch of frame time in which no list changes state; empty until the first frame when lists have ranges. */
    long validFrom = Long.MIN_VALUE;
    long validUntil = Long.MAX_VALUE;

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
        computePathNeedsL4();
        for (Step[] steps : new Step[][] {inbound, outbound}) {
            for (Step step : steps) {
                if (step != null && step.matcher instanceof TimedMatcher m) {
                    timedSteps.add(step);
                    if (!timed.contains(m)) {
                        timed.add(m);
                    }
                }
            }
        }
        if (!timed.isEmpty()) {
            validFrom = Long.MAX_VALUE; // no frame is inside: the first one sets the states
            validUntil = Long.MIN_VALUE;
        }
    }

    private void computePathNeedsL4() {
        for (int i = 0; i < ports.size(); i++) {
            Step out = outbound[ports.egressOf(i).index()];
            for (int protocol = 0; protocol < 256; protocol++) {
                pathNeedsL4[i][protocol] = (inbound[i] != null && inbound[i].needsL4[protocol])
                        || (out != null && out.needsL4[protocol]);
            }
        }
    }

    /**
     * Puts every list with time ranges in its state at {@code epochNanos} (a frame's time) and sets the stretch
     * around it in which none changes. Called by the handler thread when a frame falls outside the stretch.
     */
    void moveTo(long epochNanos) {
        long from = Long.MIN_VALUE;
        long until = Long.MAX_VALUE;
        for (TimedMatcher m : timed) {
            m.moveTo(epochNanos);
            from = Math.max(from, m.validFrom());
            until = Math.min(until, m.validUntil());
        }
        boolean changed = false;
        for (Step step : timedSteps) {
            changed |= step.use(((TimedMatcher) step.bound.matcher()).current());
        }
        if (changed) {
            computePathNeedsL4();
        }
        validFrom = from;
        validUntil = until;
    }

    /** The lists with time ranges that the ports meet, each once. */
    public List<TimedMatcher> timedMatchers() {
        return Collections.unmodifiableList(timed);
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

    /**
     * One bound list as the handler runs it: its matcher and counters, and per entry permit and log flags. For a
     * list with time ranges the matcher and the L4 needs are those of its state at the current frame time.
     */
    static final class Step {
        final BoundList bound;
        final AccessList list;
        Matcher matcher;
        final ListCounters counters;
        final boolean[] permits;
        final boolean[] logs;
        /** Per IP protocol: whether an entry in effect for it looks at its L4 header. */
        final boolean[] needsL4 = new boolean[256];
        /** The state the matcher is of, for a list with time ranges; null until the first frame. */
        TimedMatcher.State state;

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
            markL4(list);
        }

        /**
         * Runs the list as it stands in {@code s}: its matcher, and the protocols its entries in effect look into;
         * false when it already did.
         */
        boolean use(TimedMatcher.State s) {
            if (s == state) {
                return false;
            }
            state = s;
            matcher = s.matcher();
            java.util.Arrays.fill(needsL4, false);
            markL4(s.view());
            return true;
        }

        private void markL4(AccessList view) {
            // the plain entries say which protocols are looked at (a service group names them only there)
            for (AccessListEntry e : view.plainEntries()) {
                if (e.hasL4Conditions()) {
                    needsL4[e.protocol() & 0xff] = true;
                }
            }
        }
    }
}
