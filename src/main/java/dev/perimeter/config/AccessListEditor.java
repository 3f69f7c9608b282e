package dev.perimeter.config;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.ObjectGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One access list while the configuration is read: entries by sequence number, with the edits IOS allows
 * (append at last + 10, insert at a given number, delete, resequence) and the rules it enforces.
 */
final class AccessListEditor {
    static final int MAX_SEQUENCE = Integer.MAX_VALUE;
    static final String COVERED = "% Access rule can't be configured at higher sequence num as it is part of the"
            + " existing rule at sequence num ";

    final String name;
    final AccessList.Kind kind;
    private final TreeMap<Integer, AccessListEntry> entries = new TreeMap<>();
    private final List<AccessList.Remark> remarks = new ArrayList<>();
    /** Standard lists: wildcard -> (masked address -> lowest sequence). Extended: entry without sequence -> lowest. */
    private final Map<Integer, Map<Integer, Integer>> byWildcard = new HashMap<>();
    private final Map<AccessListEntry, Integer> bySameEntry = new HashMap<>();
    private boolean indexStale;
    /** True once an entry naming object groups was added (never reset: it only saves scanning plain lists). */
    private boolean hasGroupEntries;
    /** Plain entries the object-group entries stand for, as of {@code expansionOf}; null when to be recounted. */
    private long groupExpansion;
    private ObjectGroups expansionOf;

    AccessListEditor(String name, AccessList.Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    boolean isStandard() {
        return kind == AccessList.Kind.STANDARD;
    }

    int size() {
        return entries.size();
    }

    /** The number an entry without one gets: 10 for the first, then the last plus 10. */
    long nextSequence() {
        return entries.isEmpty() ? 10 : (long) entries.lastKey() + 10;
    }

    /**
     * Adds an entry; the reason it is refused otherwise: the number is taken, or an earlier entry already covers
     * it (for an extended list, an identical earlier entry).
     */
    void add(AccessListEntry entry, Tokens t, int sequenceAt) {
        int seq = entry.sequence();
        if (entries.containsKey(seq)) {
            throw t.rule("% Duplicate sequence number", sequenceAt);
        }
        refreshIndex();
        int coveredBy = coveringSequence(entry);
        if (coveredBy >= 0 && coveredBy < seq) {
            throw t.rule(COVERED + coveredBy, -1);
        }
        entries.put(seq, entry);
        index(entry);
        hasGroupEntries |= entry.usesObjectGroups();
    }

    /** The entries that name object groups, in sequence order. */
    Iterable<AccessListEntry> groupEntries() {
        if (!hasGroupEntries) {
            return List.of();
        }
        return () -> entries.values().stream().filter(AccessListEntry::usesObjectGroups).iterator();
    }

    /** How many plain entries this list's object-group entries stand for with these groups. */
    long groupExpansion(ObjectGroups groups) {
        if (expansionOf != groups) {
            long n = 0;
            for (AccessListEntry e : groupEntries()) {
                n += groups.expansionSize(e);
            }
            groupExpansion = n;
            expansionOf = groups;
        }
        return groupExpansion;
    }

    /** Keeps the count of {@link #groupExpansion} after {@link #add} of an entry of this size with these groups. */
    void addedExpansion(ObjectGroups groups, AccessListEntry entry, long size) {
        if (!entry.usesObjectGroups()) {
            return;
        }
        if (expansionOf == groups) {
            groupExpansion += size;
        } else {
            expansionOf = null;
        }
    }

    private int coveringSequence(AccessListEntry entry) {
        if (isStandard()) {
            AddressMatch src = entry.source();
            int best = -1;
            for (Map.Entry<Integer, Map<Integer, Integer>> w : byWildcard.entrySet()) {
                int wildcard = w.getKey();
                if ((src.wildcard() & ~wildcard) == 0) {
                    Integer s = w.getValue().get(src.address() & ~wildcard);
                    if (s != null && (best < 0 || s < best)) {
                        best = s;
                    }
                }
            }
            return best;
        }
        Integer s = bySameEntry.get(entry.withSequence(0));
        return s == null ? -1 : s;
    }

    private void index(AccessListEntry e) {
        if (isStandard()) {
            byWildcard.computeIfAbsent(e.source().wildcard(), k -> new HashMap<>())
                    .merge(e.source().address(), e.sequence(), Math::min);
        } else {
            bySameEntry.merge(e.withSequence(0), e.sequence(), Math::min);
        }
    }

    private void refreshIndex() {
        if (indexStale) {
            byWildcard.clear();
            bySameEntry.clear();
            entries.values().forEach(this::index);
            indexStale = false;
        }
    }

    boolean remove(int sequence) {
        AccessListEntry removed = entries.remove(sequence);
        indexStale |= removed != null;
        if (removed != null && removed.usesObjectGroups()) {
            expansionOf = null;
        }
        return removed != null;
    }

    /** Removes the entry equal to this one apart from its number ({@code no permit ...}); false when none is. */
    boolean removeSame(AccessListEntry entry) {
        AccessListEntry key = entry.withSequence(0);
        for (Iterator<AccessListEntry> it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().withSequence(0).equals(key)) {
                it.remove();
                indexStale = true;
                if (entry.usesObjectGroups()) {
                    expansionOf = null;
                }
                return true;
            }
        }
        return false;
    }

    void addRemark(String text) {
        remarks.add(new AccessList.Remark(entries.isEmpty() ? 0 : entries.lastKey(), text));
    }

    boolean removeRemark(String text) {
        return remarks.removeIf(r -> r.text().equals(text));
    }

    /** Renumbers the entries start, start + increment, ...; false when the numbers would pass the maximum. */
    boolean resequence(int start, int increment) {
        if (!entries.isEmpty() && start + (long) increment * (entries.size() - 1) > MAX_SEQUENCE) {
            return false;
        }
        Map<Integer, Integer> renumbered = new HashMap<>();
        TreeMap<Integer, AccessListEntry> next = new TreeMap<>();
        long seq = start;
        for (AccessListEntry e : entries.values()) {
            renumbered.put(e.sequence(), (int) seq);
            next.put((int) seq, e.withSequence((int) seq));
            seq += increment;
        }
        entries.clear();
        entries.putAll(next);
        remarks.replaceAll(r -> new AccessList.Remark(renumbered.getOrDefault(r.afterSequence(), 0), r.text()));
        indexStale = true;
        return true;
    }

    AccessList build(ObjectGroups groups) {
        return new AccessList(name, kind, new ArrayList<>(entries.values()), remarks, groups);
    }
}
