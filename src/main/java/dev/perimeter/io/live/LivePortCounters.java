package dev.perimeter.io.live;

/**
 * What happened to one port's frames outside the pipeline's handler: frames captured, frames lost because the
 * ring was full, frames captured cut short (they cannot be forwarded whole), failed transmissions out of the
 * port, and reopenings of its capture. Each field has one writer (the port's receive thread, or the handler
 * thread for transmissions); readers on other threads may see a value a moment old.
 */
public final class LivePortCounters {
    private volatile long captured;
    private volatile long ringOverflows;
    private volatile long truncated;
    private volatile long transmitErrors;
    private volatile long reopens;

    void addCaptured(int n) {
        captured += n;
    }

    void addRingOverflows(int n) {
        ringOverflows += n;
    }

    void countTruncated() {
        truncated++;
    }

    void countTransmitError() {
        transmitErrors++;
    }

    void addTransmitErrors(int n) {
        transmitErrors += n;
    }

    void countReopen() {
        reopens++;
    }

    public long captured() {
        return captured;
    }

    public long ringOverflows() {
        return ringOverflows;
    }

    public long truncated() {
        return truncated;
    }

    public long transmitErrors() {
        return transmitErrors;
    }

    public long reopens() {
        return reopens;
    }
}
