package dev.perimeter.io;

/**
 * One frame as read from a capture or an interface: a reusable holder that the reader fills in place. The bytes
 * are either a copy in the holder's own buffer (grown only when a larger frame arrives) or a view lent by a
 * reader into memory it keeps unchanged until the frame is released ({@link CaptureReader#lendFrames}).
 */
public final class CapturedFrame {
    /** The array holding the frame's bytes, {@code data[offset, offset + capturedLength)}. */
    public byte[] data;
    /** Index in {@code data} of the frame's first byte: 0 for a copy, anywhere for a lent view. */
    public int offset;
    /** Bytes captured (valid in {@code data[offset, offset + capturedLength)}). */
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

    /** The holder's own buffer, which {@code data} names unless a view is lent. */
    private byte[] own;

    public CapturedFrame(int capacity) {
        own = new byte[capacity];
        data = own;
    }

    /**
     * Makes the holder's own buffer the frame's, with room for {@code length} bytes from index 0, keeping none of
     * the old contents.
     */
    public void ensureCapacity(int length) {
        if (own.length < length) {
            own = new byte[Math.max(length, own.length * 2)];
        }
        data = own;
        offset = 0;
    }

    /** How long a frame the holder's own buffer takes without growing. */
    public int ownCapacity() {
        return own.length;
    }

    /** Makes the frame a view of {@code array} from {@code index}: bytes the lender keeps until released. */
    public void lend(byte[] array, int index) {
        data = array;
        offset = index;
    }
}
