package dev.perimeter.io.file;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file written through one large direct buffer: frames are copied in and the buffer goes out in big writes.
 * Ranges of a mapped input file can be interleaved with the buffered bytes ({@link #copy}): they are queued in
 * order as views of the mapping and go out with the buffer in one gathering write, never copied in user space.
 */
final class BufferedOutput implements Closeable {
    static final int DEFAULT_BUFFER = 4 << 20;
    /** The most buffers one gathering write takes (Linux IOV_MAX). */
    private static final int MAX_PIECES = 1024;

    private final FileChannel channel;
    private ByteBuffer buffer;
    private boolean closed;
    /** The pieces of the next gathering write, in file order; null until a range is copied. */
    private ByteBuffer[] pieces;
    private int pieceCount;
    /** Start of the buffered bytes not yet queued as a piece. */
    private int bufferQueuedTo;
    /** Reusable views of the buffer and of the current input mapping, made once per slot (per mapping). */
    private ByteBuffer[] bufferViews;
    private ByteBuffer[] windowViews;
    private ByteBuffer window;
    /** True when the last piece is a view of the mapping that a following adjacent range may extend. */
    private boolean lastIsRange;

    BufferedOutput(Path path, ByteOrder order, int bufferSize) throws IOException {
        channel = CaptureFiles.isStandardStream(path)
                ? new FileOutputStream(FileDescriptor.out).getChannel() // as the shell redirected it: a pipe, a file
                : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        buffer = ByteBuffer.allocateDirect(bufferSize).order(order);
    }

    /** Makes room for {@code bytes} more bytes and returns the buffer to put them into. */
    ByteBuffer room(int bytes) throws IOException {
        if (closed) {
            throw new IOException("capture file already closed");
        }
        if (buffer.remaining() < bytes) {
            flush();
            if (buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocateDirect(bytes).order(buffer.order());
                bufferViews = null;
            }
        }
        return buffer;
    }

    /**
     * Appends {@code length} bytes of the input at {@code position}: the bytes of a record that goes out exactly
     * as it stands in the input. A range that starts where the previous one ended extends it.
     */
    void copy(MappedInput input, long position, int length) throws IOException {
        if (closed) {
            throw new IOException("capture file already closed");
        }
        int start = input.at(position, length);
        ByteBuffer mapping = input.buffer();
        if (mapping != window) {
            if (pieceCount > 0) {
                flush(); // queued views belong to the old mapping
            }
            window = mapping;
            if (windowViews != null) {
                Arrays.fill(windowViews, null);
            }
        }
        if (pieces == null) {
            pieces = new ByteBuffer[MAX_PIECES];
            windowViews = new ByteBuffer[MAX_PIECES];
        }
        if (lastIsRange && buffer.position() == bufferQueuedTo) {
            ByteBuffer last = pieces[pieceCount - 1];
            if (last.limit() == start) {
                last.limit(start + length);
                return;
            }
        }
        queueBuffered();
        if (pieceCount == MAX_PIECES) {
            flush();
        }
        ByteBuffer view = windowViews[pieceCount];
        if (view == null) {
            view = window.duplicate();
            windowViews[pieceCount] = view;
        }
        view.limit(start + length).position(start);
        pieces[pieceCount++] = view;
        lastIsRange = true;
    }

    /** Queues the buffered bytes written since the last piece as a piece of their own. */
    private void queueBuffered() throws IOException {
        int end = buffer.position();
        if (end == bufferQueuedTo) {
            return;
        }
        if (pieceCount == MAX_PIECES) {
            flush();
            return;
        }
        if (bufferViews == null) {
            bufferViews = new ByteBuffer[MAX_PIECES];
        }
        ByteBuffer view = bufferViews[pieceCount];
        if (view == null) {
            view = buffer.duplicate();
            bufferViews[pieceCount] = view;
        }
        view.clear();
        view.limit(end).position(bufferQueuedTo);
        pieces[pieceCount++] = view;
        bufferQueuedTo = end;
        lastIsRange = false;
    }

    void padTo4(int length) {
        for (int i = length; (i & 3) != 0; i++) {
            buffer.put((byte) 0);
        }
    }

    void flush() throws IOException {
        if (pieceCount == 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } else {
            if (buffer.position() > bufferQueuedTo && pieceCount == MAX_PIECES) {
                writePieces();
            }
            queueBuffered();
            writePieces();
        }
        buffer.clear();
        bufferQueuedTo = 0;
        lastIsRange = false;
    }

    private void writePieces() throws IOException {
        int first = 0;
        while (first < pieceCount) {
            channel.write(pieces, first, pieceCount - first);
            while (first < pieceCount && !pieces[first].hasRemaining()) {
                first++;
            }
        }
        Arrays.fill(pieces, 0, pieceCount, null);
        pieceCount = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            channel.close();
        }
    }
}
