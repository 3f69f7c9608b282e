package dev.perimeter.io.file;

import dev.perimeter.io.CaptureReader.CaptureInterface;
import dev.perimeter.io.CaptureWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes pcapng: one section, one interface description block per interface (with {@code if_name} when the
 * interface has a name, and its {@code if_tsresol} when that is no finer than a nanosecond, so a frame's timestamp
 * is written in the units it was read in; finer or unknown resolutions are written in nanoseconds), then enhanced
 * packet blocks. The interface list is read again when a frame names an interface beyond the ones written so far: a
 * reader's live {@link dev.perimeter.io.CaptureReader#interfaces()} list can be passed, and interfaces that appear
 * later in the input (a second pcapng section) get their description block just before their first frame; the
 * list may even start empty (an input whose first interface block is missing or cut short).
 */
public final class PcapngWriter implements CaptureWriter {
    private static final byte[] APPLICATION = "perimeter".getBytes(StandardCharsets.US_ASCII);

    private final BufferedOutput out;
    private final List<CaptureInterface> interfaces;
    private int written;
    /** The if_tsresol byte written for each interface so far. */
    private byte[] resolutions = new byte[8];

    PcapngWriter(Path path, List<CaptureInterface> interfaces, ByteOrder order, int bufferSize) throws IOException {
        this.interfaces = interfaces;
        this.out = new BufferedOutput(path, order, bufferSize);
        int shbLength = 28 + option(APPLICATION.length) + 4;
        ByteBuffer b = out.room(shbLength);
        b.putInt(PcapngReader.SHB).putInt(shbLength).putInt(PcapngReader.BYTE_ORDER_MAGIC);
        b.putShort((short) 1).putShort((short) 0).putLong(-1L);
        putOption(b, 4, APPLICATION);
        b.putInt(0).putInt(shbLength);
        describeNewInterfaces();
    }

    private void describeNewInterfaces() throws IOException {
        int count = interfaces.size();
        for (; written < count; written++) {
            CaptureInterface i = interfaces.get(written);
            byte[] name = i.name() == null ? null : i.name().getBytes(StandardCharsets.UTF_8);
            int length = 20 + (name == null ? 0 : option(name.length)) + option(1) + 4;
            byte resolution = kept(i.timestampResolution());
            if (written == resolutions.length) {
                resolutions = java.util.Arrays.copyOf(resolutions, written * 2);
            }
            resolutions[written] = resolution;
            ByteBuffer b = out.room(length);
            b.putInt(PcapngReader.IDB).putInt(length);
            b.putShort((short) i.linkType()).putShort((short) 0).putInt(Math.max(i.snapLength(), 0));
            if (name != null) {
                putOption(b, 2, name);
            }
            putOption(b, 9, new byte[] {resolution});
            b.putInt(0).putInt(length);
        }
    }

    /** The resolution an interface is written with: its own when no finer than a nanosecond, else nanoseconds. */
    private static byte kept(int resolution) {
        boolean binary = (resolution & 0x80) != 0;
        int exponent = resolution & 0x7f;
        boolean coarseEnough = resolution >= 0 && resolution <= 0xff && (binary ? exponent <= 29 : exponent <= 9);
        return (byte) (coarseEnough ? resolution : 9);
    }

    /**
     * A time in units of {@code resolution} (any the reader takes). The inverse of the reader's conversion: a
     * binary fraction read as floor(units * 10^9 / 2^n) nanoseconds comes back as the same units when 2^n is at
     * most 10^9, being the smallest units that read as those nanoseconds.
     */
    static long units(long timestampNanos, byte resolution) {
        if (resolution == 9) {
            return timestampNanos;
        }
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long nanos = Math.floorMod(timestampNanos, 1_000_000_000L);
        int exponent = resolution & 0x7f;
        if ((resolution & 0x80) != 0) {
            return (seconds << exponent) + binaryFraction(nanos, exponent);
        }
        long perSecond = PcapngReader.pow10(exponent);
        return seconds * perSecond + (exponent <= 9 ? nanos / PcapngReader.pow10(9 - exponent)
                : nanos * PcapngReader.pow10(exponent - 9));
    }

    /** ceil(nanos * 2^exponent / 10^9) for nanos below 10^9, exactly: the product may need 92 bits. */
    private static long binaryFraction(long nanos, int exponent) {
        int first = Math.min(exponent, 33); // nanos < 2^30: shifted by 33 it still fits
        long shifted = nanos << first;
        int rest = exponent - first; // at most 29: the remainder (below 2^30) shifted by it fits too
        long remainder = (shifted % 1_000_000_000L) << rest;
        return (shifted / 1_000_000_000L << rest) + remainder / 1_000_000_000L
                + (remainder % 1_000_000_000L == 0 ? 0 : 1);
    }

    private static int option(int valueLength) {
        return 4 + ((valueLength + 3) & ~3);
    }

    private void putOption(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        out.padTo4(value.length);
    }

    @Override
    public void write(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
                      int interfaceIndex) throws IOException {
        if (interfaceIndex >= written) {
            describeNewInterfaces();
        }
        if (interfaceIndex < 0 || interfaceIndex >= written) {
            throw new IllegalArgumentException("no interface " + interfaceIndex + " in this capture");
        }
        int length = 32 + ((capturedLength + 3) & ~3);
        ByteBuffer b = out.room(length);
        b.putInt(PcapngReader.EPB).putInt(length).putInt(interfaceIndex);
        long units = units(timestampNanos, resolutions[interfaceIndex]);
        b.putInt((int) (units >>> 32)).putInt((int) units);
        b.putInt(capturedLength).putInt(Math.max(originalLength, capturedLength));
        b.put(data, offset, capturedLength);
        out.padTo4(capturedLength);
        b.putInt(length);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
