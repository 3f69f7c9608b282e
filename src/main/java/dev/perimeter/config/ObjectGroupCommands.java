package dev.perimeter.config;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroups;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The commands that edit object groups, once the parser knows which group and in which mode: opening and removing
 * a group, and the lines inside one (members, {@code group-object}, {@code description} and their {@code no}
 * forms). Checks what IOS checks: a group in use cannot be removed or left empty, nesting cannot loop, and no
 * member may make the entries that name its group expand past the limits.
 */
final class ObjectGroupCommands {
    private static final KeywordSet NETWORK_MODE = ObjectGroupParser.NETWORK_MEMBERS.plus("group-object",
            "description", "no", "exit", "end");
    private static final KeywordSet SERVICE_MODE = ObjectGroupParser.SERVICE_MEMBERS.plus("group-object",
            "description", "no", "exit", "end");
    private static final KeywordSet NETWORK_NO = ObjectGroupParser.NETWORK_MEMBERS.plus("group-object", "description");
    private static final KeywordSet SERVICE_NO = ObjectGroupParser.SERVICE_MEMBERS.plus("group-object", "description");

    private final ObjectGroupTable groups;
    private final Map<String, AccessListEditor> lists;
    private final Consumer<String> warn;

    /** Edits {@code groups}; {@code lists} are the entries that may use them; {@code warn} takes a warning. */
    ObjectGroupCommands(ObjectGroupTable groups, Map<String, AccessListEditor> lists, Consumer<String> warn) {
        this.groups = groups;
        this.lists = lists;
        this.warn = warn;
    }

    /** The first words of the commands inside a network or a service group. */
    static KeywordSet modeWords(ObjectGroup.Kind kind) {
        return kind == ObjectGroup.Kind.NETWORK ? NETWORK_MODE : SERVICE_MODE;
    }

    /**
     * {@code object-group network|service NAME}, from the name on: the group to edit, new or existing (its members
     * are kept).
     */
    ObjectGroupTable.Editor open(Tokens t, ObjectGroup.Kind kind) {
        int nameAt = t.position();
        String name = t.next();
        t.end();
        ObjectGroup.Kind existing = groups.kindOf(name);
        if (existing != null && existing != kind) {
            throw t.rule("% Object group " + name + " exists as a " + existing.keyword() + " group", nameAt);
        }
        return groups.open(name, kind);
    }

    /**
     * {@code no object-group network|service NAME}, from the name on: refused while an entry or another group
     * uses it.
     */
    void remove(Tokens t, String kindWord) {
        int nameAt = t.position();
        String name = t.next();
        t.end();
        ObjectGroup.Kind existing = groups.kindOf(name);
        if (existing == null) {
            warn.accept("object group " + name + " does not exist");
            return;
        }
        if (!existing.keyword().equals(kindWord)) {
            throw t.rule("% Object group " + name + " exists as a " + existing.keyword() + " group", nameAt);
        }
        String user = userOf(name);
        if (user != null) {
            throw t.rule("% Object group " + name + " is used by " + user + " and cannot be removed", nameAt);
        }
        groups.remove(name);
    }

    /** What uses a group: the first entry naming it, or a group nesting it; null when nothing does. */
    private String userOf(String name) {
        for (AccessListEditor editor : lists.values()) {
            for (AccessListEntry e : editor.groupEntries()) {
                if (name.equals(e.sourceGroup()) || name.equals(e.destinationGroup()) || name.equals(e.serviceGroup())) {
                    return "access list " + editor.name + " entry " + e.sequence();
                }
            }
        }
        String nesting = groups.nestedIn(name);
        return nesting == null ? null : "object group " + nesting;
    }

    /**
     * One command inside {@code group}: a member, {@code group-object}, {@code description}, {@code no ...},
     * {@code exit} or {@code end}. True when it leaves the group.
     */
    boolean command(Tokens t, ObjectGroupTable.Editor group) {
        boolean network = group.kind == ObjectGroup.Kind.NETWORK;
        int at = t.position();
        String k = modeWords(group.kind).resolve(t.peek());
        if (k == KeywordSet.AMBIGUOUS) {
            throw t.ambiguous();
        }
        if (k == null) {
            k = "";
        }
        switch (k) {
            case "exit", "end" -> {
                t.next();
                t.end();
                return true;
            }
            case "description" -> {
                t.next();
                if (!t.hasNext()) {
                    throw t.incomplete();
                }
                group.description = t.rest();
            }
            case "group-object" -> {
                t.next();
                ObjectGroup.Member nested = nestedGroup(t, group);
                addMember(group, nested, t, at);
            }
            case "no" -> {
                t.next();
                removeMember(t, group, network);
            }
            default -> addMember(group, network ? ObjectGroupParser.network(t) : ObjectGroupParser.service(t), t, at);
        }
        return false;
    }

    /** {@code group-object NAME}: an existing group of the same kind that does not nest this one. */
    private ObjectGroup.Member nestedGroup(Tokens t, ObjectGroupTable.Editor group) {
        int nameAt = t.position();
        String name = t.next();
        t.end();
        ObjectGroup.Kind kind = groups.kindOf(name);
        if (kind == null) {
            throw t.rule("% Object group " + name + " does not exist", nameAt);
        }
        if (kind != group.kind) {
            throw t.rule("% Object group " + name + " is a " + kind.keyword() + " group, not a " + group.kind.keyword()
                    + " group", nameAt);
        }
        if (groups.reaches(name, group.name)) {
            throw t.rule("% Object group " + name + (name.equals(group.name) ? " cannot nest itself"
                    : " nests " + group.name + ": nesting it here would make a loop"), nameAt);
        }
        return new ObjectGroup.Nested(name);
    }

    /**
     * Adds a member, unless the entries naming the group (directly or through groups nesting it) would then
     * stand for more plain entries than the limits allow.
     */
    private void addMember(ObjectGroupTable.Editor group, ObjectGroup.Member member, Tokens t, int at) {
        if (!group.members.add(member)) {
            return; // entered before: IOS keeps one
        }
        groups.changed();
        try {
            checkGrowth(group.name, t, at);
        } catch (ParseError e) {
            group.members.remove(member);
            groups.changed();
            throw e;
        }
    }

    private void checkGrowth(String group, Tokens t, int at) {
        Set<String> affected = null;
        for (AccessListEditor editor : lists.values()) {
            boolean touched = false;
            for (AccessListEntry e : editor.groupEntries()) {
                if (affected == null) {
                    affected = groups.withNestingGroups(group);
                }
                if (!affected.contains(e.sourceGroup()) && !affected.contains(e.destinationGroup())
                        && !affected.contains(e.serviceGroup())) {
                    continue;
                }
                touched = true;
                long size = groups.snapshot().expansionSize(e);
                if (size > ObjectGroups.MAX_ENTRY_EXPANSION) {
                    throw t.rule("% This member would expand entry " + e.sequence() + " of access list "
                            + editor.name + " to " + size + " entries, more than the limit of "
                            + ObjectGroups.MAX_ENTRY_EXPANSION, at);
                }
            }
            long total = touched ? editor.groupExpansion(groups.snapshot()) : 0;
            if (total > ObjectGroups.MAX_LIST_EXPANSION) {
                throw t.rule("% This member would bring the object-group entries of access list " + editor.name
                        + " to " + total + " entries, more than the limit of " + ObjectGroups.MAX_LIST_EXPANSION, at);
            }
        }
    }

    /** {@code no MEMBER}, {@code no group-object NAME}, {@code no description}. */
    private void removeMember(Tokens t, ObjectGroupTable.Editor group, boolean network) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        String k = (network ? NETWORK_NO : SERVICE_NO).resolve(t.peek());
        if (k == KeywordSet.AMBIGUOUS) {
            throw t.ambiguous();
        }
        if ("description".equals(k)) {
            t.next();
            t.rest();
            group.description = null;
            return;
        }
        ObjectGroup.Member member;
        if ("group-object".equals(k)) {
            t.next();
            member = new ObjectGroup.Nested(t.next());
            t.end();
        } else {
            member = network ? ObjectGroupParser.network(t) : ObjectGroupParser.service(t);
        }
        if (!group.members.contains(member)) {
            warn.accept("no such member in object group " + group.name);
            return;
        }
        String user = group.members.size() == 1 ? userOf(group.name) : null;
        if (user != null) {
            throw t.rule("% Object group " + group.name + " is used by " + user + " and cannot be left empty", -1);
        }
        group.members.remove(member);
        groups.changed();
    }
}
