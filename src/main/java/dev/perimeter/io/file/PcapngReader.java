package dev.perimeter.io.file;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CapturedFrame;
import dev.perimeter.io.CorruptCaptureException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * pcapng files: section header blocks in either byte order (several sections in one file), interface
 * description blocks with {@code if_name}, {@code if_tsresol} and {@code if_tsoffset}, enhanced, simple and
 * obsolete packet blocks; every other block is skipped. Interfaces of all sections are numbered in file order;
 * the blocks ahead of the first packet are read on opening, so {@link #interfaces()} is complete for files
 * that describe their interfaces up front (later ones are appended as they are met). Every frame tells where its
 * packet block is and where the other blocks before it end, for a writer that copies the file's blocks.
 */
public final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 1;
    static final int OPB = 2;
    static final int SPB = 3;
    static final int EPB = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int MAX_BLOCK = 64 << 20;

    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;

    private final MappedInput in;
    private final List<CaptureInterface> interfaces = new ArrayList<>();
    private final List<CaptureInterface> view = Collections.unmodifiableList(interfaces);
    /** Per global interface: timestamp units per second as 10^n (base10) or 2^n, and offset in seconds. */
    private final List<long[]> clocks = new ArrayList<>();
    /** Global index of each interface of the current section. */
    private int[] section = new int[8];
    private int sectionSize;
    private long position;
    /** End of the last block read that is not a packet block. */
    private long otherBlocksEnd;
    private CorruptCaptureException failure;
    private ChunkLender lender;

    PcapngReader(MappedInput in) throws IOException {
        this.in = in;
        this.lender = ChunkLender.none(in);
        if (in.size() < 4 || in.i32(0) != SHB) {
            throw new CorruptCaptureException("not a pcapng file (no section header block)", 0);
        }
        if (in.size() < 28) {
            throw new CorruptCaptureException("pcapng section header block cut short (" + in.size()
                    + " of at least 28 bytes)", 0);
        }
        try {
            while (position < in.size() && !isPacketBlock(peekType())) {
                block(null);
            }
        } catch (CorruptCaptureException e) {
            if (position == 0) {
                throw e;
            }
            failure = null; // reported again, at the same offset, by the first next()
        }
    }

    private int peekType() throws IOException {
        return in.size() - position < 8 ? -1 : in.i32(position);
    }

    private static boolean isPacketBlock(int type) {
        return type == EPB || type == SPB || type == OPB;
    }

    @Override
    public boolean next(CapturedFrame frame) throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (position < in.size()) {
            if (block(frame)) {
                return true;
            }
        }
        return false;
    }

    /** Reads the block at {@link #position}; true when it was a packet that now fills {@code frame}. */
    private boolean block(CapturedFrame frame) throws IOException {
        long remaining = in.size() - position;
        if (remaining < 12) {
            throw fail("block header cut short (" + remaining + " bytes left)");
        }
        int i = in.at(position, 12);
        int type = in.buffer().getInt(i);
        if (type == SHB) {
            int magic = in.i32(position + 8);
            if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                in.order(in.order() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            } else if (magic != BYTE_ORDER_MAGIC) {
                throw fail(String.format("section header with bad byte-order magic 0x%08x", magic));
            }
        }
        i = in.at(position, 12); // the magic check may have moved the window
        long length = in.buffer().getInt(i + 4) & 0xffffffffL;
        if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
            throw fail("block of type " + type + " has bad length " + length);
        }
        if (length > remaining) {
            throw fail("block of type " + type + " cut short (" + remaining + " of " + length + " bytes)");
        }
        if ((in.i32(position + length - 4) & 0xffffffffL) != length) {
            throw fail("block of type " + type + " has mismatched trailing length");
        }
        boolean packet = false;
        switch (type) {
            case SHB:
                sectionHeader(length);
                break;
            case IDB:
                interfaceDescription(length);
                break;
            case EPB:
            case OPB:
                packet = frame != null && packetBlock(frame, type, length);
                if (frame == null) {
                    return false;
                }
                break;
            case SPB:
                packet = frame != null && simplePacket(frame, length);
                if (frame == null) {
                    return false;
                }
                break;
            default:
                break;
        }
        position += length;
        if (!packet) {
            otherBlocksEnd = position;
        }
        return packet;
    }

    private void sectionHeader(long length) throws IOException {
        if (length < 28) {
            throw fail("section header block too short (" + length + " bytes)");
        }
        int major = in.u16(position + 12);
        if (major != 1) {
            throw fail("unsupported pcapng version " + major);
        }
        sectionSize = 0;
    }

    private void interfaceDescription(long length) throws IOException {
        if (length < 20) {
            throw fail("interface description block too short (" + length + " bytes)");
        }
        int linkType = in.u16(position + 8);
        int snapLength = in.i32(position + 12);
        String name = null;
        long[] clock = {6, 0, 0}; // exponent, base-2 flag, offset seconds
        int resolution = 6;
        long at = position + 16;
        long end = position + length - 4;
        while (at + 4 <= end) {
            int code = in.u16(at);
            int optionLength = in.u16(at + 2);
            if (code == 0) {
                break;
            }
            if (at + 4 + optionLength > end) {
                throw fail("interface option " + code + " runs past its block");
            }
            if (code == OPT_IF_NAME) {
                byte[] text = new byte[optionLength];
                in.copy(at + 4, text, optionLength);
                int n = 0;
                while (n < text.length && text[n] != 0) {
                    n++;
                }
                name = new String(text, 0, n, StandardCharsets.UTF_8);
            } else if (code == OPT_IF_TSRESOL && optionLength >= 1) {
                int i = in.at(at + 4, 1);
                resolution = in.buffer().get(i) & 0xff;
                clock[0] = resolution & 0x7f;
                clock[1] = resolution >>> 7;
                if (clock[1] == 0 ? clock[0] > 18 : clock[0] > 62) {
                    throw fail("interface timestamp resolution " + resolution + " not supported");
                }
            } else if (code == OPT_IF_TSOFFSET && optionLength >= 8) {
                int i = in.at(at + 4, 8);
                clock[2] = in.buffer().getLong(i);
            }
            at += 4 + ((optionLength + 3) & ~3);
        }
        if (sectionSize == section.length) {
            section = java.util.Arrays.copyOf(section, sectionSize * 2);
        }
        section[sectionSize++] = interfaces.size();
        interfaces.add(new CaptureInterface(name, linkType, snapLength, resolution));
        clocks.add(clock);
    }

    private boolean packetBlock(CapturedFrame frame, int type, long length) throws IOException {
        if (length < 32) {
            throw fail("packet block too short (" + length + " bytes)");
        }
        int i = in.at(position, 28);
        MappedByteBuffer b = in.buffer();
        int local = type == EPB ? b.getInt(i + 8) : b.getShort(i + 8) & 0xffff;
        long high = b.getInt(i + 12) & 0xffffffffL;
        long low = b.getInt(i + 16) & 0xffffffffL;
        int captured = b.getInt(i + 20);
        int original = b.getInt(i + 24);
        if (local < 0 || local >= sectionSize) {
            throw fail("packet names interface " + (local & 0xffffffffL) + " but the section describes "
                    + sectionSize);
        }
        if (captured < 0 || 28 + (long) captured + 4 > length) {
            throw fail("packet claims " + (captured & 0xffffffffL) + " captured bytes in a block of " + length);
        }
        int global = section[local];
        fill(frame, 28, captured, original, global, length);
        frame.timestampNanos = nanos(clocks.get(global), high << 32 | low);
        return true;
    }

    private boolean simplePacket(CapturedFrame frame, long length) throws IOException {
        if (length < 16) {
            throw fail("simple packet block too short (" + length + " bytes)");
        }
        if (sectionSize == 0) {
            throw fail("simple packet block before any interface description");
        }
        int original = in.i32(position + 8);
        int global = section[0];
        int snap = interfaces.get(global).snapLength();
        long captured = Math.min(original & 0xffffffffL, length - 16);
        if (snap > 0) {
            captured = Math.min(captured, snap);
        }
        fill(frame, 12, (int) captured, original, global, length);
        frame.timestampNanos = 0;
        return true;
    }

    private void fill(CapturedFrame frame, int dataAt, int captured, int original, int global, long length)
            throws IOException {
        lender.fill(frame, position + dataAt, captured);
        frame.capturedLength = captured;
        frame.originalLength = Math.max(original, captured);
        frame.linkType = interfaces.get(global).linkType();
        frame.interfaceIndex = global;
        frame.sourceOffset = position;
        frame.sourceLength = (int) length;
        frame.otherBlocksEnd = otherBlocksEnd;
    }

    @Override
    public boolean lendFrames(LongSupplier released) {
        lender = new ChunkLender(in, released);
        return true;
    }

    static long nanos(long[] clock, long units) {
        long exponent = clock[0];
        if (clock[1] == 0 && clock[2] == 0 && units >= 0) {
            if (exponent == 9) {
                return units;
            }
            if (exponent == 6 && units < Long.MAX_VALUE / 1000) {
                return units * 1000;
            }
        }
        long seconds;
        long nanos;
        if (clock[1] == 0) {
            long perSecond = pow10((int) exponent);
            seconds = Long.divideUnsigned(units, perSecond);
            long rest = Long.remainderUnsigned(units, perSecond);
            nanos = exponent <= 9 ? rest * pow10(9 - (int) exponent) : rest / pow10((int) exponent - 9);
        } else {
            seconds = units >>> exponent;
            long rest = units & ((1L << exponent) - 1);
            // floor(rest * 10^9 / 2^exponent) exactly, as libpcap truncates: the product may need 128 bits
            long low = rest * 1_000_000_000L;
            long high = Math.multiplyHigh(rest, 1_000_000_000L);
            nanos = exponent == 0 ? low : low >>> exponent | high << (64 - exponent);
        }
        return (seconds + clock[2]) * 1_000_000_000L + nanos;
    }

    /** 10^n, for the decimal timestamp resolutions (n at most 18). */
    static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    private CorruptCaptureException fail(String message) {
        failure = new CorruptCaptureException("pcapng: " + message, position);
        return failure;
    }

    /** Byte offset of the next block: the end of the file, or of what was read before a corrupt block. */
    public long position() {
        return position;
    }

    /** Where the last block read that is not a packet block ends (0 before any). */
    long otherBlocksEnd() {
        return otherBlocksEnd;
    }

    /** A second, independent mapping of the same file, for a writer that copies this file's blocks. */
    MappedInput mapAgain() throws IOException {
        return in.sibling();
    }

    @Override
    public List<CaptureInterface> interfaces() {
        return view;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
