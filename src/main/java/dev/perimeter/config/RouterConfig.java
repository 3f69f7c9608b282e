package dev.perimeter.config;

import dev.perimeter.acl.AccessList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a configuration file says that Perimeter acts on: the access lists by name (numbered lists under their
 * number), the interfaces with their {@code ip access-group} bindings, and the logging settings. Immutable.
 */
public record RouterConfig(Map<String, AccessList> accessLists, Map<String, InterfaceConfig> interfaces,
                           LogSettings logging) {

    public static final RouterConfig EMPTY = new RouterConfig(Map.of(), Map.of(), LogSettings.DEFAULT);

    public RouterConfig {
        accessLists = Collections.unmodifiableMap(new LinkedHashMap<>(accessLists));
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
    }

    public AccessList accessList(String name) {
        return accessLists.get(name);
    }

    public int entryCount() {
        return accessLists.values().stream().mapToInt(AccessList::size).sum();
    }

    /** Interfaces that have at least one {@code ip access-group}. */
    public long boundInterfaceCount() {
        return interfaces.values().stream().filter(InterfaceConfig::hasBinding).count();
    }
}
