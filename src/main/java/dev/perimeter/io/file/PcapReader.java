package dev.perimeter.io.file;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import dev.perimeter.packet.Bytes;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Classic libpcap files: microsecond or nanosecond timestamps, either byte order, read through a mapping. The
 * "modified" format of old patched Linux tcpdumps (magic 0xa1b2cd34, which libpcap reads too) has 8 more bytes per
 * record header (interface index, protocol, packet type); its frames read as microsecond pcap's and its records are
 * never copied as they stand.
 */
public final class PcapReader implements CaptureReader {
    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    static final int FILE_HEADER = 24;
    static final int RECORD_HEADER = 16;
    /** libpcap's own ceiling for a record's captured length when the file's snaplen is smaller. */
    static final int MAX_CAPTURE = 262144;

    private final MappedInput in;
    private final CaptureFormat format;
    private final List<CaptureInterface> interfaces;
    private final int linkType;
    private final int maxCaptured;
    private final long nanosPerUnit;
    /** Bytes of a record header: 16, or 24 in the modified format. */
    private final int recordHeader;
    private final boolean littleEndian;
    /** The record header when it is not lent: a frame that is copied reads its header through this. */
    private final byte[] headerCopy = new byte[RECORD_HEADER];
    private ChunkLender lender;
    private long position = FILE_HEADER;
    private CorruptCaptureException failure;

    PcapReader(MappedInput in) throws IOException {
        this.in = in;
        if (in.size() < FILE_HEADER) {
            throw new CorruptCaptureException("pcap file header cut short (" + in.size() + " of 24 bytes)", 0);
        }
        int magic = in.i32(0);
        if (magic == Integer.reverseBytes(MAGIC_MICRO) || magic == Integer.reverseBytes(MAGIC_NANO)
                || magic == Integer.reverseBytes(MAGIC_MODIFIED)) {
            in.order(ByteOrder.LITTLE_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        if (magic != MAGIC_MICRO && magic != MAGIC_NANO && magic != MAGIC_MODIFIED) {
            throw new CorruptCaptureException(String.format("not a pcap file (magic 0x%08x)", magic), 0);
        }
        littleEndian = in.order() == ByteOrder.LITTLE_ENDIAN;
        lender = ChunkLender.none(in);
        format = magic == MAGIC_NANO ? CaptureFormat.PCAP_NANO : CaptureFormat.PCAP;
        nanosPerUnit = magic == MAGIC_NANO ? 1 : 1000;
        recordHeader = magic == MAGIC_MODIFIED ? RECORD_HEADER + 8 : RECORD_HEADER;
        int snapLength = in.i32(16);
        linkType = in.i32(20) & 0xffff;
        maxCaptured = snapLength > 0 ? Math.max(snapLength, MAX_CAPTURE) : MAX_CAPTURE;
        interfaces = List.of(new CaptureInterface(null, linkType, snapLength, magic == MAGIC_NANO ? 9 : 6));
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        long remaining = in.size() - position;
        if (remaining == 0) {
            return false;
        }
        if (remaining < recordHeader) {
            throw fail("record header cut short (" + remaining + " of " + recordHeader + " bytes)");
        }
        int h = lender.at(position, recordHeader);
        byte[] header = h >= 0 ? lender.array() : headerCopy;
        if (h < 0) {
            h = 0;
            in.copy(position, headerCopy, RECORD_HEADER);
        }
        long seconds = i32(header, h) & 0xffffffffL;
        long fraction = i32(header, h + 4) & 0xffffffffL;
        int captured = i32(header, h + 8);
        int original = i32(header, h + 12);
        if (captured < 0 || captured > maxCaptured) {
            throw fail("record claims " + (captured & 0xffffffffL) + " captured bytes (more than "
                    + maxCaptured + ")");
        }
        if (remaining - recordHeader < captured) {
            throw fail("frame cut short (" + (remaining - recordHeader) + " of " + captured + " bytes)");
        }
        lender.fill(frame, position + recordHeader, captured);
        frame.capturedLength = captured;
        frame.originalLength = Math.max(original, captured);
        frame.timestampNanos = seconds * 1_000_000_000L + fraction * nanosPerUnit;
        frame.linkType = linkType;
        frame.interfaceIndex = 0;
        // a record whose original length is below its captured length is written back corrected
        // (and so is a fraction of a second out of range)
        frame.sourceOffset = original >= captured && fraction < 1_000_000_000L / nanosPerUnit
                && recordHeader == RECORD_HEADER ? position : -1;
        frame.sourceLength = RECORD_HEADER + captured;
        position += recordHeader + captured;
        return true;
    }

    private int i32(byte[] header, int i) {
        return littleEndian ? Bytes.i32le(header, i) : Bytes.i32(header, i);
    }

    @Override
    public boolean lendFrames(LongSupplier released) {
        lender = new ChunkLender(in, released);
        return true;
    }

    private CorruptCaptureException fail(String message) {
        failure = new CorruptCaptureException("pcap: " + message, position);
        return failure;
    }

    /** Byte offset of the next record. */
    public long position() {
        return position;
    }

    /** The byte order of the file's headers. */
    public ByteOrder byteOrder() {
        return in.order();
    }

    /** A second, independent mapping of the same file, for a writer that copies this file's records. */
    MappedInput mapAgain() throws IOException {
        return in.sibling();
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public List<CaptureInterface> interfaces() {
        return interfaces;
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
