package dev.perimeter.io;

/**
 * One frame as read from a capture or an interface: a reusable holder (the reader fills it in place) whose
 * {@code data} buffer is owned by the holder and grown only when a larger frame arrives.
 */
public final class CapturedFrame {
    public byte[] data;
    /** Bytes captured (valid in {@code data[0..capturedLength)}). */
    public int capturedLength;
    /** Length of the frame on the wire (at least capturedLength). */
    public int originalLength;
    /** Capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** libpcap link type of this frame ({@link dev.perimeter.packet.LinkType}). */
    public int linkType;
    /** Interface the frame was seen on: its pcapng IDB index (0 for classic pcap). */
    public int interfaceIndex;

    public CapturedFrame(int capacity) {
        data = new byte[capacity];
    }

    /** Makes room for {@code length} bytes, keeping none of the old contents. */
    public void ensureCapacity(int length) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length * 2)];
        }
    }
}
