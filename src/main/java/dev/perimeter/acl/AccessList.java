package dev.perimeter.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IOS IPv4 access list, immutable: its name (a number for numbered lists), its kind, and its entries in
 * sequence order, as written. Remarks are kept for the configuration text but take no part in matching.
 *
 * <p>Entries that name object groups are matched through their expansion: {@link #plainEntries()} holds every
 * entry with its groups expanded, in order, and {@link #writtenIndex(int)} says which written entry each plain
 * one came from. First match over the plain entries is first match over the written ones, since the plain
 * entries of one written entry are contiguous and share its action.
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
    private final List<AccessListEntry> plain;
    /** The written entry of each plain entry; null when no entry names a group (the two lists are one). */
    private final int[] writtenIndex;

    /** A list whose entries may name object groups of {@code groups}, which must hold every group they name. */
    public AccessList(String name, Kind kind, List<AccessListEntry> entries, List<Remark> remarks,
                      ObjectGroups groups) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.entries = List.copyOf(entries);
        this.remarks = List.copyOf(remarks);
        for (int i = 1; i < this.entries.size(); i++) {
            if (this.entries.get(i).sequence() <= this.entries.get(i - 1).sequence()) {
                throw new IllegalArgumentException("entries of " + name + " are not in ascending sequence order");
            }
        }
        if (this.entries.stream().noneMatch(AccessListEntry::usesObjectGroups)) {
            this.plain = this.entries;
            this.writtenIndex = null;
            return;
        }
        List<AccessListEntry> flat = new ArrayList<>(this.entries.size() * 2);
        int[] written = new int[16];
        for (int i = 0; i < this.entries.size(); i++) {
            for (AccessListEntry e : groups.expand(this.entries.get(i))) {
                if (flat.size() == written.length) {
                    written = Arrays.copyOf(written, written.length * 2);
                }
                written[flat.size()] = i;
                flat.add(e);
            }
        }
        this.plain = List.copyOf(flat);
        this.writtenIndex = Arrays.copyOf(written, flat.size());
    }

    public AccessList(String name, Kind kind, List<AccessListEntry> entries, List<Remark> remarks) {
        this(name, kind, entries, remarks, ObjectGroups.NONE);
    }

    public AccessList(String name, Kind kind, List<AccessListEntry> entries) {
        this(name, kind, entries, List.of());
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public List<AccessListEntry> entries() { return entries; }
    public List<Remark> remarks() { return remarks; }

    /** The entries with every object group expanded, in order: what the matchers compare. */
    public List<AccessListEntry> plainEntries() { return plain; }

    /** True when some entry names an object group (the plain entries then differ from the written ones). */
    public boolean usesObjectGroups() {
        return writtenIndex != null;
    }

    /** The index of the written entry the plain entry at {@code plainIndex} belongs to. */
    public int writtenIndex(int plainIndex) {
        return writtenIndex == null ? plainIndex : writtenIndex[plainIndex];
    }

    /** {@link #writtenIndex(int)} for every plain entry, a fresh array; null when the two lists are one. */
    public int[] writtenIndexes() {
        return writtenIndex == null ? null : writtenIndex.clone();
    }

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
                && entries.equals(other.entries)
                && (writtenIndex == null && other.writtenIndex == null || plain.equals(other.plain));
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
