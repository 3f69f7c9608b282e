package dev.perimeter.stats;

/**
 * Frame counts of one pipeline: what was read and what became of it. One writer, the handler thread. The
 * accounting always closes: {@code read = forwarded + dropped + malformed}, where non-IPv4 frames are part of
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
        read++;
        ports[ingressPort].countReceived();
    }

    public void countForwarded(int ingressPort, int egressPort) {
        forwarded++;
        ports[egressPort].countTransmitted();
    }

    public void countDenied(int ingressPort) {
        denied++;
        ports[ingressPort].countDropped();
    }

    public void countImplicitDenied(int ingressPort) {
        implicitDenied++;
        ports[ingressPort].countDropped();
    }

    /** A malformed frame, dropped; {@code l4Cut} when it was an L4 header cut short that a list needed. */
    public void countMalformed(int ingressPort, boolean l4Cut) {
        malformed++;
        if (l4Cut) {
            l4Truncated++;
        }
        ports[ingressPort].countDropped();
    }

    /** A frame of a link type the decoder does not read, dropped and counted as malformed. */
    public void countUndecodedLinkType(int ingressPort) {
        undecodedLinkType++;
        countMalformed(ingressPort, false);
    }

    /** A non-IPv4 frame of the decoder's ethertype; it is counted as forwarded too. */
    public void countNonIpv4(int etherType) {
        nonIpv4++;
        nonIpv4ByEtherType[EtherTypes.bucket(etherType)]++;
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
