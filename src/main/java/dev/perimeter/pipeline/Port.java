package dev.perimeter.pipeline;

import java.util.Objects;

/**
 * One side of the bridge: its index in the pipeline's port table (what {@link FrameEvent#ingressPort} holds),
 * a display name, and the IOS interface of the configuration it stands for, whose {@code ip access-group}
 * lists it applies. A port without an IOS interface has no lists (the unnamed outside of a one-sided config).
 */
public final class Port {
    private final int index;
    private final String name;
    private final String iosInterface;

    public Port(int index, String name, String iosInterface) {
        if (index < 0) {
            throw new IllegalArgumentException("port index " + index);
        }
        this.index = index;
        this.name = Objects.requireNonNull(name);
        this.iosInterface = iosInterface;
    }

    /** A port standing for an IOS interface, named after it. */
    public static Port forInterface(int index, String iosInterface) {
        return new Port(index, iosInterface, Objects.requireNonNull(iosInterface));
    }

    /** A port that is not an interface of the configuration: it meets no list. */
    public static Port unbound(int index, String name) {
        return new Port(index, name, null);
    }

    public int index() {
        return index;
    }

    /** How the port is shown in summaries and logs (the Linux interface for the bridge, the IOS name in replay). */
    public String name() {
        return name;
    }

    /** The configuration interface this port stands for, or null when it has none. */
    public String iosInterface() {
        return iosInterface;
    }

    @Override
    public String toString() {
        return iosInterface == null || iosInterface.equals(name) ? name : name + "=" + iosInterface;
    }
}
