package dev.perimeter.packet;

/**
 * What the kernel knows of a frame beyond its bytes, as the virtio-net header ({@code struct virtio_net_hdr},
 * 10 bytes, little-endian on x86 and arm64) carries it on an AF_PACKET socket with {@code PACKET_VNET_HDR}: a
 * checksum a local sender left to be completed ({@code csum_start}/{@code csum_offset}, flag
 * {@link #NEEDS_CSUM}) and, for a coalesced frame (TSO/GSO from a local stack, GRO/LRO on a receiving NIC), the
 * segment size and type the frame stands for. The bridge carries the header through unchanged, so that the kernel
 * (or the NIC) of the egress port finishes the checksum and segments the frame as it would have for the sender.
 * Mutable and reused per slot: no allocation per frame. A frame read from a file has none ({@link #clear}).
 */
public final class Offload {
    /** Bytes of {@code struct virtio_net_hdr}. */
    public static final int HEADER_LENGTH = 10;
    /** {@code VIRTIO_NET_HDR_F_NEEDS_CSUM}: the checksum at csum_start + csum_offset is still to be completed. */
    public static final int NEEDS_CSUM = 1;
    /** {@code VIRTIO_NET_HDR_F_DATA_VALID}: the receiving NIC checked the checksum. */
    public static final int DATA_VALID = 2;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_UDP_L4 = 5;
    /** {@code VIRTIO_NET_HDR_GSO_ECN}: the segments carry CWR as the TCP stack set it (ORed into the type). */
    public static final int GSO_ECN = 0x80;

    public int flags;
    public int gsoType;
    public int headerLength;
    public int gsoSize;
    public int csumStart;
    public int csumOffset;

    /** A frame with nothing pending: complete checksums, one packet. */
    public void clear() {
        flags = 0;
        gsoType = GSO_NONE;
        headerLength = 0;
        gsoSize = 0;
        csumStart = 0;
        csumOffset = 0;
    }

    /** True when the frame stands for several segments the egress port is to cut it into. */
    public boolean isCoalesced() {
        return (gsoType & ~GSO_ECN) != GSO_NONE && gsoSize > 0;
    }

    /** Reads the header from {@code buf} at {@code at} (little-endian, as the kernel writes it on these hosts). */
    public void read(java.nio.ByteBuffer buf, int at) {
        flags = buf.get(at) & 0xff;
        gsoType = buf.get(at + 1) & 0xff;
        headerLength = buf.getShort(at + 2) & 0xffff;
        gsoSize = buf.getShort(at + 4) & 0xffff;
        csumStart = buf.getShort(at + 6) & 0xffff;
        csumOffset = buf.getShort(at + 8) & 0xffff;
    }

    /**
     * Writes the header to {@code buf} at {@code at} in the same layout, as a transmitting socket takes it: the
     * pending checksum and the segmentation, not the receiving NIC's "data valid", which the next receiver checks
     * for itself.
     */
    public void writeForTransmit(java.nio.ByteBuffer buf, int at) {
        buf.put(at, (byte) (flags & NEEDS_CSUM));
        buf.put(at + 1, (byte) gsoType);
        buf.putShort(at + 2, (short) headerLength);
        buf.putShort(at + 4, (short) gsoSize);
        buf.putShort(at + 6, (short) csumStart);
        buf.putShort(at + 8, (short) csumOffset);
    }

    /** The frame grew by {@code bytes} in front of its network header (a VLAN tag put back): move the offsets. */
    public void shiftNetworkHeader(int bytes) {
        if ((flags & NEEDS_CSUM) != 0) {
            csumStart += bytes;
        }
        if (headerLength != 0) {
            headerLength += bytes;
        }
    }

    /**
     * How many packets on the wire a frame of {@code frameLength} bytes stands for, of which {@code available}
     * are in {@code data} from {@code offset} (all of them, or the headers of a frame left where it was received):
     * 1 unless it is coalesced, else its payload (what follows the TCP or UDP header) divided into {@code gsoSize}
     * pieces, rounded up. {@code l4Index} is the transport header's index in {@code data} as the decoder found it,
     * or -1 (not IPv4): then the pending checksum's start says where it is. A frame whose transport header cannot
     * be found or read counts as one.
     */
    public int segments(byte[] data, int offset, int available, int frameLength, int l4Index) {
        if (!isCoalesced()) {
            return 1;
        }
        int l4 = l4Index >= 0 ? l4Index : (flags & NEEDS_CSUM) != 0 ? offset + csumStart : -1;
        if (l4 < offset) {
            return 1;
        }
        int type = gsoType & ~GSO_ECN;
        int l4Header;
        if (type == GSO_TCPV4 || type == GSO_TCPV6) {
            if (l4 + 13 > offset + available) {
                return 1;
            }
            l4Header = ((data[l4 + 12] & 0xff) >>> 4) * 4;
        } else {
            l4Header = 8;
        }
        int payload = offset + frameLength - l4 - l4Header;
        if (payload <= gsoSize) {
            return 1;
        }
        return (payload + gsoSize - 1) / gsoSize;
    }
}
