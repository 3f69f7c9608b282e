package dev.perimeter.io.live;

import com.sun.jna.Memory;
import dev.perimeter.packet.Offload;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sends the frames forwarded out of one port in batches with one {@code sendmmsg} on the port's packet socket
 * (the AF_PACKET port's own, or the pcap handle's descriptor), instead of one send call per frame. On a socket with
 * {@code PACKET_VNET_HDR} each frame goes out behind its virtio-net header (a second iovec), so that the kernel
 * completes its checksum and cuts a coalesced frame into segments as the sender's stack meant. Frames are copied
 * into a preallocated native buffer as they come; the batch goes out when it is full or when the filter thread
 * reaches the end of its batch, so a lone frame waits for nothing. Used by the filter thread only. When
 * {@code sendmmsg} cannot be bound, {@link #available()} is false and frames go out through pcap4j one by one.
 */
final class BatchSender {
    /** {@code struct iovec}: base, length. */
    private static final int IOVEC = 16;
    /** {@code struct mmsghdr}: a 56-byte {@code struct msghdr}, the {@code msg_len} result, padding. */
    private static final int MMSGHDR = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int HEADER_SLOT = 16;

    private final int capacity;
    private final int slot;
    private final Memory frames;
    private final Memory iovecs;
    private final Memory messages;
    /** The virtio-net headers, one 16-byte slot per frame, or null on a socket without them. */
    private final Memory headers;
    private final ByteBuffer headerView;
    /** Views of the native buffers: plain memory writes per frame, no JNI call. */
    private final ByteBuffer frameView;
    private final ByteBuffer iovecView;
    private final long framesAddress;
    private final int iovsPerFrame;
    private int count;

    /** True when batches can be sent here and pcap4j's one-by-one sending is not asked for. */
    static boolean available() {
        return PacketSocketCalls.AVAILABLE && !Boolean.getBoolean("perimeter.pcap4jSend");
    }

    /** A sender of {@code capacity} frames of up to {@code slot} bytes, each behind a virtio-net header or not. */
    BatchSender(int capacity, int slot, boolean virtioNetHeaders) {
        this.capacity = capacity;
        this.slot = slot;
        int iovs = virtioNetHeaders ? 2 : 1;
        frames = new Memory((long) capacity * slot);
        iovecs = new Memory((long) capacity * IOVEC * iovs);
        messages = new Memory((long) capacity * MMSGHDR);
        messages.clear();
        headers = virtioNetHeaders ? new Memory((long) capacity * HEADER_SLOT) : null;
        headerView = headers == null ? null : headers.getByteBuffer(0, headers.size()).order(ByteOrder.LITTLE_ENDIAN);
        frameView = frames.getByteBuffer(0, frames.size());
        iovecView = iovecs.getByteBuffer(0, iovecs.size()).order(ByteOrder.nativeOrder());
        framesAddress = com.sun.jna.Pointer.nativeValue(frames);
        iovsPerFrame = iovs;
        for (int i = 0; i < capacity; i++) {
            long iov = (long) i * IOVEC * iovs;
            if (headers != null) {
                iovecs.setPointer(iov, headers.share((long) i * HEADER_SLOT));
                iovecs.setLong(iov + 8, Offload.HEADER_LENGTH);
                iov += IOVEC;
            }
            iovecs.setPointer(iov, frames.share((long) i * slot));
            iovecs.setLong(iov + 8, 0);
            messages.setPointer((long) i * MMSGHDR + MSG_IOV, iovecs.share((long) i * IOVEC * iovs));
            messages.setLong((long) i * MMSGHDR + MSG_IOVLEN, iovs);
        }
    }

    /** The largest frame a slot holds. */
    int slotSize() {
        return slot;
    }

    /**
     * Queues a frame (copied into the native buffer) behind its virtio-net header ({@code offload}, or a header
     * saying nothing is pending when null; ignored on a socket without headers); true when the batch is now full
     * and must be flushed before the next one.
     */
    boolean add(byte[] data, int offset, int length, Offload offload) {
        frameView.put(count * slot, data, offset, length);
        return queue(framesAddress + (long) count * slot, length, offload);
    }

    /**
     * Queues a frame that stays where it is in native memory (a capture ring's block, held until the batch is
     * sent): no copy. True when the batch is now full.
     */
    boolean addInPlace(long address, int length, Offload offload) {
        return queue(address, length, offload);
    }

    private boolean queue(long address, int length, Offload offload) {
        int frameIov = (count * iovsPerFrame + iovsPerFrame - 1) * IOVEC;
        iovecView.putLong(frameIov, address);
        iovecView.putLong(frameIov + 8, length);
        if (headers != null) {
            writeHeader(count * HEADER_SLOT, offload);
        }
        count++;
        return count == capacity;
    }

    /**
     * The header as the egress socket takes it: a checksum still to be completed and the segmentation asked for;
     * "data valid" is the receiving NIC's word and is not passed on (the next receiver checks for itself).
     */
    private void writeHeader(int at, Offload offload) {
        if (offload == null) {
            for (int i = 0; i < Offload.HEADER_LENGTH; i++) {
                headerView.put(at + i, (byte) 0);
            }
            return;
        }
        offload.writeForTransmit(headerView, at);
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
            int n = PacketSocketCalls.sendmmsg(fd, messages.share((long) done * MMSGHDR), count - done, 0);
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
}
