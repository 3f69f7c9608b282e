package dev.perimeter.pipeline;

import java.util.List;

/**
 * The two sides of the bridge. A frame entering on one side leaves on the other: it meets the ingress port's
 * {@code in} list and then the egress port's {@code out} list.
 */
public final class BridgePorts {
    private final Port[] ports;

    public BridgePorts(Port first, Port second) {
        if (first.index() != 0 || second.index() != 1) {
            throw new IllegalArgumentException("bridge ports must have indexes 0 and 1");
        }
        if (first.iosInterface() != null && first.iosInterface().equals(second.iosInterface())) {
            throw new IllegalArgumentException("both sides stand for interface " + first.iosInterface());
        }
        this.ports = new Port[] {first, second};
    }

    public Port get(int index) {
        return ports[index];
    }

    /** The side a frame entering on {@code ingressIndex} leaves by. */
    public Port egressOf(int ingressIndex) {
        return ports[1 - ingressIndex];
    }

    public int size() {
        return ports.length;
    }

    public List<Port> all() {
        return List.of(ports);
    }

    @Override
    public String toString() {
        return ports[0] + " <-> " + ports[1];
    }
}
