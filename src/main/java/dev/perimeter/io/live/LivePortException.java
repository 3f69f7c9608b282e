package dev.perimeter.io.live;

/** A live port cannot be used; the message says why in words an operator can act on. */
public final class LivePortException extends Exception {
    public LivePortException(String message) {
        super(message);
    }

    public LivePortException(String message, Throwable cause) {
        super(message, cause);
    }
}
