package dev.perimeter.io.live;

import dev.perimeter.pipeline.DropReason;
import dev.perimeter.pipeline.FrameEvent;
import dev.perimeter.pipeline.FrameSink;
import dev.perimeter.pipeline.Port;

/**
 * Sends each forwarded frame out of its egress port unchanged: queued and sent in batches with {@code sendmmsg}
 * where the port allows it ({@link BatchSender}), flushed at the end of every batch of the filter thread so that
 * no frame waits for traffic that may not come; otherwise one by one through pcap4j. A send that fails
 * (interface down, frame larger than its MTU) is counted on the egress port; drops need nothing done.
 */
public final class PcapTransmitSink implements FrameSink {
    /** Frames per {@code sendmmsg}. */
    private static final int BATCH = 64;

    private final PcapPort[] ports;
    private final LivePortCounters[] counters;
    private final BatchSender[] senders;

    public PcapTransmitSink(PcapPort[] ports, LivePortCounters[] counters) {
        this.ports = ports.clone();
        this.counters = counters.clone();
        this.senders = new BatchSender[ports.length];
        if (BatchSender.available()) {
            for (int i = 0; i < ports.length; i++) {
                senders[i] = new BatchSender(BATCH, Math.max(ports[i].snapLength(), FrameEvent.INITIAL_CAPACITY));
            }
        }
    }

    @Override
    public void forward(FrameEvent event, Port egress) {
        int i = egress.index();
        byte[] data = event.frame.data;
        int offset = event.frame.offset;
        int length = event.frame.capturedLength;
        BatchSender sender = senders[i];
        if (sender != null && ports[i].sendsBatches() && length <= sender.slotSize()) {
            if (sender.add(data, offset, length)) {
                flush(i);
            }
            return;
        }
        if (sender != null && sender.pending() > 0) {
            flush(i); // keep the port's frames in order
        }
        if (!ports[i].transmit(data, offset, length)) {
            counters[i].countTransmitError();
        }
    }

    @Override
    public void drop(FrameEvent event, DropReason reason) {
    }

    @Override
    public void endOfBatch() {
        for (int i = 0; i < senders.length; i++) {
            if (senders[i] != null && senders[i].pending() > 0) {
                flush(i);
            }
        }
    }

    private void flush(int port) {
        int failed = ports[port].sendBatch(senders[port]);
        if (failed > 0) {
            counters[port].addTransmitErrors(failed);
        }
    }
}
