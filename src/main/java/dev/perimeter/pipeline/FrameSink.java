package dev.perimeter.pipeline;

/**
 * Where the handler hands each verdict: a capture writer in replay, a transmit handle on the bridge. Called on
 * the handler thread only, once per frame, in ring order; the event is valid only during the call.
 */
public interface FrameSink {

    /** The frame passed both lists: send it out of {@code egress}. */
    void forward(FrameEvent event, Port egress);

    /** The frame is dropped for {@code reason}. */
    void drop(FrameEvent event, DropReason reason);

    /** The end of a batch of events: a chance to flush what was queued. */
    default void endOfBatch() {
    }

    /** A sink that throws frames away, for measuring the pipeline itself. */
    FrameSink DISCARD = new FrameSink() {
        @Override
        public void forward(FrameEvent event, Port egress) {
        }

        @Override
        public void drop(FrameEvent event, DropReason reason) {
        }
    };
}
