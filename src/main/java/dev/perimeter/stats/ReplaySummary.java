package dev.perimeter.stats;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The end of a replay in words or in JSON: frames read, forwarded, dropped by list (deny entries and implicit
 * deny), malformed, non-IPv4 by ethertype, per-port counts, and the accounting check
 * {@code read = forwarded + dropped + malformed}.
 *
 * @param input      the capture file as named on the command line
 * @param format     its format ({@code pcap}, {@code pcapng} ...)
 * @param ports      display names of the bridge's ports, by index
 * @param lists      the counters of every list of the configuration
 * @param error      why the replay stopped early (a corrupt capture), or null
 * @param entryText  how an entry is written in {@code show access-lists}, for the JSON form
 * @param rangeActive whether a time range was in effect at the end of the capture (null: not reported)
 */
public record ReplaySummary(String input, String format, List<String> ports, TrafficCounters traffic,
                            List<ListCounters> lists, long elapsedNanos, String error,
                            BiFunction<AccessList, AccessListEntry, String> entryText, Predicate<String> rangeActive) {

    public ReplaySummary(String input, String format, List<String> ports, TrafficCounters traffic,
                         List<ListCounters> lists, long elapsedNanos, String error,
                         BiFunction<AccessList, AccessListEntry, String> entryText) {
        this(input, format, ports, traffic, lists, elapsedNanos, error, entryText, null);
    }

    /** The accounting line: {@code read 41 = forwarded 31 + dropped 8 + malformed 2}. */
    public String accounting() {
        String sums = "forwarded " + traffic.forwarded() + " + dropped " + traffic.dropped() + " + malformed "
                + traffic.malformed();
        if (traffic.balanced()) {
            return "read " + traffic.read() + " = " + sums;
        }
        long lost = traffic.read() - traffic.forwarded() - traffic.dropped() - traffic.malformed();
        return "ACCOUNTING ERROR: read " + traffic.read() + " != " + sums + " (" + lost + " unaccounted)";
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("Replay of ").append(input).append(" (").append(format).append("), ")
                .append(ports.get(0)).append(traffic.port(1).received() > 0 ? " <-> " : " -> ").append(ports.get(1))
                .append(":\n");
        row(b, 2, "Frames read", traffic.read(), null);
        row(b, 2, "Forwarded", traffic.forwarded(), traffic.nonIpv4() > 0 ? "non-IPv4 " + traffic.nonIpv4() : null);
        row(b, 2, "Dropped by access lists", traffic.dropped(), null);
        for (ListCounters c : lists) {
            if (c.dropped() > 0) {
                row(b, 4, c.list().name(), c.dropped(),
                        "deny entries " + c.deniedByEntries() + ", implicit deny " + c.implicitDenies());
            }
        }
        row(b, 2, "Malformed, dropped", traffic.malformed(), malformedNote());
        row(b, 2, "Non-IPv4, forwarded", traffic.nonIpv4(), null);
        for (int bucket = 0; bucket < EtherTypes.BUCKETS; bucket++) {
            long n = traffic.nonIpv4InBucket(bucket);
            if (n > 0) {
                row(b, 4, EtherTypes.bucketLabel(bucket), n, null);
            }
        }
        b.append(String.format("  %-28s %10s %10s %10s%n", "Ports", "received", "sent", "dropped"));
        for (int i = 0; i < ports.size(); i++) {
            PortCounters p = traffic.port(i);
            b.append(String.format("    %-26s %10d %10d %10d%n", ports.get(i), p.received(), p.transmitted(),
                    p.dropped()));
        }
        b.append("  ").append(accounting()).append('\n');
        if (error != null) {
            b.append("  Stopped early: ").append(error).append('\n');
        }
        b.append(String.format(Locale.ROOT, "  Time %.3f s, %,.0f frames/s%n", seconds(), framesPerSecond()));
        return b.toString();
    }

    private String malformedNote() {
        List<String> parts = new ArrayList<>();
        if (traffic.l4Truncated() > 0) {
            parts.add("L4 header cut short " + traffic.l4Truncated());
        }
        if (traffic.undecodedLinkType() > 0) {
            parts.add("link type not decoded " + traffic.undecodedLinkType());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static void row(StringBuilder b, int indent, String label, long n, String note) {
        String line = " ".repeat(indent) + String.format("%-" + (30 - indent) + "s %10d", label, n);
        b.append(note == null ? line : line + "  (" + note + ")").append('\n');
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double framesPerSecond() {
        return elapsedNanos == 0 ? 0 : traffic.read() / seconds();
    }

    /** One JSON object with everything above and the per-entry counters of every list. */
    public String json() {
        JsonWriter j = new JsonWriter().beginObject();
        j.member("input", input).member("format", format);
        j.member("ingress", ports.get(0)).member("egress", ports.get(1));
        j.name("frames").beginObject()
                .member("read", traffic.read())
                .member("forwarded", traffic.forwarded())
                .member("dropped", traffic.dropped())
                .member("malformed", traffic.malformed())
                .member("malformedL4Truncated", traffic.l4Truncated())
                .member("malformedLinkType", traffic.undecodedLinkType())
                .member("nonIpv4", traffic.nonIpv4())
                .endObject();
        j.member("balanced", traffic.balanced());
        j.name("droppedByList").beginObject();
        for (ListCounters c : lists) {
            if (c.dropped() > 0) {
                j.name(c.list().name()).beginObject().member("denied", c.deniedByEntries())
                        .member("implicitDeny", c.implicitDenies()).member("total", c.dropped()).endObject();
            }
        }
        j.endObject();
        j.name("nonIpv4ByEthertype").beginObject();
        for (int bucket = 0; bucket < EtherTypes.BUCKETS; bucket++) {
            long n = traffic.nonIpv4InBucket(bucket);
            if (n > 0) {
                j.name(EtherTypes.bucketKey(bucket)).beginObject().member("name", EtherTypes.bucketName(bucket))
                        .member("frames", n).endObject();
            }
        }
        j.endObject();
        j.name("ports").beginArray();
        for (int i = 0; i < ports.size(); i++) {
            PortCounters p = traffic.port(i);
            j.beginObject().member("name", ports.get(i)).member("received", p.received())
                    .member("sent", p.transmitted()).member("dropped", p.dropped()).endObject();
        }
        j.endArray();
        j.name("accessLists").beginArray();
        for (ListCounters c : lists) {
            AccessList list = c.list();
            j.beginObject().member("name", list.name()).member("type", list.kind().keyword());
            j.name("entries").beginArray();
            for (int i = 0; i < list.size(); i++) {
                AccessListEntry e = list.entry(i);
                j.beginObject().member("sequence", e.sequence());
                if (entryText != null) {
                    j.member("entry", entryText.apply(list, e));
                }
                if (rangeActive != null && e.timeRange() != null) {
                    j.member("timeRangeActive", rangeActive.test(e.timeRange()));
                }
                j.member("matches", c.matches(i)).endObject();
            }
            j.endArray();
            j.member("implicitDeny", c.implicitDenies()).endObject();
        }
        j.endArray();
        j.member("error", error);
        j.name("elapsedSeconds").value(seconds());
        j.name("framesPerSecond").value(Math.round(framesPerSecond()));
        return j.endObject().toString();
    }
}
