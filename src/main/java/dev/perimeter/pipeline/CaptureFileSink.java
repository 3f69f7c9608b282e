package dev.perimeter.pipeline;

import dev.perimeter.io.CaptureWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Replay's sink: forwarded and dropped frames go to their capture files, byte for byte (either may be absent). */
public final class CaptureFileSink implements FrameSink {
    private final CaptureWriter forwarded;
    private final CaptureWriter dropped;

    /** Either writer may be null: those frames are not written. */
    public CaptureFileSink(CaptureWriter forwarded, CaptureWriter dropped) {
        this.forwarded = forwarded;
        this.dropped = dropped;
    }

    @Override
    public void forward(FrameEvent event, Port egress) {
        write(forwarded, event);
    }

    @Override
    public void drop(FrameEvent event, DropReason reason) {
        write(dropped, event);
    }

    private static void write(CaptureWriter writer, FrameEvent event) {
        if (writer != null) {
            try {
                writer.write(event.frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
