package dev.perimeter.acl;

import java.util.Objects;

/**
 * One permit or deny entry of an access list, immutable. Standard-list entries carry only a source condition;
 * everything else is left at "any". Build with {@link #builder(Action)}.
 *
 * <p>An extended entry may name object groups in place of its source, its destination (network groups) or its
 * protocol (a service group; then it has no ports or icmp type of its own). Such an entry is kept as written;
 * its source, destination or protocol fields are then unused, and it matches through the plain entries
 * {@link ObjectGroups#expand} makes of it ({@link AccessList#plainEntries()}).
 *
 * <p>An entry naming a {@link #timeRange()} takes part in matching only while that range is in effect; outside it
 * the list is judged as if the entry were absent ({@link AccessList#withTimeRanges}).
 *
 * <p>{@code -1} in {@link #protocol()} is the keyword {@code ip}; {@code -1} in the icmp/igmp type and code,
 * dscp, precedence, tos and IP option fields means "not compared".
 */
public final class AccessListEntry {
    public static final int UNSET = -1;

    private final int sequence;
    private final Action action;
    private final int protocol;
    private final AddressMatch source;
    private final NumberMatch sourcePort;
    private final AddressMatch destination;
    private final NumberMatch destinationPort;
    private final int icmpType;
    private final int icmpCode;
    private final int igmpType;
    private final TcpFlagsMatch tcpFlags;
    private final boolean fragments;
    private final int precedence;
    private final int tos;
    private final int dscp;
    private final NumberMatch ttl;
    private final int ipOption;
    private final LogOption log;
    private final String logTag;
    private final String sourceGroup;
    private final String destinationGroup;
    private final String serviceGroup;
    private final String timeRange;

    private AccessListEntry(Builder b) {
        if (b.serviceGroup != null && (!b.sourcePort.isAny() || !b.destinationPort.isAny() || b.icmpType != UNSET
                || b.igmpType != UNSET || !b.tcpFlags.isNone())) {
            throw new IllegalArgumentException("an entry naming a service group has no L4 conditions of its own");
        }
        this.sequence = b.sequence;
        this.action = Objects.requireNonNull(b.action);
        // what a group stands in place of is left at "any", so that two entries naming the same groups are equal
        this.protocol = b.serviceGroup != null ? Protocols.ANY : b.protocol;
        this.source = b.sourceGroup != null ? AddressMatch.ANY : b.source;
        this.sourcePort = b.sourcePort;
        this.destination = b.destinationGroup != null ? AddressMatch.ANY : b.destination;
        this.destinationPort = b.destinationPort;
        this.icmpType = b.icmpType;
        this.icmpCode = b.icmpCode;
        this.igmpType = b.igmpType;
        this.tcpFlags = b.tcpFlags;
        this.fragments = b.fragments;
        this.precedence = b.precedence;
        this.tos = b.tos;
        this.dscp = b.dscp;
        this.ttl = b.ttl;
        this.ipOption = b.ipOption;
        this.log = b.log;
        this.logTag = b.logTag;
        this.sourceGroup = b.sourceGroup;
        this.destinationGroup = b.destinationGroup;
        this.serviceGroup = b.serviceGroup;
        this.timeRange = b.timeRange;
    }

    public static Builder builder(Action action) {
        return new Builder(action);
    }

    /** A builder holding every field of this entry, for making a changed copy (a new sequence number, say). */
    public Builder toBuilder() {
        Builder b = new Builder(action);
        b.sequence = sequence;
        b.protocol = protocol;
        b.source = source;
        b.sourcePort = sourcePort;
        b.destination = destination;
        b.destinationPort = destinationPort;
        b.icmpType = icmpType;
        b.icmpCode = icmpCode;
        b.igmpType = igmpType;
        b.tcpFlags = tcpFlags;
        b.fragments = fragments;
        b.precedence = precedence;
        b.tos = tos;
        b.dscp = dscp;
        b.ttl = ttl;
        b.ipOption = ipOption;
        b.log = log;
        b.logTag = logTag;
        b.sourceGroup = sourceGroup;
        b.destinationGroup = destinationGroup;
        b.serviceGroup = serviceGroup;
        b.timeRange = timeRange;
        return b;
    }

    public AccessListEntry withSequence(int newSequence) {
        return toBuilder().sequence(newSequence).build();
    }

    public int sequence() { return sequence; }
    public Action action() { return action; }
    public int protocol() { return protocol; }
    public AddressMatch source() { return source; }
    public NumberMatch sourcePort() { return sourcePort; }
    public AddressMatch destination() { return destination; }
    public NumberMatch destinationPort() { return destinationPort; }
    public int icmpType() { return icmpType; }
    public int icmpCode() { return icmpCode; }
    public int igmpType() { return igmpType; }
    public TcpFlagsMatch tcpFlags() { return tcpFlags; }
    public boolean fragments() { return fragments; }
    public int precedence() { return precedence; }
    public int tos() { return tos; }
    public int dscp() { return dscp; }
    public NumberMatch ttl() { return ttl; }
    /** The IP option-type octet 0-255 the header must carry, {@link IpOptionNames#ANY_OPTIONS}, or UNSET. */
    public int ipOption() { return ipOption; }
    public LogOption log() { return log; }
    /** The optional word after {@code log}/{@code log-input}, or null. */
    public String logTag() { return logTag; }
    /** The network object group in place of the source address, or null. */
    public String sourceGroup() { return sourceGroup; }
    /** The network object group in place of the destination address, or null. */
    public String destinationGroup() { return destinationGroup; }
    /** The service object group in place of the protocol (and ports), or null. */
    public String serviceGroup() { return serviceGroup; }
    /** The {@code time-range} that says when the entry is in effect, or null (always). */
    public String timeRange() { return timeRange; }

    /** True when the entry names an object group: it matches through its plain entries, never by itself. */
    public boolean usesObjectGroups() {
        return sourceGroup != null || destinationGroup != null || serviceGroup != null;
    }

    public boolean permits() {
        return action == Action.PERMIT;
    }

    /**
     * True when the entry looks past the IP header (ports, icmp/igmp type, tcp flags). Non-initial fragments
     * carry no L4 header, so for them such an entry compares only its L3 part (the IOS fragment table).
     */
    public boolean hasL4Conditions() {
        return !sourcePort.isAny() || !destinationPort.isAny() || icmpType != UNSET || igmpType != UNSET
                || !tcpFlags.isNone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AccessListEntry e)) {
            return false;
        }
        return sequence == e.sequence && action == e.action && protocol == e.protocol && source.equals(e.source)
                && sourcePort.equals(e.sourcePort) && destination.equals(e.destination)
                && destinationPort.equals(e.destinationPort) && icmpType == e.icmpType && icmpCode == e.icmpCode
                && igmpType == e.igmpType && tcpFlags.equals(e.tcpFlags) && fragments == e.fragments
                && precedence == e.precedence && tos == e.tos && dscp == e.dscp && ttl.equals(e.ttl)
                && ipOption == e.ipOption && log == e.log && Objects.equals(logTag, e.logTag)
                && Objects.equals(sourceGroup, e.sourceGroup) && Objects.equals(destinationGroup, e.destinationGroup)
                && Objects.equals(serviceGroup, e.serviceGroup) && Objects.equals(timeRange, e.timeRange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, action, protocol, source, sourcePort, destination, destinationPort, icmpType,
                icmpCode, igmpType, tcpFlags, fragments, precedence, tos, dscp, ttl, ipOption, log, logTag, sourceGroup,
                destinationGroup, serviceGroup, timeRange);
    }

    /** Builder; every condition defaults to "any". */
    public static final class Builder {
        private int sequence;
        private Action action;
        private int protocol = Protocols.ANY;
        private AddressMatch source = AddressMatch.ANY;
        private NumberMatch sourcePort = NumberMatch.ANY;
        private AddressMatch destination = AddressMatch.ANY;
        private NumberMatch destinationPort = NumberMatch.ANY;
        private int icmpType = UNSET;
        private int icmpCode = UNSET;
        private int igmpType = UNSET;
        private TcpFlagsMatch tcpFlags = TcpFlagsMatch.NONE;
        private boolean fragments;
        private int precedence = UNSET;
        private int tos = UNSET;
        private int dscp = UNSET;
        private NumberMatch ttl = NumberMatch.ANY;
        private int ipOption = UNSET;
        private LogOption log = LogOption.NONE;
        private String logTag;
        private String sourceGroup;
        private String destinationGroup;
        private String serviceGroup;
        private String timeRange;

        private Builder(Action action) {
            this.action = action;
        }

        public Builder sequence(int v) { sequence = v; return this; }
        public Builder action(Action v) { action = v; return this; }
        public Builder protocol(int v) { protocol = v; return this; }
        public Builder source(AddressMatch v) { source = v; return this; }
        public Builder sourcePort(NumberMatch v) { sourcePort = v; return this; }
        public Builder destination(AddressMatch v) { destination = v; return this; }
        public Builder destinationPort(NumberMatch v) { destinationPort = v; return this; }
        public Builder icmp(int type, int code) { icmpType = type; icmpCode = code; return this; }
        public Builder igmpType(int v) { igmpType = v; return this; }
        public Builder tcpFlags(TcpFlagsMatch v) { tcpFlags = v; return this; }
        public Builder fragments(boolean v) { fragments = v; return this; }
        public Builder precedence(int v) { precedence = v; return this; }
        public Builder tos(int v) { tos = v; return this; }
        public Builder dscp(int v) { dscp = v; return this; }
        public Builder ttl(NumberMatch v) { ttl = v; return this; }
        public Builder ipOption(int v) { ipOption = v; return this; }
        public Builder log(LogOption v, String tag) { log = v; logTag = tag; return this; }
        public Builder sourceGroup(String v) { sourceGroup = v; return this; }
        public Builder destinationGroup(String v) { destinationGroup = v; return this; }
        public Builder serviceGroup(String v) { serviceGroup = v; return this; }
        public Builder timeRange(String v) { timeRange = v; return this; }

        public AccessListEntry build() {
            return new AccessListEntry(this);
        }
    }
}
