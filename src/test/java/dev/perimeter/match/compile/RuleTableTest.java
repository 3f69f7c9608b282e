package dev.perimeter.match.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTableTest {
    private static final AddressMatch NET = new AddressMatch(0x0A000000, 0x00FFFFFF);
    private static final AddressMatch HOST = AddressMatch.host(0x0A010203);

    private static AccessListEntry tcp(Action action, AddressMatch src, int port) {
        return AccessListEntry.builder(action).protocol(Protocols.TCP).source(src).destination(AddressMatch.ANY)
                .destinationPort(NumberMatch.port(Operator.EQ, port)).build();
    }

    @Test
    void fragmentViewKeepsOneEntryPerL3PartAndDropsCoveredOnes() {
        List<AccessListEntry> entries = List.of(
                tcp(Action.PERMIT, NET, 80),
                tcp(Action.PERMIT, NET, 443),    // same L3 part: shadowed for fragments
                tcp(Action.DENY, HOST, 22),      // deny with ports: never decides a fragment
                tcp(Action.PERMIT, HOST, 25),    // inside 10.0.0.0/8: shadowed
                AccessListEntry.builder(Action.PERMIT).protocol(Protocols.UDP).source(HOST)
                        .destination(AddressMatch.ANY).build());  // other protocol: kept
        RuleTable fragments = RuleTable.fragmentView(entries);
        assertEquals(2, fragments.count);
        assertEquals(0, fragments.priority(0));
        assertEquals(4, fragments.priority(1));
        assertEquals(5, RuleTable.packetView(entries).count);
    }

    @Test
    void anEntryWithL3ExtrasShadowsNothing() {
        List<AccessListEntry> entries = List.of(
                tcp(Action.PERMIT, NET, 80).toBuilder().dscp(46).build(),
                tcp(Action.PERMIT, NET, 443));
        assertEquals(2, RuleTable.fragmentView(entries).count);
    }
}
