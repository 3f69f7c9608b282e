package dev.perimeter.packet;

/** The Internet checksum (RFC 1071) over byte ranges, with the pseudo headers TCP and UDP need. */
public final class Checksums {
    private Checksums() {
    }

    /** Folded ones'-complement sum of {@code d[off, off+len)} added to {@code initial}; 0xffff over a valid range. */
    public static int ones(byte[] d, int off, int len, int initial) {
        long sum = initial;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += (d[i] & 0xff) << 8 | (d[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (d[i] & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for {@code d[off, off+len)} with the field itself zeroed. */
    public static int checksum(byte[] d, int off, int len, int initial) {
        return ~ones(d, off, len, initial) & 0xffff;
    }

    /** Sum of the IPv4 pseudo header for TCP/UDP. */
    public static int ipv4Pseudo(int source, int destination, int protocol, int l4Length) {
        long sum = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff)
                + protocol + l4Length;
        return fold(sum);
    }

    /** Sum of the IPv6 pseudo header: addresses as 16-byte arrays. */
    public static int ipv6Pseudo(byte[] source, byte[] destination, int nextHeader, int l4Length) {
        int sum = ones(source, 0, 16, 0);
        sum = ones(destination, 0, 16, sum);
        return fold((long) sum + (l4Length >>> 16) + (l4Length & 0xffff) + nextHeader);
    }

    private static int fold(long sum) {
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
