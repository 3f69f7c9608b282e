package dev.perimeter.bridge;

import dev.perimeter.acl.AccessList;
import dev.perimeter.io.live.WallClock;
import dev.perimeter.log.AccessLogger;
import dev.perimeter.log.LogSink;
import dev.perimeter.match.PacketKey;
import dev.perimeter.pipeline.MatchLog;

/**
 * The logger on the wall clock: matches are stamped with their capture time as usual, but the clock moves to
 * "now" at every batch end (the bridge publishes an empty heartbeat slot every second, so updates come due even
 * without traffic), and the sink is flushed then so that the log file follows the traffic.
 */
final class LiveMatchLog implements MatchLog {
    private final AccessLogger logger;
    private final LogSink sink;
    private final WallClock clock;

    LiveMatchLog(AccessLogger logger, LogSink sink, WallClock clock) {
        this.logger = logger;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void logMatch(AccessList list, int entryIndex, PacketKey key, String inputInterface, byte[] frame,
                         int sourceMacOffset, long timeNanos, int packets) {
        logger.logMatch(list, entryIndex, key, inputInterface, frame, sourceMacOffset, timeNanos, packets);
    }

    @Override
    public void advance(long timeNanos) {
        logger.advance(clock.nowNanos());
        sink.flush();
    }

    @Override
    public void finish(long timeNanos) {
        logger.finish(clock.nowNanos());
        sink.flush();
    }
}
