package dev.perimeter.pipeline;

import dev.perimeter.io.CapturedFrame;
import dev.perimeter.match.PacketKey;
import dev.perimeter.packet.DecodeStatus;
import dev.perimeter.packet.FrameDecoder;
import dev.perimeter.packet.Offload;

/**
 * One slot of the ring, allocated once when the ring is built and reused for every frame that passes through
 * it: a copy of the frame bytes (grown only when a larger frame arrives) or a view lent by a file reader, their
 * lengths, the capture time, the ingress port and the decoded headers. A producer claims slots, fills and decodes
 * them and publishes; the handler reads them in order.
 */
public final class FrameEvent {
    /** Room for a full Ethernet frame with two VLAN tags; larger frames grow the buffer once. */
    public static final int INITIAL_CAPACITY = 2048;

    /** The frame: bytes, captured and original length, time, link type, capture interface. */
    public final CapturedFrame frame;
    /** Index of the {@link Port} the frame entered on. */
    public int ingressPort;
    /**
     * False for a slot that was claimed but carries no frame (a batch cut short by the end of the input): the
     * handler skips it. A producer must set this on every slot it publishes.
     */
    public boolean present;
    /**
     * The frame's headers as {@link #decode} found them, or null when the producer left the decoding to the
     * handler. Decoding where a frame enters spreads that work over the producers' threads (the file reader, each
     * capture port), so that the one judging thread only matches, counts and hands on. {@link #set} clears it; a
     * producer that fills {@link #frame} itself must decode it or clear this, or the slot keeps an older frame's.
     */
    public DecodeStatus status;
    public final PacketKey key = new PacketKey();
    /** What the decoder said of the link header: see {@link FrameDecoder#etherType()}, {@code sourceMacOffset()}. */
    public int etherType;
    public int sourceMacOffset;
    /**
     * What the kernel said of a live frame beyond its bytes (a checksum to complete, coalescing), carried to the
     * egress port unchanged; cleared for frames from files. {@link #decode} counts the segments from it.
     */
    public final Offload offload = new Offload();
    /** The packets on the wire this frame stands for: more than 1 for a coalesced frame (see {@link Offload}). */
    public int segments = 1;
    /**
     * For a frame left where the live port received it (a large frame, not copied): its native address, valid
     * until the handler passes this slot; {@link #frame} then holds a copy of its first bytes only, enough for
     * decoding, its original length is the whole frame's, and a sender sends that many bytes from the address.
     * 0 when the frame is in {@link #frame} whole.
     */
    public long inPlaceAddress;

    public FrameEvent() {
        this(INITIAL_CAPACITY);
    }

    /** A slot whose own buffer starts with {@code capacity} bytes. */
    public FrameEvent(int capacity) {
        frame = new CapturedFrame(capacity);
    }

    /** Copies a frame into this slot: what a live source does with the buffer its capture library hands it. */
    public void set(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
                    int linkType, int ingressPort) {
        frame.ensureCapacity(capturedLength);
        System.arraycopy(data, offset, frame.data, 0, capturedLength);
        filled(capturedLength, originalLength, timestampNanos, linkType, ingressPort);
        offload.clear();
    }

    /**
     * Marks the slot as holding a frame its producer wrote into {@link #frame}'s buffer (or lent) itself: the
     * lengths, time, link type and port; the decoded headers are cleared.
     */
    public void filled(int capturedLength, int originalLength, long timestampNanos, int linkType, int ingressPort) {
        frame.capturedLength = capturedLength;
        frame.originalLength = originalLength;
        frame.timestampNanos = timestampNanos;
        frame.linkType = linkType;
        frame.interfaceIndex = ingressPort;
        frame.sourceOffset = -1;
        this.ingressPort = ingressPort;
        this.present = true;
        this.status = null;
        this.inPlaceAddress = 0;
    }

    /** Marks the frame as left at {@code address} in native memory (see {@link #inPlaceAddress}). */
    public void inPlace(long address) {
        inPlaceAddress = address;
    }

    /** Decodes the frame in this slot with the calling thread's decoder. */
    public void decode(FrameDecoder decoder) {
        status = decoder.decode(frame.data, frame.offset, frame.capturedLength, frame.linkType, key);
        etherType = decoder.etherType();
        sourceMacOffset = decoder.sourceMacOffset();
        segments = offload.segments(frame.data, frame.offset, frame.capturedLength,
                inPlaceAddress != 0 ? frame.originalLength : frame.capturedLength,
                status == DecodeStatus.IPV4 ? decoder.l4Offset() : -1);
    }
}
