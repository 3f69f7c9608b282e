package dev.perimeter.cli;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AccessListPrinter;
import dev.perimeter.acl.ClockZone;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroupPrinter;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.TimeRange;
import dev.perimeter.acl.TimeRanges;
import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.ParseResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.perimeter.match.compile.CompiledMatcher;
import dev.perimeter.match.compile.MatcherCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code perimeter show CONFIG [LIST...]}: the object groups and time ranges the lists name as {@code show
 * running-config} prints them, the lists as {@code show access-lists} prints them (an entry naming a time range
 * with the range's state now, or at {@code --at}), then the bindings.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints the access lists as 'show access-lists' does (after the object groups and time ranges"
                + " they name), then the interface bindings.")
public final class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "IOS configuration file")
    Path config;

    @Parameters(index = "1..*", paramLabel = "LIST", description = "Only these lists (name or number); all by default.")
    List<String> names = new ArrayList<>();

    @Option(names = "--compiled",
            description = "After each list, say how the matcher compiled it: strategy, table memory, build time.")
    boolean compiled;

    @Option(names = "--at", paramLabel = "TIME",
            description = "Show time ranges (active)/(inactive) at this time on the router's clock, e.g."
                    + " 2026-03-02T09:00 (default: now).")
    String at;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
        ParseResult result = ConfigFiles.load(config, err);
        if (result == null) {
            return 2;
        }
        List<AccessList> lists = new ArrayList<>();
        if (names.isEmpty()) {
            lists.addAll(result.config().accessLists().values());
        } else {
            for (String name : names) {
                AccessList list = result.config().accessList(name);
                if (list == null) {
                    err.println("perimeter show: no access list " + name);
                    return 1;
                }
                lists.add(list);
            }
        }
        TimeRanges ranges = result.config().timeRanges();
        long time;
        try {
            time = at == null ? RouterTime.now() : RouterTime.parse(at, ranges);
        } catch (IllegalArgumentException e) {
            err.println("perimeter show: bad --at: " + e.getMessage());
            return 2;
        }
        out.print(ObjectGroupPrinter.config(groupsShown(result.config().objectGroups(), lists, names.isEmpty())));
        out.print(timeRangesShown(ranges, lists, names.isEmpty()));
        for (AccessList list : lists) {
            out.print(AccessListPrinter.show(list, null, ranges.at(time)));
            if (compiled) {
                out.println(compilation(list));
            }
        }
        if (names.isEmpty()) {
            for (InterfaceConfig itf : result.config().interfaces().values()) {
                if (itf.hasBinding()) {
                    out.print(binding(itf));
                }
            }
        }
        return result.isValid() ? 0 : 1;
    }

    /** Every group when every list is shown; else those the lists name, with the groups those nest. */
    static List<ObjectGroup> groupsShown(ObjectGroups groups, List<AccessList> lists, boolean all) {
        if (all) {
            return new ArrayList<>(groups.all());
        }
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        for (AccessList list : lists) {
            for (AccessListEntry e : list.entries()) {
                for (String g : new String[] {e.serviceGroup(), e.sourceGroup(), e.destinationGroup()}) {
                    if (g != null) {
                        named.add(g);
                    }
                }
            }
        }
        return groups.withNested(named);
    }

    /**
     * The time ranges as {@code show running-config} prints them, after the clock's time zone when one is set:
     * every range when every list is shown, else those the lists name.
     */
    static String timeRangesShown(TimeRanges ranges, List<AccessList> lists, boolean all) {
        java.util.Set<String> named = new java.util.HashSet<>();
        lists.forEach(l -> named.addAll(l.timeRangeNames()));
        StringBuilder sb = new StringBuilder();
        for (TimeRange r : ranges.all()) {
            if (all || named.contains(r.name())) {
                sb.append(r.config());
            }
        }
        if (!ranges.zone().equals(ClockZone.UTC) && (sb.length() > 0 || !named.isEmpty())) {
            sb.insert(0, ranges.zone().config() + "\n");
        }
        return sb.toString();
    }

    /** One line on the compiled form of a list, e.g. {@code   Compiled: cut-tree(...), 12,345 bytes of tables, built in 3 ms}. */
    static String compilation(AccessList list) {
        long start = System.nanoTime();
        CompiledMatcher matcher = MatcherCompiler.compile(list);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return String.format("  Compiled: %s, %,d bytes of tables (%,d for non-initial fragments), built in %d ms",
                matcher.strategy(), matcher.memoryBytes(), matcher.fragmentTableBytes(), millis);
    }

    /** As {@code show ip interface} words it. */
    static String binding(InterfaceConfig itf) {
        return "Interface " + itf.name() + "\n"
                + "  Outgoing access list is " + (itf.outList() == null ? "not set" : itf.outList()) + "\n"
                + "  Inbound  access list is " + (itf.inList() == null ? "not set" : itf.inList()) + "\n";
    }
}
