package dev.perimeter.config;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.TimeRanges;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a configuration file says that Perimeter acts on: the access lists by name (numbered lists under their
 * number), the interfaces with their {@code ip access-group} bindings, the logging settings, and the object
 * groups and time ranges the lists may name, with the router's time zone. Immutable.
 */
public record RouterConfig(Map<String, AccessList> accessLists, Map<String, InterfaceConfig> interfaces,
                           LogSettings logging, ObjectGroups objectGroups, TimeRanges timeRanges) {

    public static final RouterConfig EMPTY = new RouterConfig(Map.of(), Map.of(), LogSettings.DEFAULT);

    public RouterConfig {
        accessLists = Collections.unmodifiableMap(new LinkedHashMap<>(accessLists));
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        java.util.Objects.requireNonNull(objectGroups);
        java.util.Objects.requireNonNull(timeRanges);
    }

    /** A configuration without time ranges. */
    public RouterConfig(Map<String, AccessList> accessLists, Map<String, InterfaceConfig> interfaces,
                        LogSettings logging, ObjectGroups objectGroups) {
        this(accessLists, interfaces, logging, objectGroups, TimeRanges.NONE);
    }

    /** A configuration without object groups or time ranges. */
    public RouterConfig(Map<String, AccessList> accessLists, Map<String, InterfaceConfig> interfaces,
                        LogSettings logging) {
        this(accessLists, interfaces, logging, ObjectGroups.NONE);
    }

    public AccessList accessList(String name) {
        return accessLists.get(name);
    }

    public int entryCount() {
        return accessLists.values().stream().mapToInt(AccessList::size).sum();
    }

    /** The entries of every list with their object groups expanded (the entry count when none names a group). */
    public long plainEntryCount() {
        return accessLists.values().stream().mapToLong(l -> l.plainEntries().size()).sum();
    }

    /** True when some entry of some list names a time range (defined or not). */
    public boolean usesTimeRanges() {
        return accessLists.values().stream().anyMatch(l -> !l.timeRangeNames().isEmpty());
    }

    /** Interfaces that have at least one {@code ip access-group}. */
    public long boundInterfaceCount() {
        return interfaces.values().stream().filter(InterfaceConfig::hasBinding).count();
    }
}
