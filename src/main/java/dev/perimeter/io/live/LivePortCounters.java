package dev.perimeter.io.live;

/**
 * What happened to one port's frames outside the pipeline's handler: frames captured (a coalesced frame once; the
 * pipeline's own counters count its segments), frames lost because the ring was full, frames captured cut short
 * (they cannot be forwarded whole), failed transmissions out of the port, reopenings of its capture, and the
 * coalesced frames among those captured with the segments they stand for. Each field has one writer (the port's receive thread, or the handler
 * thread for transmissions); readers on other threads may see a value a moment old.
 */
public final class LivePortCounters {
    private volatile long captured;
    private volatile long ringOverflows;
    private volatile long truncated;
    private volatile long transmitErrors;
    private volatile long reopens;
    private volatile long coalesced;
    private volatile long coalescedSegments;

    void addCaptured(int n) {
        captured += n;
    }

    void addRingOverflows(int n) {
        ringOverflows += n;
    }

    void countTruncated() {
        truncated++;
    }

    void countTransmitError() {
        transmitErrors++;
    }

    void addTransmitErrors(int n) {
        transmitErrors += n;
    }

    /** A coalesced frame (GRO/LRO, TSO/GSO) that stands for {@code segments} packets on the wire. */
    void countCoalesced(int segments) {
        coalesced++;
        coalescedSegments += segments;
    }

    void countReopen() {
        reopens++;
    }

    public long captured() {
        return captured;
    }

    public long ringOverflows() {
        return ringOverflows;
    }

    public long truncated() {
        return truncated;
    }

    public long transmitErrors() {
        return transmitErrors;
    }

    /** Frames captured that were coalesced by the kernel or the NIC (each counted once here). */
    public long coalesced() {
        return coalesced;
    }

    /** The packets on the wire those coalesced frames stand for. */
    public long coalescedSegments() {
        return coalescedSegments;
    }

    public long reopens() {
        return reopens;
    }
}
