package dev.perimeter.io.file;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file written through one large direct buffer: frames are copied in and the buffer goes out in big writes. */
final class BufferedOutput implements Closeable {
    static final int DEFAULT_BUFFER = 4 << 20;

    private final FileChannel channel;
    private ByteBuffer buffer;
    private boolean closed;

    BufferedOutput(Path path, ByteOrder order, int bufferSize) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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
            }
        }
        return buffer;
    }

    void padTo4(int length) {
        for (int i = length; (i & 3) != 0; i++) {
            buffer.put((byte) 0);
        }
    }

    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
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
