package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.Protocols;
import dev.perimeter.config.LogSettings;
import dev.perimeter.match.PacketKey;

import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * Logs access-list matches as IOS does, on the caller's clock (capture time in replay, wall time live).
 *
 * <p>Rate limiting, as the router does it: the first packet of a flow (list, entry, protocol, addresses, ports or
 * icmp type/code, and for {@code log-input} the input interface and source MAC) is logged at once as
 * {@code 1 packet}; later packets of the flow are counted and printed when the flow's 5-minute update timer fires
 * ({@code N packets}, only when N &gt; 0; a flow with nothing new is dropped from the cache, so its next packet is
 * logged at once again). {@code ip access-list log-update threshold N} prints a flow as soon as its count reaches
 * N. {@code ip access-list logging interval MS} lets at most one packet per MS milliseconds into the logger. The
 * cache holds a fixed number of flows; packets turned away by the interval or by a full cache are counted and
 * reported by {@code %SEC-6-IPACCESSLOGRL} a minute after the first of them (and at {@link #finish}), so a flood
 * of random sources costs neither memory nor an endless log.
 *
 * <p>Single-threaded: the pipeline thread that matches calls {@link #logMatch}, {@link #advance} and
 * {@link #finish}. A packet that only adds to a cached flow's count allocates nothing.
 */
public final class AccessLogger {
    /** IOS's update timer for cached flows. */
    public static final long UPDATE_INTERVAL_NANOS = 300_000_000_000L;
    /** How long missed packets accumulate before their IPACCESSLOGRL line. */
    public static final long RATE_LIMIT_REPORT_NANOS = 60_000_000_000L;
    public static final int DEFAULT_FLOW_CACHE = 8192;
    private static final long UNSET = Long.MIN_VALUE;

    private final LogSink sink;
    private final LogTimestamp timestamp;
    private final FlowTable flows;
    private final long loggingIntervalNanos;
    private final int updateThreshold;
    private final StringBuilder line = new StringBuilder(160);

    private final Interner<AccessList> lists = new Interner<>(0);
    private final Interner<String> ifaces = new Interner<>(1); // 0: no interface

    private long origin = UNSET;
    private long clock = UNSET;
    private long lastAdmitted = UNSET;
    private long nextEvent = Long.MAX_VALUE;
    private long missedPending;
    private long missedDue = Long.MAX_VALUE;

    private long missedTotal;
    private long messages;
    private long packetsLogged;

    public AccessLogger(LogSettings settings, LogSink sink) {
        this(settings, sink, DEFAULT_FLOW_CACHE, ZoneId.systemDefault().getRules());
    }

    /** {@code flowCache}: how many flows are tracked at once; {@code zone} for {@code datetime localtime}. */
    public AccessLogger(LogSettings settings, LogSink sink, int flowCache, ZoneRules zone) {
        this.sink = Objects.requireNonNull(sink);
        this.timestamp = new LogTimestamp(settings.timestamps(), zone);
        this.flows = new FlowTable(flowCache);
        this.loggingIntervalNanos = Math.max(0, settings.loggingIntervalMs()) * 1_000_000L;
        this.updateThreshold = Math.max(0, settings.logUpdateThreshold());
    }

    /** Sets the uptime origin (the bridge: process start); otherwise the first time the logger sees. */
    public void setOrigin(long timeNanos) {
        origin = timeNanos;
    }

    /** True when the clock is synchronised (NTP): {@code datetime} stamps then lose their {@code *}. */
    public void setClockAuthoritative(boolean authoritative) {
        timestamp.setAuthoritative(authoritative);
    }

    /**
     * One packet decided by entry {@code entryIndex} of {@code list}, an entry with {@code log} or
     * {@code log-input}. {@code frame}/{@code sourceMacOffset} locate the source MAC for {@code log-input}
     * (offset -1: none); {@code inputInterface} is the IOS name of the interface the packet came in on.
     */
    public void logMatch(AccessList list, int entryIndex, PacketKey packet, String inputInterface, byte[] frame,
                         int sourceMacOffset, long timeNanos) {
        logMatch(list, entryIndex, packet, inputInterface, frame, sourceMacOffset, timeNanos, 1);
    }

    /**
     * The same for a frame that stands for {@code packets} packets on the wire (a coalesced frame: its segments
     * share every field a log line names). The first packet of a new flow is printed at once as "1 packet" and
     * the rest counted into the flow's next update, as if they had arrived one after the other.
     */
    public void logMatch(AccessList list, int entryIndex, PacketKey packet, String inputInterface, byte[] frame,
                         int sourceMacOffset, long timeNanos, int packets) {
        advance(timeNanos);
        if (loggingIntervalNanos > 0) {
            if (lastAdmitted != UNSET && clock - lastAdmitted < loggingIntervalNanos) {
                miss(packets);
                return;
            }
            lastAdmitted = clock;
        }
        int listId = lists.id(list);
        AccessListEntry entry = list.entry(entryIndex);
        int protocol;
        int destination;
        int l4;
        int iface = 0;
        long mac = 0;
        if (list.isStandard()) {
            protocol = 0;
            destination = 0;
            l4 = 0;
        } else {
            protocol = packet.protocol;
            destination = packet.destination;
            l4 = l4Key(entry, packet);
            if (entry.log() == LogOption.LOG_INPUT && inputInterface != null) {
                iface = ifaces.id(inputInterface);
                mac = readMac(frame, sourceMacOffset);
            }
        }
        int source = packet.source;
        int h = FlowTable.hash(listId, entryIndex, protocol, source, destination, l4, iface, mac);
        int id = flows.find(h, listId, entryIndex, protocol, source, destination, l4, iface, mac);
        if (id != FlowTable.NONE) {
            long n = flows.pending[id] += packets;
            if (updateThreshold > 0 && n >= updateThreshold) {
                flows.pending[id] = 0;
                emitFlow(id, n, clock);
            }
            return;
        }
        id = flows.insert(h, listId, entryIndex, protocol, source, destination, l4, iface, mac,
                clock + UPDATE_INTERVAL_NANOS);
        if (id == FlowTable.NONE) {
            miss(packets);
            return;
        }
        noteEvent(flows.due[id]);
        emitFlow(id, 1, clock);
        flows.pending[id] += packets - 1;
    }

    /** Moves the clock; prints the updates (and the rate-limit report) that have come due by then. */
    public void advance(long timeNanos) {
        if (origin == UNSET) {
            origin = timeNanos;
        }
        if (clock == UNSET || timeNanos > clock) {
            clock = timeNanos;
        }
        if (clock < nextEvent) {
            return;
        }
        while (true) {
            int head = flows.head();
            long flowDue = head == FlowTable.NONE ? Long.MAX_VALUE : flows.due[head];
            long due = Math.min(flowDue, missedDue);
            if (due > clock) {
                nextEvent = due;
                return;
            }
            if (missedDue <= flowDue) {
                emitMissed(missedDue);
            } else if (flows.pending[head] > 0) {
                long n = flows.pending[head];
                flows.pending[head] = 0;
                emitFlow(head, n, flowDue);
                flows.reschedule(head, flowDue + UPDATE_INTERVAL_NANOS);
            } else {
                flows.remove(head);
            }
        }
    }

    /** End of input: prints what has come due, then every count still pending, and empties the cache. */
    public void finish(long timeNanos) {
        advance(timeNanos);
        for (int id = flows.head(); id != FlowTable.NONE; id = flows.next(id)) {
            long n = flows.pending[id];
            if (n > 0) {
                flows.pending[id] = 0;
                emitFlow(id, n, clock);
            }
        }
        if (missedPending > 0) {
            emitMissed(clock);
        }
        flows.clear();
        nextEvent = Long.MAX_VALUE;
        sink.flush();
    }

    /** Packets turned away by the logging interval or a full flow cache, since the start. */
    public long missedPackets() {
        return missedTotal;
    }

    /** Log lines written, since the start. */
    public long messages() {
        return messages;
    }

    /** Packets counted into printed messages (first packets, updates, threshold reports). */
    public long packetsLogged() {
        return packetsLogged;
    }

    /** Flows in the cache now. */
    public int activeFlows() {
        return flows.size();
    }

    public int flowCacheSize() {
        return flows.capacity();
    }

    private void miss(int packets) {
        missedTotal += packets;
        boolean first = missedPending == 0;
        missedPending += packets;
        if (first) {
            missedDue = clock + RATE_LIMIT_REPORT_NANOS;
            noteEvent(missedDue);
        }
    }

    private void noteEvent(long due) {
        if (due < nextEvent) {
            nextEvent = due;
        }
    }

    private void emitMissed(long at) {
        line.setLength(0);
        timestamp.append(line, at, origin);
        AccessLogMessages.appendRateLimited(line, missedPending);
        missedPending = 0;
        missedDue = Long.MAX_VALUE;
        emit();
    }

    private void emitFlow(int id, long packets, long at) {
        AccessList list = lists.value(flows.list[id]);
        AccessListEntry entry = list.entry(flows.entry[id]);
        line.setLength(0);
        timestamp.append(line, at, origin);
        if (list.isStandard()) {
            AccessLogMessages.appendStandard(line, list.name(), entry.permits(), flows.source[id], packets);
        } else {
            int iface = flows.iface[id];
            AccessLogMessages.appendExtended(line, list.name(), entry.permits(), flows.protocol[id],
                    flows.source[id], flows.destination[id], flows.l4[id], igmpTyped(entry, flows.protocol[id]),
                    iface == 0 ? null : ifaces.value(iface), flows.mac[id], packets);
        }
        AccessLogMessages.appendTag(line, entry.logTag());
        packetsLogged += packets;
        emit();
    }

    private void emit() {
        messages++;
        sink.emit(line.toString());
    }

    private static boolean igmpTyped(AccessListEntry entry, int protocol) {
        return protocol == Protocols.IGMP && entry.igmpType() != AccessListEntry.UNSET;
    }

    private static int l4Key(AccessListEntry entry, PacketKey p) {
        switch (p.protocol) {
            case Protocols.TCP:
            case Protocols.UDP:
                return (p.sourcePort & 0xffff) << 16 | (p.destinationPort & 0xffff);
            case Protocols.ICMP:
                return (p.icmpType & 0xff) << 8 | (p.icmpCode & 0xff);
            case Protocols.IGMP:
                return igmpTyped(entry, p.protocol) ? p.icmpType & 0xff : 0;
            default:
                return 0;
        }
    }

    private static long readMac(byte[] frame, int offset) {
        if (frame == null || offset < 0 || offset + 6 > frame.length) {
            return AccessLogMessages.NO_MAC;
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | (frame[offset + i] & 0xff);
        }
        return mac;
    }
}
