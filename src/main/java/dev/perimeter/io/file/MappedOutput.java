package dev.perimeter.io.file;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file written through a shared read-write mapping, one window at a time. Mapping a window past the end of
 * the file grows the file to the window's end; {@link #close} cuts it back to the bytes written. Records of a
 * mapped input are copied straight from one mapping to the other, and a record that follows the previous one in
 * the input extends a single pending copy, so a run of forwarded frames costs one copy.
 *
 * <p>If the process dies before {@code close}, the file keeps zeros after the last record up to the window's
 * end; a shutdown hook cuts it back on an orderly exit (Ctrl-C, SIGTERM).
 */
final class MappedOutput implements CaptureOutput {
    /** Large windows: each one costs a map, a grow and an unmap, and large ones let the kernel use large pages. */
    static final int DEFAULT_WINDOW = 256 << 20;

    private final FileChannel channel;
    private final ByteOrder order;
    private final int windowSize;
    private final Thread cutBackOnExit;
    private MappedByteBuffer window;
    /** File offset of the window's first byte. */
    private long windowStart;
    /** The pending copy: a range of {@code pendingInput}'s current mapping not yet copied into the window. */
    private ByteBuffer pendingInput;
    private int pendingStart;
    private int pendingLength;
    private volatile boolean closed;

    MappedOutput(Path path, ByteOrder order, int windowSize) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.order = order;
        this.windowSize = windowSize;
        this.cutBackOnExit = new Thread(this::cutBackOnExit, "perimeter-output-cut-back");
        Runtime.getRuntime().addShutdownHook(cutBackOnExit);
        mapFrom(0, windowSize);
    }

    @Override
    public ByteBuffer room(int bytes) throws IOException {
        checkOpen();
        copyPending();
        if (window.remaining() < bytes) {
            mapFrom(windowStart + window.position(), bytes);
        }
        return window;
    }

    @Override
    public void copy(MappedInput input, long position, int length) throws IOException {
        checkOpen();
        int start = input.at(position, length);
        ByteBuffer mapping = input.buffer();
        if (mapping == pendingInput && start == pendingStart + pendingLength
                && window.remaining() - pendingLength >= length) {
            pendingLength += length;
            return;
        }
        copyPending();
        if (window.remaining() < length) {
            mapFrom(windowStart + window.position(), length);
        }
        pendingInput = mapping;
        pendingStart = start;
        pendingLength = length;
    }

    private void copyPending() {
        if (pendingLength > 0) {
            int at = window.position();
            window.put(at, pendingInput, pendingStart, pendingLength);
            window.position(at + pendingLength);
            pendingLength = 0;
        }
        pendingInput = null;
    }

    /** Maps a new window starting at file offset {@code start}, large enough for {@code bytes}. */
    private void mapFrom(long start, int bytes) throws IOException {
        MappedByteBuffer old = window;
        window = channel.map(FileChannel.MapMode.READ_WRITE, start, Math.max(windowSize, bytes));
        window.order(order);
        windowStart = start;
        Unmapper.unmap(old);
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("capture file already closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            copyPending();
            long end = windowStart + window.position();
            Unmapper.unmap(window);
            window = null;
            channel.truncate(end);
        } finally {
            channel.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cutBackOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down and the hook has run: it found the file closed
            }
        }
    }

    /**
     * On an exit before {@link #close} (Ctrl-C), cuts the file back to where the writer stands, so that no window
     * of zeros is left behind; the last record may be cut short, as with any interrupted writer. The mapping is
     * left alone: the writing thread may still be using it.
     */
    private void cutBackOnExit() {
        MappedByteBuffer w = window;
        if (!closed && w != null) {
            try {
                channel.truncate(windowStart + w.position());
            } catch (IOException | RuntimeException e) {
                // nothing more can be done while the JVM exits
            }
        }
    }

    /**
     * Releases a mapping now rather than when the collector finds it: a replay maps a window per 256 MiB of
     * output. Uses the JDK's supported-but-internal {@code sun.misc.Unsafe.invokeCleaner}; without it the
     * mapping stays until collected.
     */
    private static final class Unmapper {
        private static final sun.misc.Unsafe UNSAFE = unsafe();

        static void unmap(MappedByteBuffer buffer) {
            if (buffer != null && UNSAFE != null) {
                UNSAFE.invokeCleaner(buffer);
            }
        }

        private static sun.misc.Unsafe unsafe() {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                return (sun.misc.Unsafe) f.get(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
