package dev.perimeter.stats;

/**
 * What one bridge port saw: packets received on it, sent out of it, dropped after entering on it (a coalesced
 * frame counts as the packets it stands for). One writer.
 */
public final class PortCounters {
    private long received;
    private long transmitted;
    private long dropped;

    public void countReceived(int packets) {
        received += packets;
    }

    public void countTransmitted(int packets) {
        transmitted += packets;
    }

    public void countDropped(int packets) {
        dropped += packets;
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
