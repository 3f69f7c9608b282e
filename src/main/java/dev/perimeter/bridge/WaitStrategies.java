package dev.perimeter.bridge;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The filter thread's ways of waiting for frames. The default, {@code phased}, suits a two-core box: it spins for
 * 20 us and yields for 200 us after the last frame, so a burst is picked up at once, then blocks on a lock that
 * the capture threads signal only when it is blocked (no lock, no signal per batch while traffic flows). Idle, it
 * costs no CPU; {@code sleeping} costs about 13% of a core idle (50 us naps), {@code busy-spin} and
 * {@code yielding} a whole core and only pay off with a core to spare.
 */
public final class WaitStrategies {
    public static final String DEFAULT = "phased";
    public static final List<String> NAMES = List.of("phased", "sleeping", "blocking", "lite-blocking", "yielding",
            "busy-spin");

    private WaitStrategies() {
    }

    public static WaitStrategy byName(String name) {
        return switch (name) {
            case "phased" -> PhasedBackoffWaitStrategy.withLiteLock(20, 200, TimeUnit.MICROSECONDS);
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
