package dev.perimeter.bridge;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The bridge's signals: SIGHUP reloads the configuration (on its own thread, so a slow compile never blocks
 * the signal dispatcher); SIGTERM and SIGINT release {@link #awaitStop} so that the main thread stops the bridge
 * cleanly and prints the final counters.
 */
public final class BridgeSignals {
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String stopSignal;

    public BridgeSignals(Runnable reload) {
        Signal.handle(new Signal("HUP"), s -> {
            Thread t = new Thread(reload, "reload");
            t.setDaemon(true);
            t.start();
        });
        Signal.handle(new Signal("TERM"), s -> requestStop("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> requestStop("SIGINT"));
    }

    public void requestStop(String why) {
        if (stopSignal == null) {
            stopSignal = why;
        }
        stop.countDown();
    }

    /** Blocks until a stop is asked for; returns what asked. */
    public String awaitStop() throws InterruptedException {
        stop.await();
        return stopSignal;
    }
}
