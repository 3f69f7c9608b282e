package dev.perimeter.io.live;

import dev.perimeter.pipeline.DropReason;
import dev.perimeter.pipeline.FrameEvent;
import dev.perimeter.pipeline.FrameSink;
import dev.perimeter.pipeline.Port;

/**
 * Sends each forwarded frame out of its egress port's pcap handle, unchanged. A send that fails (interface down,
 * frame larger than its MTU) is counted on the egress port; drops need nothing done.
 */
public final class PcapTransmitSink implements FrameSink {
    private final PcapPort[] ports;
    private final LivePortCounters[] counters;

    public PcapTransmitSink(PcapPort[] ports, LivePortCounters[] counters) {
        this.ports = ports.clone();
        this.counters = counters.clone();
    }

    @Override
    public void forward(FrameEvent event, Port egress) {
        int i = egress.index();
        if (!ports[i].transmit(event.frame.data, event.frame.capturedLength)) {
            counters[i].countTransmitError();
        }
    }

    @Override
    public void drop(FrameEvent event, DropReason reason) {
    }
}
