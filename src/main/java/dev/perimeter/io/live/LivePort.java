package dev.perimeter.io.live;

import dev.perimeter.packet.Offload;

/**
 * One bridged Linux interface as the capture loop and the transmit sink see it: frames are taken in batches
 * ({@link #pending}, then {@link #takeNext} or {@link #skipNext} once per frame, in order) and sent in batches.
 * Two kinds: {@link PacketRingPort} (AF_PACKET, a memory-mapped TPACKET_V3 ring and virtio-net headers, so that
 * unfinished checksums and coalesced frames cross as the kernel handed them over) and {@link PcapPort} (libpcap
 * through pcap4j, the portable path). Receiving runs on one thread, sending on another.
 */
public interface LivePort extends AutoCloseable {

    String interfaceName();

    /** Opens (or reopens) the port. */
    void open() throws LivePortException;

    boolean isOpen();

    /** The longest frame {@link #takeNext} can hand over. */
    int maxFrameLength();

    /** True when frames carry the kernel's {@link Offload} header both ways (pending checksums, coalescing). */
    boolean carriesOffloads();

    /**
     * How many frames can be taken now, at most {@code max}, waiting up to the port's poll interval when none is
     * there (0 then). Throws when the port failed (interface gone): the caller reopens it.
     */
    int pending(int max) throws LivePortException;

    /** The length the next pending frame will have when taken (a VLAN tag the kernel lifted put back). */
    int nextLength();

    /**
     * Copies the next pending frame to {@code destination} from index 0 (room for {@link #nextLength()} bytes),
     * fills {@code offload} with what the kernel says of it, and returns its length on the wire: larger than
     * {@link #nextLength()} when the frame was cut short and cannot be forwarded whole.
     */
    int takeNext(byte[] destination, Offload offload);

    /** Passes over the next pending frame (no room for it). */
    void skipNext();

    /** True when frames can stay where the port received them until they are sent ({@link #lendNext}). */
    default boolean lendsFrames() {
        return false;
    }

    /**
     * Lends the next pending frame in place: copies its first {@code destination.length} bytes (or all of it, if
     * shorter) to {@code destination} for decoding, fills {@code offload}, and returns the address of the whole
     * frame in the port's memory, which stays valid until {@link #releaseConsumed} is called with a sequence at or
     * past {@code sequence}. Returns 0, taking nothing, when the frame cannot be lent (a VLAN tag to put back, cut
     * short): the caller then takes it with {@link #takeNext}.
     */
    default long lendNext(byte[] destination, Offload offload, long sequence) {
        return 0;
    }

    /** The frames lent for ring sequences up to {@code consumedSequence} are done with (sent or dropped). */
    default void releaseConsumed(long consumedSequence) {
    }

    /**
     * Closes the port without giving back the memory frames were lent from (they may still be read): for a reopen
     * while the filter thread has not caught up.
     */
    default void abandon() {
        close();
    }

    /** Wakes a blocked {@link #pending} so that the receive loop can see a stop. */
    void wakeUp();

    /** Sends one frame; false when it could not be sent. */
    boolean transmit(byte[] frame, int offset, int length, Offload offload);

    /** True when frames can go out in batches ({@link #sendBatch}). */
    boolean sendsBatches();

    /** Sends the frames queued in {@code sender}; returns how many could not be sent. */
    int sendBatch(BatchSender sender);

    /** Frames the kernel dropped because the receive buffer was full, over every socket this port has had. */
    long droppedByKernel();

    /** Frames the interface itself dropped, where the port can tell. */
    long droppedByInterface();

    /** Closes the port; a closed port may be opened again. */
    @Override
    void close();
}
