package dev.perimeter.pipeline;

import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.RouterConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which side of the bridge each frame of a capture enters on. Port 0 is the ingress side, port 1 the egress
 * side. A pcapng frame whose interface name ({@code if_name}) is one side's interface enters there and leaves
 * by the other. Every other frame (classic pcap, unnamed or unknown interfaces) enters on the side the
 * capture does not name: the ingress side, unless the capture names only the ingress side.
 *
 * <p>The sides come from {@code --ingress} / {@code --egress}, else from the capture's interface names that the
 * configuration knows, else from the configuration's bindings: a single bound interface with only an {@code out}
 * list is the egress side (only an {@code in} list: the ingress side). A side named alone gets as its partner
 * the other bound interface when the configuration binds exactly two, else an unnamed port with no lists.
 *
 * <p>A capture made on a Linux box names its interfaces as Linux does ({@code eth0}); {@code --map eth0=Gi0/0}
 * says which configuration interface such a name stands for, before anything else is decided.
 */
public final class ReplayPorts {
    /** Names of the unnamed sides: the traffic's origin and its destination. */
    public static final String UNNAMED_INGRESS = "outside";
    public static final String UNNAMED_EGRESS = "inside";

    private final BridgePorts ports;
    /** The port of frames whose interface name is neither side's. */
    private final int otherFramesPort;
    /** Capture interface names and the configuration interfaces they stand for. */
    private final Map<String, String> aliases;

    private ReplayPorts(BridgePorts ports, int otherFramesPort, Map<String, String> aliases) {
        this.ports = ports;
        this.otherFramesPort = otherFramesPort;
        this.aliases = aliases;
    }

    /** {@link #resolve(RouterConfig, String, String, List, Map)} with the capture's names taken as they are. */
    public static ReplayPorts resolve(RouterConfig config, String ingress, String egress, List<String> captureNames) {
        return resolve(config, ingress, egress, captureNames, Map.of());
    }

    /**
     * Resolves the sides.
     *
     * @param ingress      {@code --ingress}, or null
     * @param egress       {@code --egress}, or null
     * @param captureNames the capture's interface names (nulls for unnamed interfaces)
     * @param aliases      {@code --map}: capture interface name to configuration interface
     * @throws IllegalArgumentException with a message for the user when the sides cannot be told
     */
    public static ReplayPorts resolve(RouterConfig config, String ingress, String egress, List<String> captureNames,
                                      Map<String, String> aliases) {
        Set<String> known = config.interfaces().keySet();
        requireKnown(known, ingress, "--ingress");
        requireKnown(known, egress, "--egress");
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            requireKnown(known, a.getValue(), "--map " + a.getKey() + "=" + a.getValue() + ":");
            if (!captureNames.contains(a.getKey())) {
                List<String> names = captureNames.stream().filter(Objects::nonNull).distinct().toList();
                throw new IllegalArgumentException("--map " + a.getKey() + "=" + a.getValue() + ": the capture has no"
                        + " interface named " + a.getKey() + (names.isEmpty() ? " (it names none)"
                        : " (it has " + String.join(", ", names) + ")"));
            }
        }
        captureNames = captureNames.stream().map(n -> n == null ? null : aliases.getOrDefault(n, n)).toList();
        if (ingress != null && ingress.equals(egress)) {
            throw new IllegalArgumentException("--ingress and --egress both name " + ingress
                    + ": a frame leaves by the other side than it enters");
        }
        List<String> named = new ArrayList<>(new LinkedHashSet<>(
                captureNames.stream().filter(Objects::nonNull).filter(known::contains).toList()));
        List<InterfaceConfig> bound = config.interfaces().values().stream().filter(InterfaceConfig::hasBinding)
                .toList();

        if (ingress == null && egress == null) {
            if (named.size() > 2) {
                throw new IllegalArgumentException("the capture has frames from " + named.size()
                        + " interfaces of the configuration " + named + "; a bridge has two sides");
            }
            if (named.size() == 2) {
                ingress = named.get(0);
                egress = named.get(1);
            } else if (named.size() == 1) {
                ingress = named.get(0); // frames seen there enter there; the rest come from the other side
            } else if (bound.size() == 1 && bound.get(0).inList() == null) {
                egress = bound.get(0).name();
            } else if (bound.size() == 1 && bound.get(0).outList() == null) {
                ingress = bound.get(0).name();
            } else if (!bound.isEmpty()) {
                throw new IllegalArgumentException("cannot tell which way the capture's frames cross "
                        + bound.stream().map(InterfaceConfig::name).toList()
                        + ": name the side they enter on with --ingress or the side they leave by with --egress");
            }
        }
        if (ingress == null && egress != null) {
            ingress = partner(egress, named, bound);
        } else if (egress == null && ingress != null) {
            egress = partner(ingress, named, bound);
        }
        for (String name : named) {
            if (!name.equals(ingress) && !name.equals(egress)) {
                throw new IllegalArgumentException("the capture has frames from interface " + name
                        + ", which is neither side of the replay (" + ingress + " -> " + egress + ")");
            }
        }
        boolean ingressNamed = named.contains(ingress);
        boolean egressNamed = named.contains(egress);
        int otherFrames = ingressNamed && !egressNamed ? 1 : 0;
        // an unnamed side that the capture calls by a name the configuration does not know keeps that name
        List<String> unknown = captureNames.stream().filter(Objects::nonNull).filter(n -> !known.contains(n))
                .distinct().toList();
        String unknownName = unknown.size() == 1 ? unknown.get(0) : null;
        Port in = ingress != null ? Port.forInterface(0, ingress)
                : Port.unbound(0, otherFrames == 0 && unknownName != null ? unknownName : UNNAMED_INGRESS);
        Port out = egress != null ? Port.forInterface(1, egress)
                : Port.unbound(1, otherFrames == 1 && unknownName != null ? unknownName : UNNAMED_EGRESS);
        return new ReplayPorts(new BridgePorts(in, out), otherFrames, Map.copyOf(aliases));
    }

    private static void requireKnown(Set<String> known, String name, String option) {
        if (name != null && !known.contains(name)) {
            throw new IllegalArgumentException(option + " " + name + " is not an interface of the configuration"
                    + (known.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", known) + ")"));
        }
    }

    /** The other side for a side named alone, or null for an unnamed port. */
    private static String partner(String side, List<String> named, List<InterfaceConfig> bound) {
        for (String n : named) {
            if (!n.equals(side)) {
                return n;
            }
        }
        if (bound.size() == 2) {
            if (bound.get(0).name().equals(side)) {
                return bound.get(1).name();
            }
            if (bound.get(1).name().equals(side)) {
                return bound.get(0).name();
            }
        }
        return null;
    }

    public BridgePorts ports() {
        return ports;
    }

    /** The port a frame from the capture interface named {@code captureName} (null: unnamed) enters on. */
    public int portOf(String captureName) {
        if (captureName != null) {
            captureName = aliases.getOrDefault(captureName, captureName);
            for (int i = 0; i < 2; i++) {
                if (captureName.equals(ports.get(i).iosInterface())) {
                    return i;
                }
            }
        }
        return otherFramesPort;
    }
}
