package dev.perimeter.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The object groups of a configuration, immutable, with their nesting resolved: each group's members flattened
 * into plain addresses (ranges as the prefixes that cover them exactly) or plain services (tcp-udp as tcp and
 * udp), duplicates dropped. An entry that names groups stands for the cross product of their members, one plain
 * entry per combination; {@link #expand} builds it, bounded by {@link #MAX_ENTRY_EXPANSION}.
 */
public final class ObjectGroups {
    /** The most plain entries one entry may stand for: past this the parser refuses the entry or the member. */
    public static final int MAX_ENTRY_EXPANSION = 10_000;
    /** The most plain entries the object-group entries of one list may stand for together. */
    public static final int MAX_LIST_EXPANSION = 100_000;

    public static final ObjectGroups NONE = new ObjectGroups(Map.of());

    private final Map<String, ObjectGroup> groups;
    private final Map<String, List<AddressMatch>> addresses = new HashMap<>();
    private final Map<String, List<ObjectGroup.Service>> services = new HashMap<>();

    /** The groups by name, in definition order; every nested name must be a group of the same kind, no cycles. */
    public ObjectGroups(Map<String, ObjectGroup> groups) {
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        for (ObjectGroup g : this.groups.values()) {
            if (g.kind() == ObjectGroup.Kind.NETWORK) {
                addresses(g.name());
            } else {
                services(g.name());
            }
        }
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    public int size() {
        return groups.size();
    }

    /** The group of this name, or null. */
    public ObjectGroup group(String name) {
        return groups.get(name);
    }

    /** Every group, in definition order. */
    public Collection<ObjectGroup> all() {
        return groups.values();
    }

    /** The plain addresses of a network group, nested groups included, in order of first appearance. */
    public List<AddressMatch> addresses(String name) {
        List<AddressMatch> flat = addresses.get(name);
        if (flat == null) {
            Set<AddressMatch> out = new LinkedHashSet<>();
            for (ObjectGroup.Member m : enter(name, ObjectGroup.Kind.NETWORK).members()) {
                if (m instanceof ObjectGroup.Network n) {
                    out.add(n.address());
                } else if (m instanceof ObjectGroup.Range r) {
                    out.addAll(r.prefixes());
                } else if (m instanceof ObjectGroup.Nested n) {
                    out.addAll(addresses(n.group()));
                }
            }
            resolving.remove(name);
            flat = List.copyOf(out);
            addresses.put(name, flat);
        }
        return flat;
    }

    /** The plain services of a service group (no tcp-udp left), nested groups included, in order of first appearance. */
    public List<ObjectGroup.Service> services(String name) {
        List<ObjectGroup.Service> flat = services.get(name);
        if (flat == null) {
            Set<ObjectGroup.Service> out = new LinkedHashSet<>();
            for (ObjectGroup.Member m : enter(name, ObjectGroup.Kind.SERVICE).members()) {
                if (m instanceof ObjectGroup.Service s) {
                    out.addAll(s.asPlain());
                } else if (m instanceof ObjectGroup.Nested n) {
                    out.addAll(services(n.group()));
                }
            }
            resolving.remove(name);
            flat = List.copyOf(out);
            services.put(name, flat);
        }
        return flat;
    }

    /** Names being flattened in the constructor, to refuse a cycle instead of recursing forever. */
    private final Set<String> resolving = new LinkedHashSet<>();

    private ObjectGroup enter(String name, ObjectGroup.Kind kind) {
        ObjectGroup g = groups.get(name);
        if (g == null || g.kind() != kind) {
            throw new IllegalArgumentException("no " + kind.keyword() + " object group " + name);
        }
        if (!resolving.add(name)) {
            throw new IllegalArgumentException("object group " + name + " nests itself");
        }
        return g;
    }

    /** How many plain entries {@code e} stands for: the product of its groups' sizes (1 for a plain entry). */
    public long expansionSize(AccessListEntry e) {
        long n = 1;
        if (e.sourceGroup() != null) {
            n *= addresses(e.sourceGroup()).size();
        }
        if (e.destinationGroup() != null) {
            n *= addresses(e.destinationGroup()).size();
        }
        if (e.serviceGroup() != null) {
            n *= services(e.serviceGroup()).size();
        }
        return n;
    }

    /**
     * The plain entries an entry stands for, each with one member of each of its groups in place of the group
     * and everything else (sequence, action, options, log) as written; the entry itself when it names none.
     */
    public List<AccessListEntry> expand(AccessListEntry e) {
        if (!e.usesObjectGroups()) {
            return List.of(e);
        }
        long size = expansionSize(e);
        if (size > MAX_ENTRY_EXPANSION) {
            throw new IllegalArgumentException("entry " + e.sequence() + " expands to " + size
                    + " entries, more than " + MAX_ENTRY_EXPANSION);
        }
        List<AddressMatch> sources = e.sourceGroup() == null ? List.of(e.source()) : addresses(e.sourceGroup());
        List<AddressMatch> destinations = e.destinationGroup() == null
                ? List.of(e.destination()) : addresses(e.destinationGroup());
        List<ObjectGroup.Service> svc = e.serviceGroup() == null ? null : services(e.serviceGroup());
        List<AccessListEntry> out = new ArrayList<>((int) size);
        AccessListEntry.Builder b = e.toBuilder().sourceGroup(null).destinationGroup(null).serviceGroup(null);
        for (AddressMatch s : sources) {
            b.source(s);
            for (AddressMatch d : destinations) {
                b.destination(d);
                if (svc == null) {
                    out.add(b.build());
                    continue;
                }
                for (ObjectGroup.Service v : svc) {
                    out.add(b.protocol(v.protocol()).sourcePort(v.sourcePort()).destinationPort(v.destinationPort())
                            .icmp(v.icmpType(), v.icmpCode()).build());
                }
            }
        }
        return out;
    }

    /** The groups these names stand for with every group they nest, in definition order. */
    public List<ObjectGroup> withNested(Collection<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            ObjectGroup g = groups.get(n);
            if (g != null && wanted.add(n)) {
                for (ObjectGroup.Member m : g.members()) {
                    if (m instanceof ObjectGroup.Nested nested) {
                        todo.add(nested.group());
                    }
                }
            }
        }
        List<ObjectGroup> out = new ArrayList<>();
        for (ObjectGroup g : groups.values()) {
            if (wanted.contains(g.name())) {
                out.add(g);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectGroups other && groups.equals(other.groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }
}
