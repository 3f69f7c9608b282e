package dev.perimeter.acl;

import java.util.Collection;

/**
 * Renders object groups as {@code show running-config} prints them: the {@code object-group network|service NAME}
 * line, then the description and each member on its own line indented one space. The text reads back as
 * configuration.
 */
public final class ObjectGroupPrinter {
    private ObjectGroupPrinter() {
    }

    /** One group, each line ending in a newline. */
    public static String config(ObjectGroup group) {
        StringBuilder sb = new StringBuilder(32 + 24 * group.members().size());
        append(sb, group);
        return sb.toString();
    }

    /** The groups in the order given. */
    public static String config(Collection<ObjectGroup> groups) {
        StringBuilder sb = new StringBuilder();
        for (ObjectGroup g : groups) {
            append(sb, g);
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, ObjectGroup g) {
        sb.append("object-group ").append(g.kind().keyword()).append(' ').append(g.name()).append('\n');
        if (g.description() != null) {
            sb.append(" description ").append(g.description()).append('\n');
        }
        for (ObjectGroup.Member m : g.members()) {
            sb.append(' ').append(m).append('\n');
        }
    }
}
