package dev.perimeter.io.file;

import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.CorruptCaptureException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens capture files: readers detect pcap or pcapng by the magic number; writers are made for a format. */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /**
     * Opens a pcap (either byte order, micro- or nanosecond) or pcapng file for reading through a memory
     * mapping. A file that is neither, or whose header is cut short, throws {@link CorruptCaptureException}.
     */
    public static CaptureReader openReader(Path path) throws IOException {
        return openReader(path, MappedInput.DEFAULT_WINDOW);
    }

    /** As {@link #openReader(Path)} with mapping windows of at most {@code windowBytes} (tests use small ones). */
    static CaptureReader openReader(Path path, long windowBytes) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("a directory, not a capture file"); // mapping one fails with "No such device"
        }
        MappedInput in = new MappedInput(path, windowBytes);
        try {
            if (in.size() >= 4 && in.i32(0) == PcapngReader.SHB) {
                return new PcapngReader(in);
            }
            String other = in.size() >= 4 ? otherFormat(in.i32(0)) : null;
            if (other != null) {
                throw new CorruptCaptureException("not a pcap or pcapng file but " + other, 0);
            }
            return new PcapReader(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** What a file whose first four bytes (big-endian) are {@code magic} is, when it is a common non-capture. */
    private static String otherFormat(int magic) {
        if (magic >>> 16 == 0x1f8b) {
            return "gzip-compressed: decompress it first (gunzip)";
        }
        if (magic == 0x28b52ffd) {
            return "zstd-compressed: decompress it first (zstd -d)";
        }
        if (magic == 0xfd377a58) {
            return "xz-compressed: decompress it first (unxz)";
        }
        if (magic >>> 8 == 0x425a68) {
            return "bzip2-compressed: decompress it first (bunzip2)";
        }
        if (magic == 0x04224d18) {
            return "lz4-compressed: decompress it first (lz4 -d)";
        }
        if (magic == 0x736e6f6f) {
            return "a snoop capture: convert it first (editcap -F pcap)";
        }
        return null;
    }

    /** The format of a capture file, from its magic number. */
    public static CaptureFormat detect(Path path) throws IOException {
        try (CaptureReader r = openReader(path)) {
            return r.format();
        }
    }

    /**
     * Whether a capture's path is {@code -}: standard output for a capture to write, as in {@code tcpdump -w -}
     * (standard input for one to read is the caller's to copy into a file first: captures are read mapped).
     */
    public static boolean isStandardStream(Path path) {
        return path.getNameCount() == 1 && !path.isAbsolute() && path.toString().equals("-");
    }

    /**
     * Creates (or truncates) a capture file in {@code format} for frames seen on {@code interfaces}; frames
     * name their interface by index in this list. pcap keeps one link type and no interface names; pcapng
     * writes an interface description block with {@code if_name} for each. Written in the machine's byte order.
     * A path of {@code -} writes to standard output ({@link #isStandardStream}).
     */
    public static CaptureWriter openWriter(Path path, CaptureFormat format, List<CaptureInterface> interfaces)
            throws IOException {
        return openWriter(path, format, interfaces, ByteOrder.nativeOrder());
    }

    /** As {@link #openWriter(Path, CaptureFormat, List)} in a chosen byte order. */
    public static CaptureWriter openWriter(Path path, CaptureFormat format, List<CaptureInterface> interfaces,
                                           ByteOrder order) throws IOException {
        if (format == CaptureFormat.PCAPNG) {
            return new PcapngWriter(path, interfaces, order, BufferedOutput.DEFAULT_BUFFER);
        }
        return new PcapWriter(path, format, interfaces, order, BufferedOutput.DEFAULT_BUFFER);
    }

    /**
     * As {@link #openWriter(Path, CaptureFormat, List)} for frames read from {@code input}: when the input is a
     * pcap file of this format in the machine's byte order, its records are written by copying them from the
     * input file as they stand (ranges of its mapping in gathering writes), with no copy in user space; the
     * file's contents are the same either way. A pcapng input makes a pcapng output that keeps the input as it
     * stands but for the frames not written ({@link PcapngCopyWriter}: sections, interface blocks and packet
     * blocks with all their options, name resolution and other blocks); close it before the input.
     */
    public static CaptureWriter openWriter(Path path, CaptureFormat format, List<CaptureInterface> interfaces,
                                           CaptureReader input) throws IOException {
        ByteOrder order = ByteOrder.nativeOrder();
        if (format == CaptureFormat.PCAPNG && input instanceof PcapngReader pcapng) {
            MappedInput source = pcapng.mapAgain();
            try {
                return new PcapngCopyWriter(path, pcapng, source, BufferedOutput.DEFAULT_BUFFER);
            } catch (IOException | RuntimeException e) {
                source.close();
                throw e;
            }
        }
        if (format != CaptureFormat.PCAPNG && input instanceof PcapReader pcap && pcap.format() == format
                && pcap.byteOrder() == order) {
            MappedInput source = pcap.mapAgain();
            try {
                return new PcapWriter(path, format, interfaces, order, BufferedOutput.DEFAULT_BUFFER, source);
            } catch (IOException | RuntimeException e) {
                source.close();
                throw e;
            }
        }
        return openWriter(path, format, interfaces, order);
    }

    /** A writer for one interface of {@code linkType} with no name: the common case for pcap. */
    public static CaptureWriter openWriter(Path path, CaptureFormat format, int linkType) throws IOException {
        return openWriter(path, format, List.of(new CaptureInterface(null, linkType, 0)));
    }
}
