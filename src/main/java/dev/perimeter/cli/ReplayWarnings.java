package dev.perimeter.cli;

import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.packet.LinkType;
import dev.perimeter.pipeline.Port;
import dev.perimeter.pipeline.ReplayPorts;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** What replay says before it starts about frames that will pass unjudged or be dropped unread. */
final class ReplayWarnings {
    private ReplayWarnings() {
    }

    /**
     * A binding that names no list lets every frame pass, as on the router, and so does a path with no binding at
     * all: both are legal, and both are more often a slip (a misspelt name, the wrong --egress) than the intent.
     */
    static void unfilteredSides(RouterConfig routerConfig, ReplayPorts sides, PrintStream err) {
        boolean filtered = false;
        for (Port port : sides.ports().all()) {
            InterfaceConfig itf = port.iosInterface() == null ? null
                    : routerConfig.interfaces().get(port.iosInterface());
            if (itf != null) {
                filtered |= filters(routerConfig, itf, itf.inList(), "in", err);
                filtered |= filters(routerConfig, itf, itf.outList(), "out", err);
            }
        }
        if (!filtered) {
            err.println("perimeter replay: warning: no access list applies on " + sides.ports().all().stream()
                    .map(Port::toString).collect(Collectors.joining(" or "))
                    + ": every frame passes");
        }
    }

    /** Whether {@code itf}'s binding in {@code direction} names a list; one naming none is warned of. */
    private static boolean filters(RouterConfig routerConfig, InterfaceConfig itf, String list, String direction,
                                   PrintStream err) {
        if (list == null) {
            return false;
        }
        if (routerConfig.accessList(list) != null) {
            return true;
        }
        err.println("perimeter replay: warning: interface " + itf.name() + ": ip access-group " + list + " "
                + direction + " names no access list; as on the router, it lets every frame pass");
        return false;
    }

    /** Frames of these interfaces cannot be judged: they will be dropped as malformed, which deserves a word. */
    static void undecodedLinkTypes(List<CaptureReader.CaptureInterface> interfaces, PrintStream err) {
        for (int i = 0; i < interfaces.size(); i++) {
            CaptureReader.CaptureInterface itf = interfaces.get(i);
            if (!LinkType.isDecoded(itf.linkType())) {
                err.println("perimeter replay: warning: " + (itf.name() != null ? "interface " + itf.name()
                        : "capture interface " + i) + " has link type " + itf.linkType() + " ("
                        + LinkType.name(itf.linkType()) + "), which replay does not decode (it decodes "
                        + LinkType.DECODED_KINDS + "): its frames are dropped as malformed");
            }
        }
    }
}
