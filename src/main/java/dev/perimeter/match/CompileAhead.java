package dev.perimeter.match;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One background thread that compiles the next state of lists with time ranges before it is due, so that the
 * pipeline's handler does not stop to compile at the minute a range starts or ends.
 */
public final class CompileAhead {
    private CompileAhead() {
    }

    private static final class Holder {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "perimeter-compile-ahead");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    /** The shared executor, started on first use. */
    public static Executor executor() {
        return Holder.EXECUTOR;
    }
}
