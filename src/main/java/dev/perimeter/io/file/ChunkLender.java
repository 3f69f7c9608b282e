package dev.perimeter.io.file;

import dev.perimeter.io.CapturedFrame;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Lends a mapped capture's frames without a copy per frame. The file is copied a large chunk at a time into a
 * ring of heap arrays, and a frame becomes a view into one of them: one bulk copy per chunk costs far less than
 * one small copy out of the mapping per frame, where the calls and their bounds checks outweigh the bytes. A
 * chunk is refilled only once every frame lent from it is released; when the next chunk is still held, or a
 * frame is too large to lend, {@link #fill} copies that frame into the holder's own buffer as before.
 */
final class ChunkLender {
    static final int CHUNK = 256 << 10;
    static final int CHUNKS = 16;
    /** Largest range lent: a jumbo frame with room to spare; larger frames are copied. */
    static final int MAX_LENT = 16 << 10;

    private final MappedInput in;
    private final LongSupplier released;
    private final byte[][] chunks = new byte[CHUNKS][];
    /** Number of the last frame lent from each chunk, -1 for none. */
    private final long[] lastLent = new long[CHUNKS];
    private int current = -1;
    /** File position of the current chunk's first byte, and how many of its bytes are valid (-1: no chunk yet). */
    private long start;
    private int filled = -1;
    /** Frames read so far, lent or copied: the next frame's number. */
    private long frames;

    /** A lender whose consumer never releases anything: it lends nothing and allocates no chunk. */
    static ChunkLender none(MappedInput in) {
        return new ChunkLender(in, () -> -1);
    }

    ChunkLender(MappedInput in, LongSupplier released) {
        this.in = in;
        this.released = released;
        Arrays.fill(lastLent, -1);
    }

    /**
     * Index in {@link #array()} of the file's bytes {@code [position, position + length)}, which the caller has
     * checked lie within the file; moves on to the next chunk, filled from {@code position}, when the current one
     * does not hold them all. -1 when the range is larger than {@link #MAX_LENT} or the next chunk is still held.
     */
    int at(long position, int length) throws IOException {
        // the common case first and small enough for C1 to inline into the readers
        long relative = position - start;
        if (relative >= 0 && relative + length <= filled) {
            return (int) relative;
        }
        return moveOn(position, length);
    }

    private int moveOn(long position, int length) throws IOException {
        if (length > MAX_LENT) {
            return -1;
        }
        int next = current + 1 == CHUNKS ? 0 : current + 1;
        if (lastLent[next] >= released.getAsLong()) {
            return -1;
        }
        if (chunks[next] == null) {
            chunks[next] = new byte[CHUNK];
        }
        int n = (int) Math.min(CHUNK, in.size() - position);
        in.copy(position, chunks[next], n);
        current = next;
        start = position;
        filled = n;
        return 0;
    }

    /** The chunk that the last successful {@link #at} refers to. */
    byte[] array() {
        return chunks[current];
    }

    /**
     * Makes {@code frame} the file's bytes {@code [position, position + length)} (checked by the caller to lie
     * within the file): a view into a chunk when one can be lent, else a copy in the frame's own buffer.
     */
    void fill(CapturedFrame frame, long position, int length) throws IOException {
        int i = at(position, length);
        if (i >= 0) {
            frame.lend(chunks[current], i);
            lastLent[current] = frames;
        } else {
            frame.ensureCapacity(length);
            in.copy(position, frame.data, length);
        }
        frames++;
    }
}
