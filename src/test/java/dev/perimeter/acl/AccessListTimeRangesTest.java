package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A list as it stands while some of the time ranges its entries name are in effect. */
class AccessListTimeRangesTest {

    static AccessListEntry entry(int seq, Action action, String range) {
        return AccessListEntry.builder(action).sequence(seq).protocol(Protocols.TCP).timeRange(range).build();
    }

    static AccessList list() {
        return new AccessList("L", AccessList.Kind.EXTENDED, List.of(entry(10, Action.PERMIT, "WORK"),
                entry(20, Action.DENY, "NIGHT"), entry(30, Action.PERMIT, null), entry(40, Action.DENY, "WORK")));
    }

    @Test
    void theRangesAreNamedOnceInOrderOfUse() {
        assertEquals(List.of("WORK", "NIGHT"), list().timeRangeNames());
        assertEquals(List.of(), new AccessList("P", AccessList.Kind.EXTENDED, List.of(entry(10, Action.PERMIT, null)))
                .timeRangeNames());
    }

    @Test
    void anEntryOutOfItsRangeLeavesThePlainEntriesAndKeepsItsIndex() {
        AccessList all = list();
        assertSame(all, all.withTimeRanges(name -> true));
        AccessList night = all.withTimeRanges(Set.of("NIGHT")::contains);
        assertEquals(all.entries(), night.entries(), "the written entries stay, for counters and show");
        assertEquals(List.of(all.entry(1), all.entry(2)), night.plainEntries());
        assertEquals(1, night.writtenIndex(0));
        assertEquals(2, night.writtenIndex(1));
        assertNotEquals(all, night);
        AccessList none = all.withTimeRanges(name -> false);
        assertEquals(List.of(all.entry(2)), none.plainEntries());
        assertEquals(2, none.writtenIndex(0));
    }

    @Test
    void anEntryNamingAGroupAndARangeLeavesWithAllItsPlainEntries() {
        ObjectGroups groups = new ObjectGroups(Map.of("TWO", new ObjectGroup("TWO", ObjectGroup.Kind.NETWORK, null,
                List.of(new ObjectGroup.Network(AddressMatch.host(1)), new ObjectGroup.Network(AddressMatch.host(2))))));
        AccessList list = new AccessList("G", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.DENY).sequence(10).sourceGroup("TWO").build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).sourceGroup("TWO").timeRange("WORK").build(),
                AccessListEntry.builder(Action.DENY).sequence(30).build()), List.of(), groups);
        assertEquals(5, list.plainEntries().size());
        assertEquals("WORK", list.plainEntries().get(2).timeRange(), "the expansion keeps the range");
        AccessList off = list.withTimeRanges(name -> false);
        assertEquals(3, off.plainEntries().size());
        assertEquals(List.of(0, 0, 2), List.of(off.writtenIndex(0), off.writtenIndex(1), off.writtenIndex(2)));
    }

    @Test
    void showPrintsTheRangeAndItsStateBeforeTheCount() {
        AccessList l = new AccessList("WEB", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.PERMIT).sequence(10).protocol(Protocols.TCP)
                        .destinationPort(NumberMatch.port(Operator.EQ, 80)).timeRange("WORK").build(),
                AccessListEntry.builder(Action.DENY).sequence(20).log(LogOption.LOG, null).timeRange("NIGHT").build()));
        assertEquals("""
                Extended IP access list WEB
                    10 permit tcp any any eq www time-range WORK (active) (3 matches)
                    20 deny ip any any log time-range NIGHT (inactive)
                """, AccessListPrinter.show(l, new long[] {3, 0}, "WORK"::equals));
        assertEquals("""
                Extended IP access list WEB
                    10 permit tcp any any eq www time-range WORK
                    20 deny ip any any log time-range NIGHT
                """, AccessListPrinter.show(l, null));
        assertEquals("deny ip any any log time-range NIGHT", AccessListPrinter.entryText(l, l.entry(1)));
    }
}
