package dev.perimeter.pipeline;

import dev.perimeter.acl.AccessList;
import dev.perimeter.log.AccessLogger;
import dev.perimeter.match.PacketKey;

/**
 * Where the handler reports matches of entries that carry {@code log} or {@code log-input}: the IOS access-list
 * logger. Called on the handler thread only; the clock is the frames' capture time.
 */
public interface MatchLog {

    /** Entry {@code entryIndex} of {@code list} decided the packet in {@code key}; moves the clock too. */
    void logMatch(AccessList list, int entryIndex, PacketKey key, String inputInterface, byte[] frame,
                  int sourceMacOffset, long timeNanos, int packets);

    /** Time has reached {@code timeNanos}: updates that fall due by then can be printed. */
    void advance(long timeNanos);

    /** The input has ended at {@code timeNanos}: print everything still pending. */
    void finish(long timeNanos);

    /** The IOS logger behind this interface. */
    static MatchLog of(AccessLogger logger) {
        return new MatchLog() {
            @Override
            public void logMatch(AccessList list, int entryIndex, PacketKey key, String inputInterface,
                                 byte[] frame, int sourceMacOffset, long timeNanos, int packets) {
                logger.logMatch(list, entryIndex, key, inputInterface, frame, sourceMacOffset, timeNanos, packets);
            }

            @Override
            public void advance(long timeNanos) {
                logger.advance(timeNanos);
            }

            @Override
            public void finish(long timeNanos) {
                logger.finish(timeNanos);
            }
        };
    }

    /** Logs nothing. */
    MatchLog NONE = new MatchLog() {
        @Override
        public void logMatch(AccessList list, int entryIndex, PacketKey key, String inputInterface, byte[] frame,
                             int sourceMacOffset, long timeNanos, int packets) {
        }

        @Override
        public void advance(long timeNanos) {
        }

        @Override
        public void finish(long timeNanos) {
        }
    };
}
