package dev.perimeter.acl;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An IOS keyword table: names to numbers, and back to the name {@code show access-lists} prints for a number
 * (the first name given for it). Immutable.
 */
public final class NameTable {
    private final Map<String, Integer> byName;
    private final Map<Integer, String> byValue = new HashMap<>();

    private NameTable(Map<String, Integer> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        byName.forEach((name, value) -> byValue.putIfAbsent(value, name));
    }

    /** Builds a table from alternating name, value pairs: {@code of("echo", 7, "discard", 9)}. */
    public static NameTable of(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (map.put((String) pairs[i], (Integer) pairs[i + 1]) != null) {
                throw new IllegalArgumentException("duplicate name " + pairs[i]);
            }
        }
        return new NameTable(map);
    }

    /** The number for a full name, or -1. */
    public int value(String name) {
        Integer v = byName.get(name);
        return v == null ? -1 : v;
    }

    /** The printed name of a number, or null when it has none. */
    public String name(int value) {
        return byValue.get(value);
    }

    /** The printed name of a number, or the number itself. */
    public String nameOrNumber(int value) {
        String name = byValue.get(value);
        return name != null ? name : Integer.toString(value);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Map<String, Integer> asMap() {
        return byName;
    }
}
