package dev.perimeter.io.live;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;

/**
 * The libc calls behind an AF_PACKET port, bound with JNA direct mapping (one JNI call each, no reflection per
 * call), and the constants of {@code <linux/if_packet.h>} they take. Set-up calls throw {@link LastErrorException}
 * with errno; the per-batch calls ({@code poll}, {@code sendmmsg}) return plain results. {@link #AVAILABLE} is
 * false where they cannot be bound (not Linux, not a 64-bit little-endian machine): the bridge then runs on
 * pcap4j alone.
 */
final class PacketSocketCalls {
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    /** {@code htons(ETH_P_ALL)} on a little-endian machine. */
    static final int ETH_P_ALL_NETWORK_ORDER = 0x0300;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int SO_RCVBUF = 8;
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_MR_PROMISC = 1;
    static final int TPACKET_V3 = 2;
    static final int PROT_READ_WRITE = 0x3;
    static final int MAP_SHARED = 0x1;
    static final int POLLIN = 0x1;
    static final int POLLERR = 0x8;
    static final int POLLHUP = 0x10;
    static final int POLLNVAL = 0x20;
    static final int ENETDOWN = 100;
    static final int ENXIO = 6;
    static final int ENODEV = 19;

    static final boolean AVAILABLE = register();

    private PacketSocketCalls() {
    }

    private static boolean register() {
        try {
            if (!Platform.isLinux() || Native.POINTER_SIZE != 8 || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                return false;
            }
            Native.register(PacketSocketCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] length) throws LastErrorException;

    static native int bind(int fd, byte[] address, int length) throws LastErrorException;

    static native long mmap(long address, long length, int protection, int flags, int fd, long offset)
            throws LastErrorException;

    static native int munmap(long address, long length);

    static native int close(int fd);

    static native int if_nametoindex(String name);

    /** {@code struct pollfd} is two ints here: the descriptor, then events (low half) and revents (high half). */
    static native int poll(int[] fds, long count, int timeoutMillis);

    static native int sendmmsg(int fd, Pointer messages, int count, int flags);

    /** A 4-byte little-endian int option value. */
    static byte[] intValue(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    /** Sets an int socket option; throws with errno. */
    static void setInt(int fd, int level, int name, int value) throws LastErrorException {
        setsockopt(fd, level, name, intValue(value), 4);
    }

    /** Reads and clears the socket's pending error ({@code SO_ERROR}); 0 when there is none. */
    static int pendingError(int fd) {
        byte[] value = new byte[4];
        try {
            getsockopt(fd, SOL_SOCKET, SO_ERROR, value, new int[] {4});
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
        return (value[0] & 0xff) | (value[1] & 0xff) << 8 | (value[2] & 0xff) << 16 | (value[3] & 0xff) << 24;
    }
}
