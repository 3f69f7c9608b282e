package dev.perimeter.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.AddressMatch;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.NumberMatch;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.Operator;
import dev.perimeter.acl.Protocols;
import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.LogSettings;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.DecodeStatus;
import dev.perimeter.packet.FrameBuilder;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.packet.LinkType;
import dev.perimeter.stats.TrafficCounters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameHandlerTest {
    static final String OUTSIDE = "Ethernet0/0";
    static final String INSIDE = "Ethernet0/1";

    /** inbound on the outside: web from 10.1.0.0/16 (logged), icmp, all tcp from 10.1.9.9; out to the inside: no telnet. */
    static RouterConfig twoSided() {
        AccessList web = new AccessList("from_outside", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.PERMIT).sequence(10).protocol(Protocols.TCP)
                        .source(new AddressMatch(Ipv4.parse("10.1.0.0"), Ipv4.parse("0.0.255.255")))
                        .destinationPort(NumberMatch.port(Operator.EQ, 80)).log(LogOption.LOG, null).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).protocol(Protocols.ICMP).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(30).protocol(Protocols.TCP)
                        .source(AddressMatch.host(Ipv4.parse("10.1.9.9"))).build()));
        AccessList noTelnet = new AccessList("to_inside", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.DENY).sequence(10).protocol(Protocols.TCP)
                        .destinationPort(NumberMatch.port(Operator.EQ, 23)).log(LogOption.LOG, null).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).protocol(Protocols.ANY).build()));
        Map<String, AccessList> lists = new LinkedHashMap<>();
        lists.put(web.name(), web);
        lists.put(noTelnet.name(), noTelnet);
        Map<String, InterfaceConfig> itfs = new LinkedHashMap<>();
        itfs.put(OUTSIDE, new InterfaceConfig(OUTSIDE, "from_outside", null));
        itfs.put(INSIDE, new InterfaceConfig(INSIDE, null, "to_inside"));
        return new RouterConfig(lists, itfs, LogSettings.DEFAULT);
    }

    static BridgePorts ports() {
        return new BridgePorts(Port.forInterface(0, OUTSIDE), Port.forInterface(1, INSIDE));
    }

    /** Records every verdict as "F:port" / "D:REASON" and the logged entries. */
    static final class Recorder implements FrameSink, MatchLog {
        final List<String> verdicts = new ArrayList<>();
        final List<String> logged = new ArrayList<>();

        @Override
        public void forward(FrameEvent event, Port egress) {
            verdicts.add("F:" + egress.name());
        }

        @Override
        public void drop(FrameEvent event, DropReason reason) {
            verdicts.add("D:" + reason);
        }

        @Override
        public void logMatch(AccessList list, int entryIndex, PacketKey key, String inputInterface, byte[] frame,
                             int sourceMacOffset, long timeNanos, int packets) {
            logged.add(list.name() + "#" + list.entry(entryIndex).sequence() + " " + Ipv4.format(key.source)
                    + " in " + inputInterface + " mac@" + sourceMacOffset + " t=" + timeNanos);
        }

        @Override
        public void advance(long timeNanos) {
        }

        @Override
        public void finish(long timeNanos) {
        }
    }

    final Recorder recorder = new Recorder();
    final TrafficCounters traffic = new TrafficCounters(2);
    FilterPlan plan = FilterPlan.build(FilterSet.build(twoSided(), Matchers::forPipeline), ports());
    final FrameHandler handler = new FrameHandler(() -> plan, recorder, recorder, traffic);
    long time = 1_000_000_000L;

    void judge(byte[] frame, int linkType, int port) {
        FrameEvent e = new FrameEvent();
        e.set(frame, 0, frame.length, frame.length, time++, linkType, port);
        handler.handle(e);
    }

    void judge(byte[] frame, int port) {
        judge(frame, LinkType.ETHERNET, port);
    }

    @Test
    void framesMeetTheIngressInListThenTheEgressOutList() {
        judge(FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build(), 0);   // in: 10, out: 20
        judge(FrameBuilder.tcp("10.2.2.3", 40000, "192.168.1.10", 80, 0x02).build(), 0);   // in: implicit deny
        judge(FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 23, 0x02).build(), 0);   // in: implicit deny
        judge(FrameBuilder.icmp("10.9.9.9", "192.168.1.10", 8, 0).build(), 0);             // in: 20, out: 20
        // from the inside: the outside port has no out list, the inside no in list
        judge(FrameBuilder.tcp("192.168.1.10", 23, "10.2.2.3", 40000, 0x12).build(), 1);

        assertEquals(List.of("F:" + INSIDE, "D:IMPLICIT_DENY", "D:IMPLICIT_DENY", "F:" + INSIDE, "F:" + OUTSIDE),
                recorder.verdicts);
        AccessList in = plan.filters().config().accessList("from_outside");
        AccessList out = plan.filters().config().accessList("to_inside");
        assertArrayEquals(new long[] {1, 1, 0}, plan.counters(in).snapshot());
        assertEquals(2, plan.counters(in).implicitDenies());
        assertArrayEquals(new long[] {0, 2}, plan.counters(out).snapshot());
        assertEquals(5, traffic.read());
        assertEquals(3, traffic.forwarded());
        assertEquals(2, traffic.implicitDenied());
        assertEquals(2, traffic.port(1).transmitted());
        assertEquals(1, traffic.port(0).transmitted());
        assertEquals(2, traffic.port(0).dropped());
        assertTrue(traffic.balanced());
    }

    /** Monday 2 March 2026, local time in Paris (the router's clock timezone), in nanoseconds since the epoch. */
    static long paris(String hhmmss) {
        java.time.Instant i = java.time.LocalDateTime.parse("2026-03-02T" + hhmmss)
                .toInstant(java.time.ZoneOffset.ofHours(1));
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    void judgeAt(long nanos, byte[] frame, int capturedLength) {
        FrameEvent e = new FrameEvent();
        e.set(frame, 0, capturedLength, frame.length, nanos, LinkType.ETHERNET, 0);
        handler.handle(e);
    }

    /**
     * Web from outside is refused (and logged) during working hours. Frames of one batch on either side of 08:00
     * and of 18:00 (18:00 itself in effect, to its last nanosecond), and one back in the morning out of order,
     * each meet the entries of their own minute; the counters carry over every change.
     */
    @Test
    void eachFrameMeetsTheEntriesInEffectAtItsOwnTime() {
        RouterConfig config = dev.perimeter.config.ConfigParser.parse("t", """
                clock timezone CET 1 0
                time-range WORK
                 periodic weekdays 8:00 to 18:00
                ip access-list extended from_outside
                 deny tcp any any eq www log time-range WORK
                 permit ip any any
                interface Ethernet0/0
                 ip access-group from_outside in
                interface Ethernet0/1
                """).config();
        plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0);
        byte[] web = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        long[] times = {paris("07:59:59.999999999"), paris("08:00:00"), paris("12:00:00"),
                paris("18:00:59.999999999"), paris("18:01:00"), paris("09:30:00")};
        for (long t : times) {
            judgeAt(t, web, web.length);
        }
        assertEquals(List.of("F:" + INSIDE, "D:DENIED", "D:DENIED", "D:DENIED", "F:" + INSIDE, "D:DENIED"),
                recorder.verdicts);
        AccessList list = config.accessList("from_outside");
        assertArrayEquals(new long[] {4, 2}, plan.counters(list).snapshot());
        assertEquals(List.of(times[1], times[2], times[3], times[5]),
                recorder.logged.stream().map(l -> Long.parseLong(l.substring(l.indexOf("t=") + 2))).toList());
        assertTrue(recorder.logged.get(0).startsWith("from_outside#10 10.1.2.3"), recorder.logged.get(0));
    }

    /**
     * A TCP frame cut short inside its header can be judged only by entries that do not look at ports: while the
     * only such entry is out of effect the frame is judged (and permitted), while it is in effect it is malformed.
     */
    @Test
    void whatACutFrameNeedsFollowsTheEntriesInEffect() {
        RouterConfig config = dev.perimeter.config.ConfigParser.parse("t", """
                time-range WORK
                 periodic weekdays 8:00 to 18:00
                ip access-list extended from_outside
                 deny tcp any any eq www time-range WORK
                 permit ip any any
                interface Ethernet0/0
                 ip access-group from_outside in
                interface Ethernet0/1
                """).config();
        plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0);
        byte[] web = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        long utc7 = paris("08:00:00"); // 07:00 UTC: out of working hours on a router on UTC
        judgeAt(utc7, web, 14 + 20 + 10);
        judgeAt(utc7 + 3_600_000_000_000L, web, 14 + 20 + 10);
        judgeAt(utc7 + 12 * 3_600_000_000_000L, web, 14 + 20 + 10);
        assertEquals(List.of("F:" + INSIDE, "D:MALFORMED", "F:" + INSIDE), recorder.verdicts);
        assertEquals(1, traffic.l4Truncated());
    }

    @Test
    void aFrameDecodedWhereItEnteredIsJudgedOnItsOwnHeadersAndARefilledSlotIsDecodedAgain() {
        byte[] web = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        byte[] telnet = FrameBuilder.tcp("10.1.9.9", 40000, "192.168.1.10", 23, 0x02).build();
        FrameEvent slot = new FrameEvent();
        slot.set(web, 0, web.length, web.length, time++, LinkType.ETHERNET, 0);
        slot.decode(new FrameDecoder()); // the producer's decoder, as the feeder does it
        assertEquals(DecodeStatus.IPV4, slot.status);
        assertEquals(80, slot.key.destinationPort);
        assertEquals(6, slot.sourceMacOffset);
        handler.handle(slot);
        // the slot is reused for another frame by a producer that leaves the decoding to the handler: the headers
        // of the frame before must not be judged again
        slot.set(telnet, 0, telnet.length, telnet.length, time++, LinkType.ETHERNET, 0);
        handler.handle(slot);
        assertEquals(23, slot.key.destinationPort);
        assertEquals(List.of("F:" + INSIDE, "D:DENIED"), recorder.verdicts);
        assertEquals(List.of("from_outside#10 10.1.2.3 in " + OUTSIDE + " mac@6 t=1000000000",
                "to_inside#10 10.1.9.9 in " + OUTSIDE + " mac@6 t=1000000001"), recorder.logged);
    }

    @Test
    void aDenyInTheOutListDropsAndLogsWithTheIngressInterface() {
        judge(FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build(), 0); // in 10 (logged)
        plan = FilterPlan.build(FilterSet.build(twoSided(), Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0); // a reload takes effect at the next batch
        judge(FrameBuilder.tcp("10.1.9.9", 40000, "192.168.1.10", 23, 0x02).build(), 0); // in 30, out 10 (logged)
        assertEquals(List.of("F:" + INSIDE, "D:DENIED"), recorder.verdicts);
        assertEquals(List.of("from_outside#10 10.1.2.3 in " + OUTSIDE + " mac@6 t=1000000000",
                "to_inside#10 10.1.9.9 in " + OUTSIDE + " mac@6 t=1000000001"), recorder.logged);
        // the swapped-in plan counts from zero
        assertArrayEquals(new long[] {1, 0}, plan.counters(plan.filters().config().accessList("to_inside"))
                .snapshot());
        assertEquals(1, traffic.denied());
    }

    @Test
    void nonIpv4FramesAreForwardedAndCountedByEthertype() {
        judge(FrameBuilder.arpRequest("02:00:00:00:00:09", "10.1.2.3", "10.1.2.4"), 0);
        judge(FrameBuilder.ethernet().ipv6("2001:db8::1", "2001:db8::2").udp(1, 2).build(), 1);
        judge(FrameBuilder.ethernet().etherType(0x88cc).build(), 0);
        assertEquals(List.of("F:" + INSIDE, "F:" + OUTSIDE, "F:" + INSIDE), recorder.verdicts);
        assertEquals(3, traffic.nonIpv4());
        assertEquals(1, traffic.nonIpv4(0x0806));
        assertEquals(1, traffic.nonIpv4(0x86dd));
        assertEquals(1, traffic.nonIpv4(0x88cc));
        assertTrue(traffic.balanced());
    }

    @Test
    void malformedIpv4IsDroppedNeverForwarded() {
        byte[] frame = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        frame[14] = 0x46 - 0x10 - 0x02; // version 3, IHL 4: not a valid IPv4 header
        judge(frame, 0);
        judge(Arrays.copyOf(frame, 10), 0); // shorter than an Ethernet header
        assertEquals(List.of("D:MALFORMED", "D:MALFORMED"), recorder.verdicts);
        assertEquals(2, traffic.malformed());
        assertEquals(0, traffic.l4Truncated());
        assertTrue(traffic.balanced());
    }

    @Test
    void aCutL4HeaderIsMalformedOnlyWhereAListNeedsIt() {
        byte[] full = FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build();
        byte[] cut = Arrays.copyOf(full, 14 + 20 + 6); // IPv4 header and 6 bytes of TCP
        judge(cut, 0); // the outside's in list has port conditions
        assertEquals(List.of("D:MALFORMED"), recorder.verdicts);
        assertEquals(1, traffic.l4Truncated());

        // a path with L3-only lists judges the frame on its addresses
        AccessList l3 = new AccessList("l3", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.DENY).sequence(10).protocol(Protocols.ANY)
                        .source(AddressMatch.host(Ipv4.parse("10.1.2.3"))).build(),
                AccessListEntry.builder(Action.PERMIT).sequence(20).protocol(Protocols.ANY).build()));
        RouterConfig config = new RouterConfig(Map.of("l3", l3),
                Map.of(OUTSIDE, new InterfaceConfig(OUTSIDE, "l3", null)), LogSettings.DEFAULT);
        plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0);
        judge(cut, 0);
        byte[] other = Arrays.copyOf(FrameBuilder.tcp("10.1.2.4", 40000, "192.168.1.10", 80, 0x02).build(), 40);
        judge(other, 0);
        assertEquals(List.of("D:MALFORMED", "D:DENIED", "F:" + INSIDE), recorder.verdicts);
        assertArrayEquals(new long[] {1, 1}, plan.counters(l3).snapshot());
        assertTrue(traffic.balanced());
    }

    @Test
    void aCutL4HeaderMattersOnlyToEntriesOfItsOwnProtocol() {
        // the outside's in list looks at TCP ports only: ICMP and UDP frames cut short are judged on the rest
        byte[] icmp = Arrays.copyOf(FrameBuilder.icmp("10.1.2.3", "192.168.1.10", 8, 0).build(), 14 + 20 + 4);
        byte[] udp = Arrays.copyOf(FrameBuilder.udp("10.1.2.3", 5000, "192.168.1.10", 53).build(), 14 + 20 + 4);
        judge(icmp, 0);
        judge(udp, 0);
        assertEquals(List.of("F:" + INSIDE, "D:IMPLICIT_DENY"), recorder.verdicts);
        assertEquals(0, traffic.l4Truncated());

        // an entry on the ICMP type needs the ICMP header
        AccessList echo = new AccessList("echo", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.PERMIT).sequence(10).protocol(Protocols.ICMP).icmp(8, -1).build()));
        RouterConfig config = new RouterConfig(Map.of("echo", echo),
                Map.of(OUTSIDE, new InterfaceConfig(OUTSIDE, "echo", null)), LogSettings.DEFAULT);
        plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0);
        judge(icmp, 0);
        assertEquals(List.of("F:" + INSIDE, "D:IMPLICIT_DENY", "D:MALFORMED"), recorder.verdicts);
        assertEquals(1, traffic.l4Truncated());
        assertTrue(traffic.balanced());
    }

    @Test
    void aServiceGroupNeedsTheHeadersOfTheProtocolsItsMembersLookInto() {
        // written, the entry has no protocol of its own: its members say an ICMP type is looked at, UDP only as such
        ObjectGroups groups = new ObjectGroups(Map.of("SVC", new ObjectGroup("SVC", ObjectGroup.Kind.SERVICE, null,
                List.of(ObjectGroup.Service.icmp(8, -1), ObjectGroup.Service.protocol(Protocols.UDP)))));
        AccessList echo = new AccessList("svc", AccessList.Kind.EXTENDED, List.of(
                AccessListEntry.builder(Action.PERMIT).sequence(10).serviceGroup("SVC").build()), List.of(), groups);
        RouterConfig config = new RouterConfig(Map.of("svc", echo),
                Map.of(OUTSIDE, new InterfaceConfig(OUTSIDE, "svc", null)), LogSettings.DEFAULT, groups);
        plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0);
        judge(Arrays.copyOf(FrameBuilder.icmp("10.1.2.3", "192.168.1.10", 8, 0).build(), 14 + 20 + 1), 0);
        judge(Arrays.copyOf(FrameBuilder.udp("10.1.2.3", 5000, "192.168.1.10", 53).build(), 14 + 20 + 4), 0);
        judge(FrameBuilder.icmp("10.1.2.3", "192.168.1.10", 8, 0).build(), 0);
        assertEquals(List.of("D:MALFORMED", "F:" + INSIDE, "F:" + INSIDE), recorder.verdicts);
        assertEquals(1, traffic.l4Truncated());
        assertArrayEquals(new long[] {2}, plan.counters(echo).snapshot());
    }

    @Test
    void anUndefinedListPermitsEverything() {
        RouterConfig config = new RouterConfig(Map.of(),
                Map.of(OUTSIDE, new InterfaceConfig(OUTSIDE, "nowhere", null)), LogSettings.DEFAULT);
        plan = FilterPlan.build(FilterSet.build(config, Matchers::forPipeline), ports());
        handler.onBatchStart(1, 0);
        judge(FrameBuilder.tcp("10.1.2.3", 40000, "192.168.1.10", 80, 0x02).build(), 0);
        assertEquals(List.of("F:" + INSIDE), recorder.verdicts);
    }

    @Test
    void otherLinkTypesAreJudgedTheSameWay() {
        judge(FrameBuilder.sll().ipv4("10.1.2.3", "192.168.1.10").tcp(40000, 80).build(), LinkType.LINUX_SLL, 0);
        judge(FrameBuilder.rawIp().ipv4("10.2.2.3", "192.168.1.10").tcp(40000, 80).build(), LinkType.RAW, 0);
        assertEquals(List.of("F:" + INSIDE, "D:IMPLICIT_DENY"), recorder.verdicts);
    }
}
