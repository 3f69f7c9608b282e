package dev.perimeter.io.live;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import org.pcap4j.core.PcapHandle;

/**
 * Reads frames from an open pcap4j handle with {@code pcap_next_ex} through JNA direct mapping, straight into
 * preallocated arrays: no callback object per call, no array per frame. pcap4j's own {@code dispatch} registers a
 * fresh native callback on every call and hands each frame over in a new array, which at a few frames per call
 * (immediate mode) costs more than the frames themselves. The handle is put in non-blocking mode; an empty
 * buffer is waited on with {@code poll} on its selectable descriptor, with a timeout so that a stop is seen.
 *
 * <p>Only the receive path goes around pcap4j; opening, statistics and sending stay with it. When the native
 * binding cannot be set up (another libpcap layout, a pcap4j without the field), {@link #open} returns null and
 * the port falls back to pcap4j's dispatch.
 */
final class DirectPcapReader {
    private static final boolean AVAILABLE = register();
    /** {@code struct pcap_pkthdr}: a {@code struct timeval} (two longs), then caplen and len. */
    private static final int CAPLEN_OFFSET = Native.LONG_SIZE * 2;

    private final Pointer handle;
    private final int fd;
    private final long[] headerOut = new long[1];
    private final long[] dataOut = new long[1];
    /** Reused views of native memory, moved to each frame's header and data: no object per frame. */
    private final Pointer header = new Pointer(0);
    private final Pointer data = new Pointer(0);
    private final int[] pollFd = new int[2];

    private DirectPcapReader(Pointer handle, int fd) {
        this.handle = handle;
        this.fd = fd;
    }

    private static boolean register() {
        try {
            if (!Platform.isLinux() || java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN
                    || Native.POINTER_SIZE != 8) {
                return false;
            }
            String name = System.getProperty("org.pcap4j.core.pcapLibName", "pcap");
            Native.register(Libpcap.class, NativeLibrary.getInstance(name));
            return PacketSocketCalls.AVAILABLE;
        } catch (Throwable e) {
            return false;
        }
    }

    /** A reader over the handle's native pointer, or null when the direct path is not available here. */
    static DirectPcapReader open(PcapHandle pcap4jHandle) {
        if (!AVAILABLE || Boolean.getBoolean("perimeter.pcap4jDispatch")) {
            return null;
        }
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            Pointer p = (Pointer) f.get(pcap4jHandle);
            byte[] err = new byte[256];
            if (p == null || Libpcap.pcap_setnonblock(p, 1, err) != 0) {
                return null;
            }
            int fd = Libpcap.pcap_get_selectable_fd(p);
            return fd < 0 ? null : new DirectPcapReader(p, fd);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Reads up to {@code max} frames waiting in the capture buffer into {@code frames[i]} (each as long as the
     * snap length), their captured and wire lengths into {@code captured[i]} and {@code original[i]}. Returns how
     * many, 0 when none is waiting; throws when the handle failed (interface gone).
     */
    int read(byte[][] frames, int[] captured, int[] original, int max) throws LivePortException {
        int n = 0;
        while (n < max) {
            int rc = Libpcap.pcap_next_ex(handle, headerOut, dataOut);
            if (rc == 1) {
                Pointer.nativeValue(header, headerOut[0]);
                Pointer.nativeValue(data, dataOut[0]);
                int caplen = Math.min(header.getInt(CAPLEN_OFFSET), frames[n].length);
                original[n] = header.getInt(CAPLEN_OFFSET + 4);
                captured[n] = caplen;
                data.read(0, frames[n], 0, caplen);
                n++;
            } else if (rc == 0) {
                break;
            } else {
                throw new LivePortException("capture failed: " + Libpcap.pcap_geterr(handle));
            }
        }
        return n;
    }

    /** The handle's packet socket. */
    int fd() {
        return fd;
    }

    /** Waits up to {@code timeoutMillis} for frames to arrive; true when some may be waiting. */
    boolean await(int timeoutMillis) {
        pollFd[0] = fd;
        pollFd[1] = PacketSocketCalls.POLLIN; // events in the low half (little-endian), revents cleared
        return PacketSocketCalls.poll(pollFd, 1, timeoutMillis) != 0;
    }

    /** libpcap, direct-mapped. */
    static final class Libpcap {
        static native int pcap_next_ex(Pointer p, long[] header, long[] data);

        static native int pcap_setnonblock(Pointer p, int nonblock, byte[] errbuf);

        static native int pcap_get_selectable_fd(Pointer p);

        static native String pcap_geterr(Pointer p);
    }
}
