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
 * interface has a name, and nanosecond {@code if_tsresol} so timestamps are kept exactly), then enhanced packet
 * blocks. The interface list is read again when a frame names an interface beyond the ones written so far: a
 * reader's live {@link dev.perimeter.io.CaptureReader#interfaces()} list can be passed, and interfaces that appear
 * later in the input (a second pcapng section) get their description block just before their first frame; the
 * list may even start empty (an input whose first interface block is missing or cut short).
 */
public final class PcapngWriter implements CaptureWriter {
    private static final byte[] APPLICATION = "perimeter".getBytes(StandardCharsets.US_ASCII);

    private final BufferedOutput out;
    private final List<CaptureInterface> interfaces;
    private int written;

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
            ByteBuffer b = out.room(length);
            b.putInt(PcapngReader.IDB).putInt(length);
            b.putShort((short) i.linkType()).putShort((short) 0).putInt(Math.max(i.snapLength(), 0));
            if (name != null) {
                putOption(b, 2, name);
            }
            putOption(b, 9, new byte[] {9});
            b.putInt(0).putInt(length);
        }
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
        b.putInt((int) (timestampNanos >>> 32)).putInt((int) timestampNanos);
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
