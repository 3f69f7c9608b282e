package dev.perimeter.io.file;

import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes the part of a pcapng input that a filter kept: the packet blocks of the frames it is given and, in their
 * place, every other block of the input, all copied as they stand (options included). Sections, byte orders and
 * interface blocks are the input's, so a packet block always lands where its interface has the index, link type,
 * timestamp resolution and offset it was written for. Left out: interface statistics blocks, whose counts
 * describe the whole capture, and custom blocks of type 0x40000BAD, which the format says are not to be copied
 * into a new file. A section header's section length is written as unspecified (-1): the section is shorter.
 *
 * <p>The input is walked on a mapping of its own, in step with the frames: a frame's
 * {@link CapturedFrame#otherBlocksEnd} says where the non-packet blocks before it end, and the stretch since the
 * last one written is walked only when that moved (skipping the packet blocks of frames written elsewhere).
 * Closing writes the blocks after the last frame, up to where the reader stopped: the end of the file, or a
 * corrupt block. Close it before the reader, on the thread that read the input.
 */
final class PcapngCopyWriter implements CaptureWriter {
    static final int NRB = 4;
    static final int ISB = 5;
    static final int CUSTOM_NO_COPY = 0x40000BAD;

    private final BufferedOutput out;
    private final PcapngReader reader;
    private final MappedInput source;
    /** Input offset up to which the blocks other than packets have been written (a block boundary). */
    private long walkedTo;
    /** Interfaces described so far, over all sections; the global index of the current section's first one. */
    private int interfaces;
    private int sectionStart;
    /** Per interface: its if_tsresol and if_tsoffset, to encode a frame that comes without its block. */
    private byte[] resolutions = new byte[8];
    private long[] offsets = new long[8];

    /** A copy of the input {@code reader} reads, walked on {@code source}, a mapping of the same file. */
    PcapngCopyWriter(Path path, PcapngReader reader, MappedInput source, int bufferSize) throws IOException {
        this.reader = reader;
        this.source = source;
        this.out = new BufferedOutput(path, ByteOrder.nativeOrder(), bufferSize);
    }

    @Override
    public void write(CapturedFrame frame) throws IOException {
        if (frame.otherBlocksEnd > walkedTo) {
            walk(frame.otherBlocksEnd);
        }
        if (frame.sourceOffset >= 0) {
            out.copy(source, frame.sourceOffset, frame.sourceLength);
            // every other block before this one has been written: a later walk starts after it
            walkedTo = Math.max(walkedTo, frame.sourceOffset + frame.sourceLength);
        } else {
            CaptureWriter.super.write(frame);
        }
    }

    /**
     * A frame without its block (not read from the input): an enhanced packet block with no options, on an
     * interface of the section written last, the timestamp in that interface's units.
     */
    @Override
    public void write(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
                      int interfaceIndex) throws IOException {
        if (interfaceIndex < sectionStart || interfaceIndex >= interfaces) {
            throw new IllegalArgumentException("interface " + interfaceIndex + " is not one of the section written "
                    + "last (interfaces " + sectionStart + " to " + (interfaces - 1) + ")");
        }
        long units = PcapngWriter.units(timestampNanos - offsets[interfaceIndex] * 1_000_000_000L,
                resolutions[interfaceIndex]);
        int length = 32 + ((capturedLength + 3) & ~3);
        ByteBuffer b = out.room(length).order(source.order());
        b.putInt(PcapngReader.EPB).putInt(length).putInt(interfaceIndex - sectionStart);
        b.putInt((int) (units >>> 32)).putInt((int) units);
        b.putInt(capturedLength).putInt(Math.max(originalLength, capturedLength));
        b.put(data, offset, capturedLength);
        out.padTo4(capturedLength);
        b.putInt(length);
    }

    /** Writes the blocks from {@link #walkedTo} to {@code end} other than packets, statistics and no-copy ones. */
    private void walk(long end) throws IOException {
        long at = walkedTo;
        while (at < end) {
            int type = source.i32(at);
            if (type == PcapngReader.SHB && source.i32(at + 8) != PcapngReader.BYTE_ORDER_MAGIC) {
                source.order(source.order() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            }
            int length = source.i32(at + 4); // the reader has checked it
            switch (type) {
                case PcapngReader.SHB -> sectionHeader(at, length);
                case PcapngReader.IDB -> {
                    describe(at, length);
                    out.copy(source, at, length);
                }
                case PcapngReader.EPB, PcapngReader.SPB, PcapngReader.OPB, ISB, CUSTOM_NO_COPY -> {
                }
                default -> out.copy(source, at, length);
            }
            at += length;
        }
        walkedTo = end;
    }

    /** The section header as it stands but for the section length, now unknown. */
    private void sectionHeader(long at, int length) throws IOException {
        ByteBuffer b = out.room(length);
        int i = source.at(at, length);
        b.put(b.position(), source.buffer(), i, length);
        b.putLong(b.position() + 16, -1L); // all ones in either byte order
        b.position(b.position() + length);
        sectionStart = interfaces;
    }

    /** Notes an interface's timestamp resolution and offset (the reader's defaults when absent). */
    private void describe(long at, int length) throws IOException {
        if (interfaces == resolutions.length) {
            resolutions = Arrays.copyOf(resolutions, interfaces * 2);
            offsets = Arrays.copyOf(offsets, interfaces * 2);
        }
        byte resolution = 6;
        long offset = 0;
        long option = at + 16;
        long end = at + length - 4;
        while (option + 4 <= end) {
            int code = source.u16(option);
            int valueLength = source.u16(option + 2);
            if (code == 0) {
                break;
            }
            if (code == PcapngReader.OPT_IF_TSRESOL && valueLength >= 1) {
                resolution = source.buffer().get(source.at(option + 4, 1));
            } else if (code == PcapngReader.OPT_IF_TSOFFSET && valueLength >= 8) {
                offset = source.buffer().getLong(source.at(option + 4, 8));
            }
            option += 4 + ((valueLength + 3) & ~3);
        }
        resolutions[interfaces] = resolution;
        offsets[interfaces] = offset;
        interfaces++;
    }

    @Override
    public void close() throws IOException {
        try {
            // past the reader's last other block there are only packets
            if (reader.otherBlocksEnd() > walkedTo) {
                walk(reader.otherBlocksEnd());
            }
        } finally {
            try {
                out.close();
            } finally {
                source.close();
            }
        }
    }
}
