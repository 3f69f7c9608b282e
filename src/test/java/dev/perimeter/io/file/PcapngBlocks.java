package dev.perimeter.io.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes pcapng block by block, including the unusual ones the writer never makes (options of every kind, name
 * resolution, decryption secrets, statistics and custom blocks), to test the reader and the writers; and splits a
 * file back into its blocks.
 */
public final class PcapngBlocks {
    public static final int SHB = 0x0A0D0D0A;
    public static final int IDB = 1;
    public static final int OPB = 2;
    public static final int SPB = 3;
    public static final int NRB = 4;
    public static final int ISB = 5;
    public static final int EPB = 6;
    public static final int DSB = 10;
    public static final int CUSTOM = 0x00000BAD;
    public static final int CUSTOM_NO_COPY = 0x40000BAD;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    /** One option: text or bytes as given, or a number of {@code width} bytes in the section's byte order. */
    public record Option(int code, byte[] value, long number, int width) {
        public static Option text(int code, String text) {
            return new Option(code, text.getBytes(StandardCharsets.UTF_8), 0, 0);
        }

        public static Option bytes(int code, byte... value) {
            return new Option(code, value, 0, 0);
        }

        public static Option u32(int code, int value) {
            return new Option(code, null, value, 4);
        }

        public static Option u64(int code, long value) {
            return new Option(code, null, value, 8);
        }

        /** A custom option (2988/2989 text, 19372/19373 binary): a Private Enterprise Number, then the data. */
        public static Option custom(int code, int pen, byte[] data) {
            return new Option(code, data, pen, -4);
        }

        byte[] encode(ByteOrder order) {
            if (width == 0) {
                return value;
            }
            ByteBuffer b = ByteBuffer.allocate(Math.abs(width) + (value == null ? 0 : value.length)).order(order);
            if (width == 8) {
                b.putLong(number);
            } else {
                b.putInt((int) number);
            }
            return width < 0 ? b.put(value).array() : b.array();
        }
    }

    /** One block of a file as it stands, and the byte order of its section. */
    public record Block(int type, byte[] bytes, ByteOrder order) {
        public boolean isPacket() {
            return type == EPB || type == SPB || type == OPB;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && b.type == type && Arrays.equals(b.bytes, bytes) && b.order == order;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return String.format("block 0x%x of %d bytes", type, bytes.length);
        }
    }

    public PcapngBlocks section(ByteOrder order, Option... options) {
        return section(order, -1, options);
    }

    public PcapngBlocks section(ByteOrder order, long sectionLength, Option... options) {
        this.order = order;
        ByteBuffer body = body(16 + optionsLength(options));
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(sectionLength);
        options(body, options);
        return block(SHB, body);
    }

    /** An IDB; {@code tsresol} &lt; 0 leaves the option out, {@code tsoffset} 0 too. */
    public PcapngBlocks iface(int linkType, int snap, String name, int tsresol, long tsoffset) {
        List<Option> options = new ArrayList<>();
        if (name != null) {
            options.add(Option.text(2, name));
        }
        if (tsresol >= 0) {
            options.add(Option.bytes(9, (byte) tsresol));
        }
        if (tsoffset != 0) {
            options.add(Option.u64(14, tsoffset));
        }
        return iface(linkType, snap, options.toArray(Option[]::new));
    }

    public PcapngBlocks iface(int linkType, int snap, Option... options) {
        ByteBuffer body = body(8 + optionsLength(options));
        body.putShort((short) linkType).putShort((short) 0).putInt(snap);
        options(body, options);
        return block(IDB, body);
    }

    public PcapngBlocks epb(int iface, long units, byte[] data, int original, Option... options) {
        ByteBuffer body = body(20 + data.length + 3 + optionsLength(options));
        body.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(original);
        body.put(data);
        pad(body);
        options(body, options);
        return block(EPB, body);
    }

    public PcapngBlocks opb(int iface, long units, byte[] data) {
        ByteBuffer body = body(20 + data.length + 3);
        body.putShort((short) iface).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(data.length);
        body.put(data);
        pad(body);
        return block(OPB, body);
    }

    public PcapngBlocks spb(byte[] data, int original) {
        ByteBuffer body = body(4 + data.length + 3);
        body.putInt(original).put(data);
        pad(body);
        return block(SPB, body);
    }

    /** A name resolution block with one IPv4 or IPv6 record. */
    public PcapngBlocks nrb(String address, String name) throws IOException {
        byte[] ip = InetAddress.getByName(address).getAddress();
        byte[] text = (name + "\0").getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = body(4 + ip.length + text.length + 3 + 4);
        body.putShort((short) (ip.length == 4 ? 1 : 2)).putShort((short) (ip.length + text.length)).put(ip).put(text);
        pad(body);
        body.putInt(0); // nrb_record_end
        return block(NRB, body);
    }

    /** A decryption secrets block: {@code secretsType} 0x544c534b is a TLS key log. */
    public PcapngBlocks dsb(int secretsType, String secrets) {
        byte[] data = secrets.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = body(8 + data.length + 3);
        body.putInt(secretsType).putInt(data.length).put(data);
        pad(body);
        return block(DSB, body);
    }

    /** A custom block of {@code type} ({@link #CUSTOM} or {@link #CUSTOM_NO_COPY}). */
    public PcapngBlocks custom(int type, int pen, byte[] data) {
        ByteBuffer body = body(4 + data.length + 3);
        body.putInt(pen).put(data);
        pad(body);
        return block(type, body);
    }

    /** An interface statistics block with {@code isb_ifrecv} and {@code isb_ifdrop}. */
    public PcapngBlocks isb(int iface, long units, long received, long dropped) {
        Option[] options = {Option.u64(4, received), Option.u64(5, dropped)};
        ByteBuffer body = body(12 + optionsLength(options));
        body.putInt(iface).putInt((int) (units >>> 32)).putInt((int) units);
        options(body, options);
        return block(ISB, body);
    }

    /** A block of a type the reader does not know (name resolution, statistics, custom ...). */
    public PcapngBlocks other(int type, int bodyLength) {
        ByteBuffer body = body(bodyLength);
        body.position(bodyLength);
        return block(type, body);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    public Path write(Path path) throws IOException {
        Files.write(path, bytes());
        return path;
    }

    /** The blocks of a well-formed pcapng file, in order. */
    public static List<Block> parse(byte[] file) {
        List<Block> blocks = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        for (int at = 0; at < file.length; ) {
            int type = b.getInt(at);
            if (type == SHB) {
                b.order(b.getInt(at + 8) == 0x1A2B3C4D ? b.order()
                        : b.order() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            }
            int length = b.getInt(at + 4);
            blocks.add(new Block(b.getInt(at), Arrays.copyOfRange(file, at, at + length), b.order()));
            at += length;
        }
        return blocks;
    }

    public static List<Block> parse(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    private ByteBuffer body(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private int optionsLength(Option[] options) {
        int length = options.length == 0 ? 0 : 4;
        for (Option o : options) {
            length += 4 + ((o.encode(order).length + 3) & ~3);
        }
        return length;
    }

    /** The options and opt_endofopt, when there are any. */
    private void options(ByteBuffer b, Option[] options) {
        for (Option o : options) {
            byte[] value = o.encode(order);
            b.putShort((short) o.code()).putShort((short) value.length).put(value);
            pad(b);
        }
        if (options.length > 0) {
            b.putInt(0);
        }
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
