package dev.perimeter.io.live;

/**
 * How a live port is opened.
 *
 * @param bufferBytes   the kernel capture buffer: generous, so that a burst waits there rather than being dropped
 * @param extraSnap     bytes allowed above the MTU: Ethernet header, two VLAN tags, and slack
 * @param timeoutMillis the read timeout, so that a receive loop wakes up to notice a stop even without traffic
 */
public record PcapPortSettings(int bufferBytes, int extraSnap, int timeoutMillis) {
    public static final PcapPortSettings DEFAULT = new PcapPortSettings(32 << 20, 14 + 8 + 18, 100);

    /** The snap length for an interface: its MTU plus link header room, never less than a full Ethernet frame. */
    public int snapLength(int mtu) {
        return Math.max(mtu, 1500) + extraSnap;
    }
}
