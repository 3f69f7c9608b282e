package dev.perimeter.bridge;

/** A configuration file that cannot be read or has errors; the message lists them. */
public final class ConfigRejectedException extends Exception {
    public ConfigRejectedException(String message) {
        super(message);
    }
}
