package dev.perimeter.io.file;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CapturedFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes classic libpcap files with microsecond ({@link CaptureFormat#PCAP}) or nanosecond
 * ({@link CaptureFormat#PCAP_NANO}) timestamps. One link type per file: the interfaces must agree on it, and
 * the interface index of each frame is not kept.
 */
public final class PcapWriter implements CaptureWriter {
    /** Where the file header holds the link type (and, in its high bits, the FCS length of the frames). */
    private static final int LINK_TYPE_FIELD = 20;
    private final BufferedOutput out;
    private final boolean nano;
    private final List<CaptureInterface> interfaces;
    private final int linkType;
    /** The input whose records this file copies as they stand (same format and byte order), or null. */
    private final MappedInput source;
    private int checked;

    PcapWriter(Path path, CaptureFormat format, List<CaptureInterface> interfaces, ByteOrder order, int bufferSize)
            throws IOException {
        this(path, format, interfaces, order, bufferSize, null);
    }

    /**
     * A writer whose frames come from {@code source}, a pcap file of this format and byte order: frames that
     * carry their record's place in it ({@link CapturedFrame#sourceOffset}) are written by copying that record.
     */
    PcapWriter(Path path, CaptureFormat format, List<CaptureInterface> interfaces, ByteOrder order, int bufferSize,
               MappedInput source) throws IOException {
        if (format == CaptureFormat.PCAPNG) {
            throw new IllegalArgumentException("PcapWriter writes pcap, not pcapng");
        }
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("a pcap file needs one interface (its link type)");
        }
        int linkType = interfaces.get(0).linkType();
        int snap = 0;
        for (CaptureInterface i : interfaces) {
            if (i.linkType() != linkType) {
                throw new IllegalArgumentException("a pcap file has one link type; interfaces have "
                        + linkType + " and " + i.linkType() + " (write pcapng instead)");
            }
            snap = Math.max(snap, i.snapLength());
        }
        this.nano = format == CaptureFormat.PCAP_NANO;
        this.interfaces = interfaces;
        this.linkType = linkType;
        this.checked = interfaces.size();
        this.source = source;
        this.out = new BufferedOutput(path, order, bufferSize);
        ByteBuffer b = out.room(PcapReader.FILE_HEADER);
        b.putInt(nano ? PcapReader.MAGIC_NANO : PcapReader.MAGIC_MICRO);
        b.putShort((short) 2).putShort((short) 4);
        b.putInt(0).putInt(0);
        b.putInt(snap > 0 ? snap : PcapReader.MAX_CAPTURE);
        // a copy keeps the input's whole link-type field: its high bits can say that frames end with an FCS
        b.putInt(source != null ? source.i32(LINK_TYPE_FIELD) : linkType);
    }

    @Override
    public void write(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
                      int interfaceIndex) throws IOException {
        if (interfaceIndex < 0 || interfaceIndex >= checked) {
            checkNewInterface(interfaceIndex);
        }
        ByteBuffer b = out.room(PcapReader.RECORD_HEADER + capturedLength);
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
        b.putInt((int) seconds);
        b.putInt((int) (nano ? fraction : fraction / 1000));
        b.putInt(capturedLength);
        b.putInt(Math.max(originalLength, capturedLength));
        b.put(data, offset, capturedLength);
    }

    @Override
    public void write(CapturedFrame frame) throws IOException {
        if (source != null && frame.sourceOffset >= 0 && frame.interfaceIndex == 0) {
            out.copy(source, frame.sourceOffset, frame.sourceLength);
        } else {
            CaptureWriter.super.write(frame);
        }
    }

    /** An interface that appeared in the list after opening (a live reader list) must keep the link type. */
    private void checkNewInterface(int interfaceIndex) {
        if (interfaceIndex < 0 || interfaceIndex >= interfaces.size()) {
            throw new IllegalArgumentException("no interface " + interfaceIndex + " in this capture");
        }
        for (; checked <= interfaceIndex; checked++) {
            if (interfaces.get(checked).linkType() != linkType) {
                throw new IllegalArgumentException("a pcap file has one link type; interface " + checked
                        + " has " + interfaces.get(checked).linkType() + ", the file " + linkType);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }
}
