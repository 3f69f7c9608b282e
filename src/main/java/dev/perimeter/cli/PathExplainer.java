package dev.perimeter.cli;

import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.AccessListPrinter;
import dev.perimeter.match.BoundList;
import dev.perimeter.match.Direction;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matcher;
import dev.perimeter.match.PacketKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The way of one packet across the bridge: the {@code in} list of the port it arrives on, then the {@code out}
 * list of the port it leaves by, each deciding with its first matching entry. A port with no list bound lets the
 * packet through ({@code no-acl}); so does a bound list that is undefined or empty; a deny ends the way.
 */
public final class PathExplainer {
    private PathExplainer() {
    }

    /** One list met on the way; acl, sequence and entry are null when they do not apply. */
    public record Step(String interfaceName, Direction direction, String acl, Integer sequence, String entry,
                       String result, String note) {
        public boolean permits() {
            return !result.equals("deny") && !result.equals("implicit-deny");
        }
    }

    public record Explanation(List<Step> steps) {
        public boolean permitted() {
            return steps.stream().allMatch(Step::permits);
        }
    }

    /** {@code from} or {@code to} may be null: the packet comes from, or goes to, a port Perimeter does not filter. */
    public static Explanation explain(FilterSet filters, String from, String to, PacketKey packet) {
        List<Step> steps = new ArrayList<>();
        if (from != null) {
            Step s = step(from, Direction.IN, filters.inbound(from), packet);
            steps.add(s);
            if (!s.permits()) {
                return new Explanation(steps);
            }
        }
        if (to != null) {
            steps.add(step(to, Direction.OUT, filters.outbound(to), packet));
        }
        return new Explanation(steps);
    }

    private static Step step(String itf, Direction dir, BoundList bound, PacketKey packet) {
        if (bound == null) {
            return new Step(itf, dir, null, null, null, "no-acl", "no access list bound");
        }
        if (bound.list() == null) {
            return new Step(itf, dir, bound.listName(), null, null, "permit", "not defined: permits everything");
        }
        if (bound.permitsAll()) {
            return new Step(itf, dir, bound.listName(), null, null, "permit", "empty: permits everything");
        }
        int index = bound.match(packet);
        if (index == Matcher.NO_MATCH) {
            return new Step(itf, dir, bound.listName(), null, null, "implicit-deny", "no entry matches");
        }
        AccessListEntry e = bound.list().entry(index);
        return new Step(itf, dir, bound.listName(), e.sequence(), AccessListPrinter.entryText(bound.list(), e),
                e.permits() ? "permit" : "deny", null);
    }

    /**
     * When the lists met name time ranges: the router's local time the packet was judged at
     * ({@code 2026-03-02T09:00:00}), and whether each range named was in effect then, in the order named.
     */
    public record Timing(String localTime, String zone, String source, java.util.Map<String, Boolean> ranges) {
        /** {@code time: 2026-03-02 09:00:00 CET (--at): WORK active, NIGHT inactive}. */
        String text() {
            StringBuilder sb = new StringBuilder("time: ").append(localTime.replace('T', ' ')).append(' ')
                    .append(zone).append(" (").append(source).append("):");
            String sep = " ";
            for (java.util.Map.Entry<String, Boolean> r : ranges.entrySet()) {
                sb.append(sep).append(r.getKey()).append(r.getValue() ? " active" : " inactive");
                sep = ", ";
            }
            return sb.toString();
        }
    }

    /** The explanation as the one JSON object {@code explain --json} prints. */
    public static String json(Explanation x) {
        return json(x, null);
    }

    /** As {@link #json(Explanation)}, with {@code "at"} and {@code "timeRanges"} when {@code timing} is given. */
    public static String json(Explanation x, Timing timing) {
        StringBuilder sb = new StringBuilder("{\"verdict\":\"").append(x.permitted() ? "permit" : "deny").append('"');
        if (timing != null) {
            sb.append(",\"at\":").append(string(timing.localTime())).append(",\"timeRanges\":{");
            String sep = "";
            for (java.util.Map.Entry<String, Boolean> r : timing.ranges().entrySet()) {
                sb.append(sep).append(string(r.getKey())).append(':').append(r.getValue() ? "\"active\"" : "\"inactive\"");
                sep = ",";
            }
            sb.append('}');
        }
        sb.append(",\"steps\":[");
        for (int i = 0; i < x.steps().size(); i++) {
            Step s = x.steps().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"interface\":").append(string(s.interfaceName()))
                    .append(",\"direction\":\"").append(s.direction().keyword()).append('"')
                    .append(",\"acl\":").append(string(s.acl()))
                    .append(",\"sequence\":").append(s.sequence() == null ? "null" : s.sequence().toString())
                    .append(",\"entry\":").append(string(s.entry()))
                    .append(",\"result\":\"").append(s.result()).append("\"}");
        }
        return sb.append("]}").toString();
    }

    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The explanation in words, one line per list met and the verdict. */
    public static String text(PacketKey packet, Explanation x) {
        return text(packet, x, null);
    }

    /** As {@link #text(PacketKey, Explanation)}, with the time line after the packet when {@code timing} is given. */
    public static String text(PacketKey packet, Explanation x, Timing timing) {
        StringBuilder sb = new StringBuilder("packet: ").append(PacketSpec.format(packet)).append('\n');
        if (timing != null) {
            sb.append(timing.text()).append('\n');
        }
        for (Step s : x.steps()) {
            sb.append(s.interfaceName()).append(' ').append(s.direction().keyword()).append(": ");
            if (s.acl() == null) {
                sb.append(s.note());
            } else {
                sb.append("access list ").append(s.acl());
                if (s.sequence() != null) {
                    sb.append(", ").append(s.sequence()).append(' ').append(s.entry());
                } else {
                    sb.append(", ").append(s.note());
                }
            }
            sb.append(" -> ").append(s.result()).append('\n');
        }
        return sb.append("verdict: ").append(x.permitted() ? "permit" : "deny").append('\n').toString();
    }
}
