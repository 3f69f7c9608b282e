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
     * re-encoding the frame; live sources and readers that cannot vouch for the record leave it -1. A pcapng
     * packet block (with its options) is valid only in a file that carries its section and interface blocks
     * too: only a writer that copies those as well can copy it.
     */
    public long sourceOffset = -1;
    /** Length in bytes of that record, valid when {@code sourceOffset >= 0}. */
    public int sourceLength;
    /**
     * pcapng: where in the file the last block before this frame's that is not a packet block ends (section
     * header, interface description, name resolution ...), so that a writer carrying those blocks over sees in
     * one comparison whether any came since its last frame; -1 for other sources.
     */
    public long otherBlocksEnd = -1;

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
