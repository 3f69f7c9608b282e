package dev.perimeter.stats;

/** What one bridge port saw: frames received on it, sent out of it, dropped after entering on it. One writer. */
public final class PortCounters {
    private long received;
    private long transmitted;
    private long dropped;

    public void countReceived() {
        received++;
    }

    public void countTransmitted() {
        transmitted++;
    }

    public void countDropped() {
        dropped++;
    }

    public long received() {
        return received;
    }

    /** Frames forwarded out of this port (they entered on the other side). */
    public long transmitted() {
        return transmitted;
    }

    public long dropped() {
        return dropped;
    }
}
