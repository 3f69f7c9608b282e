package dev.perimeter.bridge;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.List;

/**
 * The handler's ways of waiting for frames. The default, {@code sleeping}, suits a two-core box: the capture
 * threads publish without waking anyone (no lock, no signal per batch), and an idle handler backs off to short
 * sleeps instead of holding a core; {@code busy-spin} and {@code yielding} only pay off with a core to spare.
 */
public final class WaitStrategies {
    public static final String DEFAULT = "sleeping";
    public static final List<String> NAMES = List.of("sleeping", "blocking", "lite-blocking", "yielding", "busy-spin");

    private WaitStrategies() {
    }

    public static WaitStrategy byName(String name) {
        return switch (name) {
            case "sleeping" -> new SleepingWaitStrategy(200, 50_000);
            case "blocking" -> new BlockingWaitStrategy();
            case "lite-blocking" -> new LiteBlockingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("unknown wait strategy '" + name + "'; one of "
                    + String.join(", ", NAMES));
        };
    }
}
