package dev.perimeter.config;

import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroups;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The object groups while the configuration is read: each group's members as entered (a member entered twice
 * counts once, as on IOS), the nesting between groups, and an immutable snapshot of them all for sizing the
 * entries that name them, rebuilt only after a change.
 */
final class ObjectGroupTable {

    /** One group being defined. */
    static final class Editor {
        final String name;
        final ObjectGroup.Kind kind;
        String description;
        final Set<ObjectGroup.Member> members = new LinkedHashSet<>();

        Editor(String name, ObjectGroup.Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        ObjectGroup build() {
            return new ObjectGroup(name, kind, description, new ArrayList<>(members));
        }
    }

    private final Map<String, Editor> groups = new LinkedHashMap<>();
    private ObjectGroups snapshot;

    Editor get(String name) {
        return groups.get(name);
    }

    /** The kind of the group of this name, or null when there is none. */
    ObjectGroup.Kind kindOf(String name) {
        Editor e = groups.get(name);
        return e == null ? null : e.kind;
    }

    /** The group of this name, made empty when new; the caller has checked that an existing one is of this kind. */
    Editor open(String name, ObjectGroup.Kind kind) {
        Editor e = groups.computeIfAbsent(name, n -> new Editor(n, kind));
        changed();
        return e;
    }

    void remove(String name) {
        groups.remove(name);
        changed();
    }

    /** Must follow every change of a group's members. */
    void changed() {
        snapshot = null;
    }

    /** Every group as it stands now, immutable. */
    ObjectGroups snapshot() {
        if (snapshot == null) {
            Map<String, ObjectGroup> built = new LinkedHashMap<>();
            groups.forEach((name, editor) -> built.put(name, editor.build()));
            snapshot = new ObjectGroups(built);
        }
        return snapshot;
    }

    int size() {
        return groups.size();
    }

    /** True when {@code from} is {@code to} or nests it, directly or through other groups. */
    boolean reaches(String from, String to) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (n.equals(to)) {
                return true;
            }
            Editor e = groups.get(n);
            if (e != null && seen.add(n)) {
                for (ObjectGroup.Member m : e.members) {
                    if (m instanceof ObjectGroup.Nested nested) {
                        todo.add(nested.group());
                    }
                }
            }
        }
        return false;
    }

    /** The group and every group that nests it, directly or through others: those a change of it changes. */
    Set<String> withNestingGroups(String name) {
        Set<String> out = new LinkedHashSet<>(List.of(name));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Editor e : groups.values()) {
                if (out.contains(e.name)) {
                    continue;
                }
                for (ObjectGroup.Member m : e.members) {
                    if (m instanceof ObjectGroup.Nested nested && out.contains(nested.group())) {
                        out.add(e.name);
                        grew = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** A group that nests this one directly, or null. */
    String nestedIn(String name) {
        ObjectGroup.Member nested = new ObjectGroup.Nested(name);
        for (Editor e : groups.values()) {
            if (e.members.contains(nested)) {
                return e.name;
            }
        }
        return null;
    }
}
