package dev.perimeter.io;

import java.io.IOException;

/** Writes frames to a capture file, byte for byte, with their original timestamps. */
public interface CaptureWriter extends AutoCloseable {

    /** Appends one frame seen on interface {@code interfaceIndex} of the capture's interface list. */
    void write(byte[] data, int offset, int capturedLength, int originalLength, long timestampNanos,
               int interfaceIndex) throws IOException;

    default void write(CapturedFrame frame) throws IOException {
        write(frame.data, frame.offset, frame.capturedLength, frame.originalLength, frame.timestampNanos,
                frame.interfaceIndex);
    }

    @Override
    void close() throws IOException;
}
