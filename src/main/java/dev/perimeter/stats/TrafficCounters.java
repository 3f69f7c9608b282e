package dev.perimeter.stats;

/**
 * Frame counts of one pipeline: what was read and what became of it, in packets on the wire (a coalesced frame
 * from the live bridge counts as the segments it stands for; a frame from a file is one). One writer, the
 * handler thread. The accounting always closes: {@code read = forwarded + dropped + malformed}, where non-IPv4 frames are part of
 * forwarded, and frames with an L4 header cut short that a list needed and frames of a link type the decoder does
 * not read are part of malformed.
 */
public final class TrafficCounters {
    private final long[] nonIpv4ByEtherType = new long[EtherTypes.BUCKETS];
    private final PortCounters[] ports;
    private long read;
    private long forwarded;
    private long denied;
    private long implicitDenied;
    private long malformed;
    private long l4Truncated;
    private long undecodedLinkType;
    private long nonIpv4;

    public TrafficCounters(int portCount) {
        ports = new PortCounters[portCount];
        for (int i = 0; i < portCount; i++) {
            ports[i] = new PortCounters();
        }
    }

    public void countRead(int ingressPort) {
        countRead(ingressPort, 1);
    }

    public void countRead(int ingressPort, int packets) {
        read += packets;
        ports[ingressPort].countReceived(packets);
    }

    public void countForwarded(int ingressPort, int egressPort) {
        countForwarded(ingressPort, egressPort, 1);
    }

    public void countForwarded(int ingressPort, int egressPort, int packets) {
        forwarded += packets;
        ports[egressPort].countTransmitted(packets);
    }

    public void countDenied(int ingressPort) {
        countDenied(ingressPort, 1);
    }

    public void countDenied(int ingressPort, int packets) {
        denied += packets;
        ports[ingressPort].countDropped(packets);
    }

    public void countImplicitDenied(int ingressPort) {
        countImplicitDenied(ingressPort, 1);
    }

    public void countImplicitDenied(int ingressPort, int packets) {
        implicitDenied += packets;
        ports[ingressPort].countDropped(packets);
    }

    /** Why a frame counts as malformed. */
    public enum Malformed {
        /** Shorter than its link header, or an IPv4 header that is not valid. */
        HEADER,
        /** An L4 header cut short that a list on the frame's path needed. */
        L4_CUT_SHORT,
        /** A link type the decoder does not read. */
        LINK_TYPE
    }

    /** A malformed frame, dropped. */
    public void countMalformed(int ingressPort, Malformed kind) {
        countMalformed(ingressPort, kind, 1);
    }

    public void countMalformed(int ingressPort, Malformed kind, int packets) {
        malformed += packets;
        if (kind == Malformed.L4_CUT_SHORT) {
            l4Truncated += packets;
        } else if (kind == Malformed.LINK_TYPE) {
            undecodedLinkType += packets;
        }
        ports[ingressPort].countDropped(packets);
    }

    /** A non-IPv4 frame of the decoder's ethertype; it is counted as forwarded too. */
    public void countNonIpv4(int etherType) {
        countNonIpv4(etherType, 1);
    }

    public void countNonIpv4(int etherType, int packets) {
        nonIpv4 += packets;
        nonIpv4ByEtherType[EtherTypes.bucket(etherType)] += packets;
    }

    public long read() {
        return read;
    }

    public long forwarded() {
        return forwarded;
    }

    /** Frames dropped by an access list: its deny entries and its implicit deny. */
    public long dropped() {
        return denied + implicitDenied;
    }

    public long denied() {
        return denied;
    }

    public long implicitDenied() {
        return implicitDenied;
    }

    public long malformed() {
        return malformed;
    }

    public long l4Truncated() {
        return l4Truncated;
    }

    /** Malformed frames that were so because their link type is none the decoder reads. */
    public long undecodedLinkType() {
        return undecodedLinkType;
    }

    public long nonIpv4() {
        return nonIpv4;
    }

    /** Non-IPv4 frames counted under a bucket of {@link EtherTypes#bucket}. */
    public long nonIpv4InBucket(int bucket) {
        return nonIpv4ByEtherType[bucket];
    }

    /** Non-IPv4 frames of one ethertype (as the decoder reports it). */
    public long nonIpv4(int etherType) {
        return nonIpv4ByEtherType[EtherTypes.bucket(etherType)];
    }

    public PortCounters port(int index) {
        return ports[index];
    }

    public int portCount() {
        return ports.length;
    }

    /** True when every frame read is accounted for exactly once. */
    public boolean balanced() {
        return read == forwarded + dropped() + malformed;
    }
}
