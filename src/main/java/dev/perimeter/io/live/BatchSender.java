package dev.perimeter.io.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Sends the frames forwarded out of one port in batches with one {@code sendmmsg} on the port's packet socket
 * (the pcap handle's own descriptor), instead of one {@code pcap_sendpacket} call per frame. Frames are copied
 * into a preallocated native buffer as they come; the batch goes out when it is full or when the filter thread
 * reaches the end of its batch, so a lone frame waits for nothing. Used by the filter thread only. When
 * {@code sendmmsg} cannot be bound, {@link #available()} is false and frames go out through pcap4j one by one.
 */
final class BatchSender {
    private static final boolean AVAILABLE = register();
    /** {@code struct iovec}: base, length. */
    private static final int IOVEC = 16;
    /** {@code struct mmsghdr}: a 56-byte {@code struct msghdr}, the {@code msg_len} result, padding. */
    private static final int MMSGHDR = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;

    private final int capacity;
    private final int slot;
    private final Memory frames;
    private final Memory iovecs;
    private final Memory messages;
    private int count;

    private static boolean register() {
        try {
            if (!Platform.isLinux() || Native.POINTER_SIZE != 8 || Boolean.getBoolean("perimeter.pcap4jSend")) {
                return false;
            }
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    static boolean available() {
        return AVAILABLE;
    }

    BatchSender(int capacity, int slot) {
        this.capacity = capacity;
        this.slot = slot;
        frames = new Memory((long) capacity * slot);
        iovecs = new Memory((long) capacity * IOVEC);
        messages = new Memory((long) capacity * MMSGHDR);
        messages.clear();
        for (int i = 0; i < capacity; i++) {
            iovecs.setPointer((long) i * IOVEC, frames.share((long) i * slot));
            iovecs.setLong((long) i * IOVEC + 8, 0);
            messages.setPointer((long) i * MMSGHDR + MSG_IOV, iovecs.share((long) i * IOVEC));
            messages.setLong((long) i * MMSGHDR + MSG_IOVLEN, 1);
        }
    }

    /** The largest frame a slot holds. */
    int slotSize() {
        return slot;
    }

    /** Queues a frame; true when the batch is now full and must be flushed before the next one. */
    boolean add(byte[] data, int offset, int length) {
        frames.write((long) count * slot, data, offset, length);
        iovecs.setLong((long) count * IOVEC + 8, length);
        count++;
        return count == capacity;
    }

    int pending() {
        return count;
    }

    /**
     * Sends every queued frame on {@code fd}; returns how many could not be sent (interface down, socket gone).
     * The caller holds whatever keeps {@code fd} open during the call.
     */
    int flush(int fd) {
        int done = 0;
        int failed = 0;
        while (done < count) {
            int n = Libc.sendmmsg(fd, messages.share((long) done * MMSGHDR), count - done, 0);
            if (n <= 0) {
                failed++; // this frame cannot go (too big, interface down): skip it, try the rest
                done++;
            } else {
                done += n;
            }
        }
        count = 0;
        return failed;
    }

    /** Forgets the queued frames (they could not be sent); returns how many. */
    int discard() {
        int n = count;
        count = 0;
        return n;
    }

    /** libc, direct-mapped. */
    static final class Libc {
        static native int sendmmsg(int fd, Pointer messages, int count, int flags);
    }
}
