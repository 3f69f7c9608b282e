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
 *
 * <p>Entries may name time ranges ({@link #timeRangeNames()}); {@link #withTimeRanges} gives the list as it stands
 * while some of them are in effect: the same written entries, with the plain entries of the others left out.
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
    /** The time ranges the entries name, each once, in order of first use. */
    private final List<String> timeRanges;

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
        this.timeRanges = this.entries.stream().map(AccessListEntry::timeRange).filter(Objects::nonNull).distinct()
                .toList();
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

    /** The list {@code of} with only the plain entries whose written entry is {@code kept}. */
    private AccessList(AccessList of, boolean[] kept) {
        this.name = of.name;
        this.kind = of.kind;
        this.entries = of.entries;
        this.remarks = of.remarks;
        this.timeRanges = of.timeRanges;
        List<AccessListEntry> flat = new ArrayList<>(of.plain.size());
        int[] written = new int[of.plain.size()];
        for (int p = 0; p < of.plain.size(); p++) {
            int w = of.writtenIndex(p);
            if (kept[w]) {
                written[flat.size()] = w;
                flat.add(of.plain.get(p));
            }
        }
        this.plain = List.copyOf(flat);
        this.writtenIndex = Arrays.copyOf(written, flat.size());
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

    /** True when some entry names an object group. */
    public boolean usesObjectGroups() {
        return entries.stream().anyMatch(AccessListEntry::usesObjectGroups);
    }

    /** The index of the written entry the plain entry at {@code plainIndex} belongs to. */
    public int writtenIndex(int plainIndex) {
        return writtenIndex == null ? plainIndex : writtenIndex[plainIndex];
    }

    /** {@link #writtenIndex(int)} for every plain entry, a fresh array; null when the two lists are one (no entry
     *  names a group and none is left out for its time range). */
    public int[] writtenIndexes() {
        return writtenIndex == null ? null : writtenIndex.clone();
    }

    /** The names of the time ranges the entries name, each once, in order of first use; empty when none does. */
    public List<String> timeRangeNames() {
        return timeRanges;
    }

    /**
     * The list while only the time ranges {@code active} accepts are in effect: the same written entries (so entry
     * indexes, counters and log lines stay those of this list), but an entry whose range is not in effect has no
     * plain entries, so matching goes on past it as if it were absent. This list itself when every entry is in
     * effect.
     */
    public AccessList withTimeRanges(java.util.function.Predicate<String> active) {
        if (timeRanges.isEmpty()) {
            return this;
        }
        boolean[] kept = new boolean[entries.size()];
        boolean all = true;
        for (int i = 0; i < kept.length; i++) {
            String range = entries.get(i).timeRange();
            kept[i] = range == null || active.test(range);
            all &= kept[i];
        }
        return all ? this : new AccessList(this, kept);
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
