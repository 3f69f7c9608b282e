package dev.perimeter.match;

import dev.perimeter.acl.AccessList;
import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.RouterConfig;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every binding of a configuration with its matcher, built once and immutable: a reload builds a new one and
 * swaps it in with a single reference write, so no frame ever meets a half-built list. A list bound in several
 * places is compiled once and shares its matcher.
 */
public final class FilterSet {
    private final RouterConfig config;
    private final Map<String, BoundList> inbound = new HashMap<>();
    private final Map<String, BoundList> outbound = new HashMap<>();
    private final Map<AccessList, Matcher> matchers = new IdentityHashMap<>();

    private FilterSet(RouterConfig config, Function<AccessList, Matcher> compiler) {
        this.config = config;
        for (InterfaceConfig itf : config.interfaces().values()) {
            if (itf.inList() != null) {
                inbound.put(itf.name(), bind(itf.name(), Direction.IN, itf.inList(), compiler));
            }
            if (itf.outList() != null) {
                outbound.put(itf.name(), bind(itf.name(), Direction.OUT, itf.outList(), compiler));
            }
        }
    }

    /** Builds the filter set of a configuration, compiling each bound list with {@code compiler}. */
    public static FilterSet build(RouterConfig config, Function<AccessList, Matcher> compiler) {
        return new FilterSet(config, compiler);
    }

    private BoundList bind(String itf, Direction dir, String name, Function<AccessList, Matcher> compiler) {
        AccessList list = config.accessList(name);
        Matcher matcher = list == null ? null : matchers.computeIfAbsent(list, compiler);
        return new BoundList(itf, dir, name, list, matcher);
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
