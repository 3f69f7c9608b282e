package dev.perimeter.io.live;

import dev.perimeter.pipeline.DropReason;
import dev.perimeter.pipeline.FrameEvent;
import dev.perimeter.pipeline.FrameSink;
import dev.perimeter.pipeline.Port;

/**
 * Sends each forwarded frame out of its egress port unchanged, with the kernel's offload header where the port
 * carries one (so that a checksum still to be completed is completed and a coalesced frame is cut into its
 * segments by the egress side, as the sender's stack meant): queued and sent in batches with {@code sendmmsg}
 * where the port allows it ({@link BatchSender}), flushed at the end of every batch of the filter thread so that
 * no frame waits for traffic that may not come; otherwise one by one. A send that fails (interface down, frame
 * larger than its MTU) is counted on the egress port; drops need nothing done.
 */
public final class LiveTransmitSink implements FrameSink {
    /** Frames per {@code sendmmsg}. */
    private static final int BATCH = 64;

    private final LivePort[] ports;
    private final LivePortCounters[] counters;
    private final BatchSender[] senders;

    public LiveTransmitSink(LivePort[] ports, LivePortCounters[] counters) {
        this.ports = ports.clone();
        this.counters = counters.clone();
        this.senders = new BatchSender[ports.length];
        for (int i = 0; i < ports.length; i++) {
            // an AF_PACKET port sends only in batches; a pcap port may fall back to pcap4j one by one
            if (ports[i].carriesOffloads() || BatchSender.available()) {
                senders[i] = new BatchSender(BATCH, Math.max(ports[i].maxFrameLength(), FrameEvent.INITIAL_CAPACITY),
                        ports[i].carriesOffloads());
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
        if (event.inPlaceAddress != 0) { // a frame left in the ingress port's ring: sent from there
            if (sender == null) {
                counters[i].countTransmitError(); // pcap4j sends only from arrays (-Dperimeter.pcap4jSend)
                return;
            }
            if (sender.addInPlace(event.inPlaceAddress, event.frame.originalLength, event.offload)) {
                flush(i);
            }
            return;
        }
        if (sender != null && ports[i].sendsBatches() && length <= sender.slotSize()) {
            if (sender.add(data, offset, length, event.offload)) {
                flush(i);
            }
            return;
        }
        if (sender != null && sender.pending() > 0) {
            flush(i); // keep the port's frames in order
        }
        if (!ports[i].transmit(data, offset, length, event.offload)) {
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
