package dev.perimeter.acl;

import java.util.List;
import java.util.Objects;

/**
 * An IOS IPv4 access list, immutable: its name (a number for numbered lists), its kind, and its entries in
 * sequence order. Remarks are kept for the configuration text but take no part in matching.
 */
public final class AccessList {

    /** Standard lists compare only the source address; extended lists compare everything. */
    public enum Kind {
        STANDARD, EXTENDED;

        public String keyword() {
            return this == STANDARD ? "standard" : "extended";
        }
    }

    /** A {@code remark} line; {@code afterSequence} is the entry it follows (0 when it comes first). */
    public record Remark(int afterSequence, String text) {
    }

    private final String name;
    private final Kind kind;
    private final List<AccessListEntry> entries;
    private final List<Remark> remarks;

    public AccessList(String name, Kind kind, List<AccessListEntry> entries, List<Remark> remarks) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.entries = List.copyOf(entries);
        this.remarks = List.copyOf(remarks);
        for (int i = 1; i < this.entries.size(); i++) {
            if (this.entries.get(i).sequence() <= this.entries.get(i - 1).sequence()) {
                throw new IllegalArgumentException("entries of " + name + " are not in ascending sequence order");
            }
        }
    }

    public AccessList(String name, Kind kind, List<AccessListEntry> entries) {
        this(name, kind, entries, List.of());
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public List<AccessListEntry> entries() { return entries; }
    public List<Remark> remarks() { return remarks; }

    public AccessListEntry entry(int index) {
        return entries.get(index);
    }

    public int size() {
        return entries.size();
    }

    /** True for lists named by a number (1-199, 1300-2699). */
    public boolean isNumbered() {
        return name.chars().allMatch(Character::isDigit);
    }

    public boolean isStandard() {
        return kind == Kind.STANDARD;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessList other && name.equals(other.name) && kind == other.kind
                && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, entries);
    }

    @Override
    public String toString() {
        return (kind == Kind.STANDARD ? "Standard" : "Extended") + " IP access list " + name + " (" + entries.size() + " entries)";
    }
}
