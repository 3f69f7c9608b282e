package dev.perimeter.io;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads frames from a capture file in order. A truncated or corrupt file ends the reading with a
 * {@link CorruptCaptureException} naming the byte offset; every frame before it has been returned.
 */
public interface CaptureReader extends AutoCloseable {

    /** Fills {@code frame} with the next frame; false at the end of the capture. No allocation per frame. */
    boolean next(CapturedFrame frame) throws IOException;

    /**
     * Lets the reader hand out frames as views of its own memory instead of copies ({@link CapturedFrame#lend}).
     * Frames are numbered from 0 in the order {@link #next} returns them from this call on; {@code released}
     * tells how many of them the consumer is done with. A lent frame's bytes stay unchanged until it is
     * released; a reader whose memory is all still held copies instead of waiting, so a consumer that holds
     * frames back (a batch not yet handed on) never stalls it. Readers that cannot lend go on copying; returns
     * whether this one lends.
     */
    default boolean lendFrames(LongSupplier released) {
        return false;
    }

    /** The capture's interfaces, by index: pcapng IDB {@code if_name} (null when absent); one entry for pcap. */
    List<CaptureInterface> interfaces();

    /** The file format, so that outputs can be written in the same one. */
    CaptureFormat format();

    @Override
    void close() throws IOException;

    /**
     * One interface of a capture. {@code timestampResolution} is its timestamps' unit as pcapng's
     * {@code if_tsresol} byte says it (6: microseconds, 9: nanoseconds, 0x80 | n: 2^-n seconds), or -1 when the
     * source does not tell.
     */
    record CaptureInterface(String name, int linkType, int snapLength, int timestampResolution) {
        public CaptureInterface(String name, int linkType, int snapLength) {
            this(name, linkType, snapLength, -1);
        }
    }
}
