package dev.perimeter.io.live;

/**
 * Buffers for the frames too long for a ring slot's own buffer (coalesced frames up to 64 KB, jumbo frames), lent
 * to slots in turn, so that the ring's slots stay small: a slot that grew to 64 KB for every frame that ever passed
 * through it would make a ring of 65,536 slots hold gigabytes. One arena per capture thread; a buffer is lent
 * again only once the handler has passed the ring sequence it was last lent to.
 */
final class LargeFrameArena {
    static final long MAX_WAIT_NANOS = 50_000_000;
    private final byte[][] buffers;
    private final long[] lentAt;
    private final int bufferLength;
    private int next;

    LargeFrameArena(int count, int bufferLength) {
        buffers = new byte[count][];
        lentAt = new long[count];
        java.util.Arrays.fill(lentAt, Long.MIN_VALUE);
        this.bufferLength = bufferLength;
    }

    /**
     * A buffer for the frame going into ring slot {@code sequence}. When the next one in turn is still in a slot
     * the handler has not passed ({@code consumed} gives the handler's sequence), waits for it up to
     * {@link #MAX_WAIT_NANOS} (the kernel's ring holds the frames meanwhile), then gives up with null: the frame is
     * then lost as if the ring were full. Waiting cannot deadlock: the slot waited for lies before every slot this
     * producer holds unpublished.
     */
    byte[] lend(long sequence, java.util.function.LongSupplier consumed) {
        int i = next;
        if (!CaptureLoop.awaitConsumed(consumed, lentAt[i], MAX_WAIT_NANOS)) {
            return null;
        }
        if (buffers[i] == null) {
            buffers[i] = new byte[bufferLength]; // allocated on first use only: most links never need them all
        }
        lentAt[i] = sequence;
        next = (i + 1) % buffers.length;
        return buffers[i];
    }
}
