package dev.perimeter.io.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file seen through one memory-mapped window at a time: a window is at most {@code windowSize}
 * bytes (a mapping cannot exceed 2 GiB), and asking for a range outside it maps a new window starting there.
 * Callers check ranges against {@link #size()} first.
 */
final class MappedInput implements Closeable {
    static final long DEFAULT_WINDOW = 1L << 30;

    private final FileChannel channel;
    /** False for a sibling: the channel belongs to the mapping it was made from. */
    private final boolean ownsChannel;
    private final long size;
    private final long windowSize;
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private MappedByteBuffer window;
    private long windowStart;
    /** -1 until the first window is mapped, so that no range, not even an empty one, lies in it. */
    private long windowEnd = -1;

    MappedInput(Path path, long windowSize) throws IOException {
        this(FileChannel.open(path, StandardOpenOption.READ), true, windowSize);
    }

    private MappedInput(FileChannel channel, boolean ownsChannel, long windowSize) throws IOException {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.size = channel.size();
        this.windowSize = Math.min(windowSize, Integer.MAX_VALUE);
    }

    /**
     * Another window onto the same file, moved independently (another thread's view); shares the channel, and
     * starts on a view of this one's current mapping: the pages it touches are mapped once for both.
     */
    MappedInput sibling() throws IOException {
        MappedInput m = new MappedInput(channel, false, windowSize);
        if (window != null) {
            m.window = window.duplicate();
            m.windowStart = windowStart;
            m.windowEnd = windowEnd;
        }
        m.order(order);
        return m;
    }

    long size() {
        return size;
    }

    void order(ByteOrder order) {
        this.order = order;
        if (window != null) {
            window.order(order);
        }
    }

    ByteOrder order() {
        return order;
    }

    /** Makes {@code [position, position + length)} addressable and returns the index of {@code position}. */
    int at(long position, int length) throws IOException {
        // the common case first and small enough for C1 to inline into every per-frame caller
        if (position >= windowStart && position + length <= windowEnd) {
            return (int) (position - windowStart);
        }
        return remap(position, length);
    }

    /** Maps the window that starts at {@code position} (and holds at least {@code length} bytes). */
    private int remap(long position, int length) throws IOException {
        long mapLength = Math.min(size - position, Math.max(windowSize, length));
        window = channel.map(FileChannel.MapMode.READ_ONLY, position, mapLength);
        window.order(order);
        windowStart = position;
        windowEnd = position + mapLength;
        return 0;
    }

    MappedByteBuffer buffer() {
        return window;
    }

    int u16(long position) throws IOException {
        int i = at(position, 2);
        return window.getShort(i) & 0xffff;
    }

    int i32(long position) throws IOException {
        int i = at(position, 4);
        return window.getInt(i);
    }

    void copy(long position, byte[] target, int length) throws IOException {
        int i = at(position, length);
        window.get(i, target, 0, length);
    }

    @Override
    public void close() throws IOException {
        window = null;
        if (ownsChannel) {
            channel.close();
        }
    }
}
