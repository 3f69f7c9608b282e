package dev.perimeter.cli;

import dev.perimeter.config.ParseResult;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.acl.TimeRanges;
import dev.perimeter.match.BoundList;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.match.PacketKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code perimeter explain CONFIG [--from IFACE] [--to IFACE] PACKET [--json]}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Shows the lists one packet meets from --from to --to, the entry that decides each, and the verdict.")
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "IOS configuration file")
    Path config;

    @Parameters(index = "1", paramLabel = "PACKET",
            description = "e.g. \"tcp 198.51.100.7:41234 -> 172.16.27.66:25 flags=S\"; keys flags= dscp= tos= ttl= frag= type= code= options=")
    String packet;

    @Option(names = "--from", paramLabel = "IFACE",
            description = "Interface the packet arrives on (its 'in' list). Default: the other interface when the"
                    + " configuration has exactly two and --to names one; otherwise none.")
    String from;

    @Option(names = "--to", paramLabel = "IFACE",
            description = "Interface the packet leaves by (its 'out' list). Default: the other interface when the"
                    + " configuration has exactly two and --from names one; otherwise none.")
    String to;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Judge time ranges at this time on the router's clock, e.g. 2026-03-02T09:00 (default:"
                    + " now); the output says which time and states were used.")
    String at;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        ParseResult result = ConfigFiles.load(config, err);
        if (result == null) {
            return 2;
        }
        PacketKey key;
        try {
            key = PacketSpec.parse(packet);
        } catch (IllegalArgumentException e) {
            err.println("perimeter explain: bad PACKET: " + e.getMessage());
            return 2;
        }
        RouterConfig c = result.config();
        List<String> names = new ArrayList<>(c.interfaces().keySet());
        String in = from;
        String outItf = to;
        if (names.size() == 2) {
            if (in == null && outItf != null && names.contains(outItf)) {
                in = names.get(0).equals(outItf) ? names.get(1) : names.get(0);
            } else if (outItf == null && in != null && names.contains(in)) {
                outItf = names.get(0).equals(in) ? names.get(1) : names.get(0);
            }
        }
        if (in == null && outItf == null) {
            err.println("perimeter explain: give --from IFACE, --to IFACE or both; interfaces: " + names);
            return 2;
        }
        for (String itf : new String[] {in, outItf}) {
            if (itf != null && !c.interfaces().containsKey(itf)) {
                err.println("perimeter explain: note: interface " + itf + " is not in the configuration");
            }
        }
        long time;
        try {
            time = at == null ? RouterTime.now() : RouterTime.parse(at, c.timeRanges());
        } catch (IllegalArgumentException e) {
            err.println("perimeter explain: bad --at: " + e.getMessage());
            return 2;
        }
        FilterSet filters = FilterSet.build(c, Matchers::reference);
        filters.moveTo(time);
        PathExplainer.Explanation x = PathExplainer.explain(filters, in, outItf, key);
        PathExplainer.Timing timing = timing(filters, in, outItf, time);
        out.print(json ? PathExplainer.json(x, timing) + "\n" : PathExplainer.text(key, x, timing));
        return result.isValid() ? 0 : 1;
    }

    /** The time and the states of the ranges the lists on the way name; null when they name none. */
    private PathExplainer.Timing timing(FilterSet filters, String in, String outItf, long time) {
        java.util.Map<String, Boolean> ranges = new java.util.LinkedHashMap<>();
        TimeRanges defined = filters.config().timeRanges();
        for (BoundList b : new BoundList[] {in == null ? null : filters.inbound(in),
                outItf == null ? null : filters.outbound(outItf)}) {
            if (b != null && b.list() != null) {
                b.list().timeRangeNames().forEach(n -> ranges.putIfAbsent(n, defined.isActive(n, time)));
            }
        }
        if (ranges.isEmpty()) {
            return null;
        }
        String local = defined.localTime(time).withNano(0).toString();
        return new PathExplainer.Timing(local.length() == 16 ? local + ":00" : local, defined.zone().nameAt(time),
                at == null ? "now" : "--at", ranges);
    }
}
