package dev.perimeter.io.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes pcapng block by block, including the unusual ones the writer never makes, to test the reader. */
final class PcapngBlocks {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    PcapngBlocks section(ByteOrder order) {
        this.order = order;
        ByteBuffer body = body(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0A0D0D0A, body);
    }

    /** An IDB; {@code tsresol} &lt; 0 leaves the option out, {@code tsoffset} 0 too. */
    PcapngBlocks iface(int linkType, int snap, String name, int tsresol, long tsoffset) {
        ByteBuffer body = body(256);
        body.putShort((short) linkType).putShort((short) 0).putInt(snap);
        if (name != null) {
            option(body, 2, name.getBytes(StandardCharsets.UTF_8));
        }
        if (tsresol >= 0) {
            option(body, 9, new byte[] {(byte) tsresol});
        }
        if (tsoffset != 0) {
            option(body, 14, ByteBuffer.allocate(8).order(order).putLong(tsoffset).array());
        }
        body.putInt(0);
        return block(1, body);
    }

    PcapngBlocks epb(int iface, long units, byte[] data, int original) {
        ByteBuffer body = body(20 + data.length + 3);
        body.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(original);
        body.put(data);
        pad(body);
        return block(6, body);
    }

    PcapngBlocks opb(int iface, long units, byte[] data) {
        ByteBuffer body = body(20 + data.length + 3);
        body.putShort((short) iface).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(data.length);
        body.put(data);
        pad(body);
        return block(2, body);
    }

    PcapngBlocks spb(byte[] data, int original) {
        ByteBuffer body = body(4 + data.length + 3);
        body.putInt(original).put(data);
        pad(body);
        return block(3, body);
    }

    /** A block of a type the reader does not know (name resolution, statistics, custom ...). */
    PcapngBlocks other(int type, int bodyLength) {
        ByteBuffer body = body(bodyLength);
        body.position(bodyLength);
        return block(type, body);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path path) throws IOException {
        Files.write(path, bytes());
        return path;
    }

    private ByteBuffer body(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private static void option(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        pad(b);
    }

    private static void pad(ByteBuffer b) {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private PcapngBlocks block(int type, ByteBuffer body) {
        int length = 12 + body.position();
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        b.putInt(type).putInt(length).put(body.array(), 0, body.position()).putInt(length);
        out.writeBytes(b.array());
        return this;
    }
}
