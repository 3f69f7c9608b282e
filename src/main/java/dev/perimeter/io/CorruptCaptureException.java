package dev.perimeter.io;

import java.io.IOException;

/**
 * A capture file that is truncated or corrupt, or whose frames cannot be replayed from a record on (a link type
 * the decoder does not know); {@link #offset()} is where the bad record starts.
 */
public final class CorruptCaptureException extends IOException {
    private final long offset;

    public CorruptCaptureException(String message, long offset) {
        super(message + " at byte offset " + offset);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
