package dev.perimeter.match;

import dev.perimeter.acl.AccessList;

/**
 * A list as bound to one side of one interface, with its matcher. {@code list} is null when the bound name is
 * not defined; an undefined or empty list permits everything, as on IOS.
 */
public record BoundList(String interfaceName, Direction direction, String listName, AccessList list, Matcher matcher) {

    /** True when this binding lets everything through without looking (undefined or empty list). */
    public boolean permitsAll() {
        return list == null || list.size() == 0;
    }

    /** The deciding entry index for the packet, or {@link Matcher#NO_MATCH}; only for lists with entries. */
    public int match(PacketKey packet) {
        return matcher.match(packet);
    }
}
