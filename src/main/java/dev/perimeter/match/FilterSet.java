package dev.perimeter.match;

import dev.perimeter.acl.AccessList;
import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.RouterConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every binding of a configuration with its matcher, built once: a reload builds a new one and swaps it in with a
 * single reference write, so no frame ever meets a half-built list. A list bound in several places is compiled
 * once and shares its matcher. A list whose entries name time ranges gets a {@link TimedMatcher}, which must be
 * moved to an instant ({@link #moveTo}, or each one by the pipeline) before it matches; everything else is
 * immutable.
 */
public final class FilterSet {
    private final RouterConfig config;
    private final Map<String, BoundList> inbound = new HashMap<>();
    private final Map<String, BoundList> outbound = new HashMap<>();
    private final Map<AccessList, Matcher> matchers = new IdentityHashMap<>();
    private final List<TimedMatcher> timed = new ArrayList<>();

    private FilterSet(RouterConfig config, Function<AccessList, Matcher> compiler, Executor ahead) {
        this.config = config;
        for (InterfaceConfig itf : config.interfaces().values()) {
            if (itf.inList() != null) {
                inbound.put(itf.name(), bind(itf.name(), Direction.IN, itf.inList(), compiler, ahead));
            }
            if (itf.outList() != null) {
                outbound.put(itf.name(), bind(itf.name(), Direction.OUT, itf.outList(), compiler, ahead));
            }
        }
    }

    /** Builds the filter set of a configuration, compiling each bound list with {@code compiler}. */
    public static FilterSet build(RouterConfig config, Function<AccessList, Matcher> compiler) {
        return new FilterSet(config, compiler, null);
    }

    /**
     * As {@link #build(RouterConfig, Function)}; the states of lists with time ranges are compiled ahead of their
     * time on {@code ahead}, so that a pipeline switching state finds the matcher ready.
     */
    public static FilterSet build(RouterConfig config, Function<AccessList, Matcher> compiler, Executor ahead) {
        return new FilterSet(config, compiler, ahead);
    }

    private BoundList bind(String itf, Direction dir, String name, Function<AccessList, Matcher> compiler,
                           Executor ahead) {
        AccessList list = config.accessList(name);
        Matcher matcher = list == null ? null : matchers.computeIfAbsent(list, l -> {
            if (l.timeRangeNames().isEmpty()) {
                return compiler.apply(l);
            }
            TimedMatcher m = new TimedMatcher(l, config.timeRanges(), compiler, ahead);
            timed.add(m);
            return m;
        });
        return new BoundList(itf, dir, name, list, matcher);
    }

    /** The matchers of the bound lists whose entries name time ranges, each once. */
    public List<TimedMatcher> timedMatchers() {
        return Collections.unmodifiableList(timed);
    }

    /** Moves every list with time ranges to the instant (nanoseconds since the epoch): what {@code explain} does. */
    public void moveTo(long epochNanos) {
        timed.forEach(m -> m.moveTo(epochNanos));
    }

    public RouterConfig config() {
        return config;
    }

    /** The list bound {@code in} on the interface, or null when none is. */
    public BoundList inbound(String interfaceName) {
        return inbound.get(interfaceName);
    }

    /** The list bound {@code out} on the interface, or null when none is. */
    public BoundList outbound(String interfaceName) {
        return outbound.get(interfaceName);
    }

    /** The matcher built for a list of this configuration, or null when the list is bound nowhere. */
    public Matcher matcherFor(AccessList list) {
        return matchers.get(list);
    }
}
