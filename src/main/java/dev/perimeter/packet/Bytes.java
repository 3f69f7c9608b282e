package dev.perimeter.packet;

/**
 * Big-endian (network order) reads and writes on byte arrays, the primitives of every flyweight view. The 32-bit
 * reads are two 16-bit ones: each method stays under 35 bytes of bytecode, the most that C1 (which compiles
 * short-lived commands) inlines, so no read on the per-frame path is a call.
 */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] d, int i) {
        return d[i] & 0xff;
    }

    public static int u16(byte[] d, int i) {
        return (d[i] & 0xff) << 8 | (d[i + 1] & 0xff);
    }

    public static int i32(byte[] d, int i) {
        return u16(d, i) << 16 | u16(d, i + 2);
    }

    /** A little-endian 16-bit value. */
    public static int u16le(byte[] d, int i) {
        return (d[i + 1] & 0xff) << 8 | (d[i] & 0xff);
    }

    /** A little-endian 32-bit value (headers of capture files written on little-endian hosts). */
    public static int i32le(byte[] d, int i) {
        return u16le(d, i + 2) << 16 | u16le(d, i);
    }

    public static void put16(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 8);
        d[i + 1] = (byte) v;
    }

    public static void put32(byte[] d, int i, int v) {
        d[i] = (byte) (v >>> 24);
        d[i + 1] = (byte) (v >>> 16);
        d[i + 2] = (byte) (v >>> 8);
        d[i + 3] = (byte) v;
    }
}
