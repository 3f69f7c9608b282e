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
    /**
     * Byte offset in the capture file of this frame's whole record (header and data) when the record can be
     * copied to an output of the same format as it stands, else -1. Lets a writer copy file ranges instead of
     * re-encoding the frame; live sources and readers that cannot vouch for the record leave it -1.
     */
    public long sourceOffset = -1;
    /** Length in bytes of that record, valid when {@code sourceOffset >= 0}. */
    public int sourceLength;

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
