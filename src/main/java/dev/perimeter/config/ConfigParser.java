package dev.perimeter.config;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.AccessListEntry;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.ClockZone;
import dev.perimeter.acl.Ipv4;
import dev.perimeter.acl.ObjectGroup;
import dev.perimeter.acl.ObjectGroups;
import dev.perimeter.acl.SummerTime;
import dev.perimeter.acl.TimeRange;
import dev.perimeter.acl.TimeRanges;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads IOS configuration text as a router would: numbered and named IPv4 access lists with their edits,
 * {@code interface} blocks with {@code ip access-group}, and the logging commands. Every other command is skipped
 * with a warning (real configurations carry much more); a malformed access-list line is an error, and a bad line
 * never stops the rest of the file from being read.
 *
 * <p>Like a router reading pasted text, the parser keeps a mode: after {@code ip access-list ...} the lines are
 * entries of that list, after {@code interface X} they are interface commands. A line that is not indented and
 * is not a command of the current mode leaves the mode and is read as a global command.
 */
public final class ConfigParser {
    private static final KeywordSet GLOBAL = KeywordSet.of("access-list", "interface", "ip", "service", "logging",
            "object-group", "no", "end", "exit", "define", "time-range", "clock");
    private static final KeywordSet TIME_RANGE_MODE = KeywordSet.of("absolute", "periodic", "no", "default", "exit",
            "end");
    private static final KeywordSet TIME_RANGE_NO = KeywordSet.of("absolute", "periodic");
    private static final KeywordSet CLOCK = KeywordSet.of("timezone", "summer-time");
    /** The kinds of {@code object-group}; only network and service groups are read, the others are skipped. */
    private static final KeywordSet GROUP_KIND = KeywordSet.of("network", "service", "security", "fqdn", "geo",
            "v6-network", "v6-service", "ipv6");
    private static final KeywordSet GLOBAL_IP = KeywordSet.of("access-list");
    private static final KeywordSet IP_ACCESS_LIST = KeywordSet.of("standard", "extended", "resequence", "logging",
            "log-update");
    /** Other {@code ip access-list} commands of IOS that take no part in filtering. */
    private static final KeywordSet IP_ACCESS_LIST_OTHER = KeywordSet.of("persistent", "role-based", "fqdn",
            "match-local-traffic", "hardware", "helper", "compiled", "counters");
    private static final KeywordSet KIND = KeywordSet.of("standard", "extended");
    private static final KeywordSet LIST_MODE = KeywordSet.of("permit", "deny", "remark", "no", "exit", "end",
            "default", "dynamic", "evaluate", "statistics");
    private static final KeywordSet LIST_NO = KeywordSet.of("permit", "deny", "remark");
    private static final KeywordSet SEQUENCED = KeywordSet.of("permit", "deny", "remark");
    private static final KeywordSet NUMBERED_BODY = KeywordSet.of("permit", "deny", "remark", "dynamic");
    private static final KeywordSet INTERFACE_MODE = KeywordSet.of("ip", "no", "exit", "end");
    private static final KeywordSet INTERFACE_IP = KeywordSet.of("access-group");
    private static final KeywordSet DIRECTION = KeywordSet.of("in", "out");
    private static final KeywordSet SERVICE = KeywordSet.of("timestamps");
    private static final KeywordSet TIMESTAMP_KIND = KeywordSet.of("log", "debug");
    private static final KeywordSet TIMESTAMP_FORMAT = KeywordSet.of("uptime", "datetime");
    private static final KeywordSet DATETIME_OPTIONS = KeywordSet.of("msec", "localtime", "show-timezone", "year");
    private static final KeywordSet LOGGING = KeywordSet.of("host");
    private static final KeywordSet INTERVAL = KeywordSet.of("interval");
    private static final KeywordSet THRESHOLD = KeywordSet.of("threshold");
    private static final KeywordSet NON_IP_LIST_WORDS = KeywordSet.of("compiled", "dynamic-extend", "rate-limit");

    private static final KeywordSet BANNER = KeywordSet.of("banner");
    private static final KeywordSet BANNER_KIND = KeywordSet.of("motd", "exec", "incoming", "login",
            "prompt-timeout", "slip-ppp", "config-save");
    private static final KeywordSet MACRO = KeywordSet.of("macro");
    private static final KeywordSet MACRO_NAME = KeywordSet.of("name");
    private static final KeywordSet IP_ACCESS_WORDS = KeywordSet.of("access-list", "access-group");
    private static final KeywordSet DEFINE = KeywordSet.of("interface-range");

    private enum Mode { GLOBAL, ACCESS_LIST, INTERFACE, OBJECT_GROUP, TIME_RANGE, OTHER_BLOCK, TEXT }

    private final String sourceName;
    private final Map<String, AccessListEditor> lists = new LinkedHashMap<>();
    private final Map<String, InterfaceConfig> interfaces = new LinkedHashMap<>();
    /** {@code define interface-range NAME ...}: the interfaces of each macro, expanded when it is defined. */
    private final Map<String, List<String>> rangeMacros = new LinkedHashMap<>();
    private final ObjectGroupTable groups = new ObjectGroupTable();
    private final ObjectGroupCommands groupCommands = new ObjectGroupCommands(groups, lists, this::warn);
    private final Map<String, TimeRangeEditor> timeRanges = new LinkedHashMap<>();
    /** Where each time range was first named by an entry, to point at it when the range is not defined. */
    private final Map<String, Object[]> timeRangeUses = new LinkedHashMap<>();
    private ClockZone clockZone = ClockZone.UTC;
    private SummerTime summerTime;
    private LogSettings logging = LogSettings.DEFAULT;
    /** Where each binding was made ("eth0 in" -> line and text), to point at it when its list is missing. */
    private final Map<String, Object[]> bindingLines = new LinkedHashMap<>();
    private final List<ConfigDiagnostic> errors = new ArrayList<>();
    private final List<ConfigDiagnostic> warnings = new ArrayList<>();
    private int skipped;

    private Mode mode = Mode.GLOBAL;
    private AccessListEditor currentList;
    /** The interface, or every interface of the range, that interface commands apply to now. */
    private List<String> currentInterfaces = List.of();
    private ObjectGroupTable.Editor currentGroup;
    private TimeRangeEditor currentTimeRange;
    private int lineNumber;
    private String line;
    /** In TEXT mode (a banner or macro body): the character that ends it, or -1 until the text's first line. */
    private int textEnd;

    private ConfigParser(String sourceName) {
        this.sourceName = sourceName;
    }

    /** Parses configuration text; {@code sourceName} names it in diagnostics. */
    public static ParseResult parse(String sourceName, String text) {
        ConfigParser p = new ConfigParser(sourceName);
        p.run(text);
        return p.result();
    }

    private void run(String text) {
        int n = text.length();
        int start = 0;
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            lineNumber++;
            String raw = text.substring(start, end);
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            if (!(end == n && raw.isEmpty())) {
                line(raw);
            }
            start = end + 1;
        }
    }

    private ParseResult result() {
        ObjectGroups objectGroups = groups.snapshot();
        Map<String, AccessList> built = new LinkedHashMap<>();
        lists.forEach((name, editor) -> built.put(name, editor.build(objectGroups)));
        for (InterfaceConfig itf : interfaces.values()) {
            String[] bound = {itf.inList(), itf.outList()};
            String[] dir = {" in", " out"};
            for (int i = 0; i < 2; i++) {
                if (bound[i] != null && !built.containsKey(bound[i])) {
                    Object[] where = bindingLines.getOrDefault(itf.name() + dir[i], new Object[] {0, ""});
                    warnings.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.WARNING, sourceName, (Integer) where[0],
                            (String) where[1], -1, "access list " + bound[i] + " is bound to " + itf.name() + dir[i]
                            + " but not defined (it permits everything)"));
                }
            }
        }
        Map<String, TimeRange> ranges = new LinkedHashMap<>();
        timeRanges.forEach((name, editor) -> ranges.put(name, editor.build()));
        for (Map.Entry<String, Object[]> use : timeRangeUses.entrySet()) {
            String name = use.getKey();
            if (!ranges.containsKey(name) && built.values().stream().anyMatch(l -> l.timeRangeNames().contains(name))) {
                warnings.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.WARNING, sourceName,
                        (Integer) use.getValue()[0], (String) use.getValue()[1], -1, "time range " + name
                        + " is not defined: entries naming it are always in effect, as on IOS"));
            }
        }
        return new ParseResult(new RouterConfig(built, interfaces, logging, objectGroups,
                new TimeRanges(ranges, clockZone.withSummerTime(summerTime))), errors, warnings, skipped);
    }

    private void line(String raw) {
        this.line = raw;
        if (mode == Mode.TEXT) {
            textLine(raw);
            return;
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '!' || trimmed.charAt(0) == '#') {
            return;
        }
        Tokens t = new Tokens(raw);
        try {
            switch (mode) {
                case ACCESS_LIST -> listLine(t);
                case INTERFACE -> interfaceLine(t);
                case OBJECT_GROUP -> groupLine(t);
                case TIME_RANGE -> timeRangeLine(t);
                case OTHER_BLOCK -> {
                    if (t.isIndented()) {
                        skip("skipped (inside a block Perimeter does not use)");
                    } else {
                        mode = Mode.GLOBAL;
                        global(t);
                    }
                }
                default -> global(t);
            }
        } catch (ParseError e) {
            int column = e.tokenIndex >= 0 ? t.column(e.tokenIndex) + e.offset : -1;
            errors.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.ERROR, sourceName, lineNumber, raw, column,
                    e.getMessage()));
        }
    }

    private void skip(String why) {
        skipped++;
        warnings.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.WARNING, sourceName, lineNumber, line, -1, why));
    }

    private void warn(String why) {
        warnings.add(new ConfigDiagnostic(ConfigDiagnostic.Severity.WARNING, sourceName, lineNumber, line, -1, why));
    }

    private void skipCommand() {
        skip("skipped (not an access-list, interface binding or logging command)");
        mode = Mode.OTHER_BLOCK;
    }

    // ---- global commands ----

    private void global(Tokens t) {
        mode = Mode.GLOBAL;
        String k = t.accept(GLOBAL);
        if (k == null) {
            if (!startsText(t)) {
                skipCommand();
            }
            return;
        }
        switch (k) {
            case "access-list" -> numberedList(t);
            case "ip" -> {
                int at = t.position();
                if (t.hasNext() && "access-group".equals(IP_ACCESS_WORDS.resolve(t.peek()))) {
                    // an interface command with no interface open: the router refuses it in global mode
                    throw t.invalidAt(at);
                }
                if (t.accept(GLOBAL_IP) == null) {
                    skipCommand();
                } else {
                    ipAccessList(t);
                }
            }
            case "interface" -> {
                List<String> names = interfaceNames(t);
                for (String itf : names) {
                    interfaces.putIfAbsent(itf, new InterfaceConfig(itf, null, null));
                }
                currentInterfaces = names;
                mode = Mode.INTERFACE;
            }
            case "define" -> defineRange(t);
            case "service" -> service(t);
            case "logging" -> loggingCommand(t);
            case "object-group" -> objectGroup(t);
            case "time-range" -> {
                String name = TimeRangeParser.name(t);
                t.end();
                currentTimeRange = timeRanges.computeIfAbsent(name, TimeRangeEditor::new);
                mode = Mode.TIME_RANGE;
            }
            case "clock" -> clock(t);
            case "no" -> negated(t);
            default -> t.end(); // end, exit
        }
    }

    /** {@code clock timezone NAME HOURS [MINUTES]} and {@code clock summer-time ...}; other clock commands skipped. */
    private void clock(Tokens t) {
        String k = t.accept(CLOCK);
        if (k == null) {
            skipCommand();
            return;
        }
        if (k.equals("summer-time")) {
            summerTime = TimeRangeParser.summerTime(t);
            return;
        }
        String name = t.next();
        clockZone = new ClockZone(name, TimeRangeParser.offset(t));
    }

    // ---- inside time-range ----

    /**
     * A line inside {@code time-range NAME}: {@code absolute}, {@code periodic}, their {@code no} forms, or
     * {@code exit}. An unindented line that is none of these leaves the block and is read as a global command.
     */
    private void timeRangeLine(Tokens t) {
        String k = t.accept(TIME_RANGE_MODE);
        if (("no".equals(k) || "default".equals(k)) && !t.isIndented() && t.hasNext()
                && TIME_RANGE_NO.resolve(t.peek()) == null) {
            k = null; // a global no command, as in "no time-range T"
            t.seek(0);
        }
        if (k == null) {
            if (t.isIndented()) {
                throw t.invalid();
            }
            global(t);
            return;
        }
        TimeRangeEditor range = currentTimeRange;
        switch (k) {
            case "absolute" -> range.absolute = TimeRangeParser.absolute(t); // a second one replaces the first
            case "periodic" -> {
                TimeRange.Periodic p = TimeRangeParser.periodic(t);
                if (!range.periodics.contains(p)) {
                    range.periodics.add(p);
                }
            }
            case "no", "default" -> {
                if (!t.hasNext()) {
                    throw t.incomplete();
                }
                if (t.expect(TIME_RANGE_NO).equals("absolute")) {
                    t.rest(); // IOS removes the absolute window whatever follows
                    if (range.absolute == null) {
                        warn("time range " + range.name + " has no absolute window");
                    }
                    range.absolute = null;
                } else if (!range.periodics.remove(TimeRangeParser.periodic(t))) {
                    warn("no such periodic in time range " + range.name);
                }
            }
            default -> { // exit, end
                t.end();
                mode = Mode.GLOBAL;
            }
        }
    }

    /**
     * The interfaces an {@code interface} or {@code no interface} command names: one, written in one or more words
     * ({@code GigabitEthernet 0/1} is {@code GigabitEthernet0/1}), or those of {@code range SPAN [, SPAN ...]} or
     * {@code range macro NAME}.
     */
    private List<String> interfaceNames(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        if (!t.peek().equalsIgnoreCase("range")) {
            StringBuilder name = new StringBuilder();
            while (t.hasNext()) {
                name.append(t.next());
            }
            return List.of(name.toString());
        }
        t.next();
        if (t.hasNext() && t.peek().equalsIgnoreCase("macro")) {
            t.next();
            int nameAt = t.position();
            String macro = t.next();
            t.end();
            List<String> names = rangeMacros.get(macro);
            if (names == null) {
                throw t.rule("% Interface range macro " + macro + " is not defined", nameAt);
            }
            return names;
        }
        return InterfaceRange.expand(t);
    }

    /** {@code define interface-range NAME SPAN [, SPAN ...]}: a name for {@code interface range macro NAME}. */
    private void defineRange(Tokens t) {
        if (t.accept(DEFINE) == null) {
            if (!t.hasNext()) {
                throw t.incomplete();
            }
            skipCommand();
            return;
        }
        String macro = t.next();
        rangeMacros.put(macro, InterfaceRange.expand(t)); // a range refused leaves an earlier definition as it was
    }

    /**
     * {@code banner [KIND] D text D} and {@code macro name X ... @}: free text over several lines, which must
     * not be read as commands. The banner's text ends at the next D, its first character.
     */
    private boolean startsText(Tokens t) {
        int at = t.position();
        String w = t.peek();
        if (w != null && w.length() >= 3 && t.accept(BANNER) != null) {
            t.accept(BANNER_KIND);
            skip("skipped (banner text)");
            if (!t.hasNext()) {
                textEnd = -1; // the delimiter is the first character of the next line
                mode = Mode.TEXT;
                return true;
            }
            String rest = line.substring(t.column(t.position()));
            int end = rest.indexOf(rest.charAt(0), 1);
            if (end < 0) {
                textEnd = rest.charAt(0);
                mode = Mode.TEXT;
            } else {
                mode = Mode.GLOBAL;
            }
            return true;
        }
        t.seek(at);
        if (w != null && w.length() >= 3 && t.accept(MACRO) != null && t.accept(MACRO_NAME) != null) {
            skip("skipped (macro body)");
            textEnd = '@';
            mode = Mode.TEXT;
            return true;
        }
        t.seek(at);
        return false;
    }

    private void textLine(String raw) {
        skipped++;
        if (textEnd < 0) {
            String s = raw.strip();
            if (s.isEmpty()) {
                return;
            }
            textEnd = s.charAt(0);
            if (s.indexOf(textEnd, 1) >= 0) {
                mode = Mode.GLOBAL;
            }
            return;
        }
        if (raw.indexOf(textEnd) >= 0) {
            mode = Mode.GLOBAL;
        }
    }

    /** {@code access-list N permit|deny|remark ...}. */
    private void numberedList(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        if (!t.nextIsNumber()) {
            if (t.accept(NON_IP_LIST_WORDS) != null) {
                skipCommand();
                return;
            }
            throw t.invalid();
        }
        int numberAt = t.position();
        int number = t.number(1, 2699);
        AccessList.Kind kind = NumberedLists.kind(number);
        if (kind == null) {
            skipCommand(); // a list of another protocol family (MAC, IPX, ...)
            return;
        }
        int bodyAt = t.position();
        String k = t.expect(NUMBERED_BODY);
        String name = Integer.toString(number);
        if (k.equals("remark")) {
            editorFor(name, kind, t, numberAt).addRemark(t.rest());
            return;
        }
        if (k.equals("dynamic")) {
            throw t.rule("% dynamic access-list entries are not supported", bodyAt);
        }
        Action action = k.equals("permit") ? Action.PERMIT : Action.DENY;
        AccessListEntry.Builder b = kind == AccessList.Kind.STANDARD
                ? EntryParser.standard(t, action) : EntryParser.extended(t, action, groups::kindOf);
        AccessListEditor editor = lists.get(name);
        long seq = editor == null ? 10 : editor.nextSequence();
        if (seq > AccessListEditor.MAX_SEQUENCE) {
            throw t.rule("% Sequence number exceeds the maximum", bodyAt);
        }
        AccessListEntry entry = b.sequence((int) seq).build();
        long expansion = checkExpansion(editor, name, entry, t);
        // create the list only once the entry is valid, as IOS does
        editor = editorFor(name, kind, t, numberAt);
        editor.add(entry, t, bodyAt);
        added(editor, entry, expansion);
        namedTimeRange(entry);
    }

    /** Where a time range was first named, for the warning at the end when it is never defined. */
    private void namedTimeRange(AccessListEntry entry) {
        if (entry.timeRange() != null) {
            timeRangeUses.putIfAbsent(entry.timeRange(), new Object[] {lineNumber, line});
        }
    }

    /** Keeps the list's count of plain entries; an entry naming an empty group is worth a warning. */
    private void added(AccessListEditor editor, AccessListEntry entry, long expansion) {
        if (entry.usesObjectGroups()) {
            editor.addedExpansion(groups.snapshot(), entry, expansion);
            if (expansion == 0) {
                warn("entry matches nothing: an object group it names has no members");
            }
        }
    }

    /**
     * How many plain entries an entry naming object groups stands for, refused past the limits of one entry
     * and of one list's object-group entries; 0 for an entry that names none. {@code editor} may be null for
     * a list not created yet.
     */
    private long checkExpansion(AccessListEditor editor, String listName, AccessListEntry entry, Tokens t) {
        if (!entry.usesObjectGroups()) {
            return 0;
        }
        ObjectGroups snapshot = groups.snapshot();
        long size = snapshot.expansionSize(entry);
        int at = firstGroupName(t, entry);
        if (size > ObjectGroups.MAX_ENTRY_EXPANSION) {
            throw t.rule("% Entry expands to " + size + " entries through its object groups, more than the limit"
                    + " of " + ObjectGroups.MAX_ENTRY_EXPANSION, at);
        }
        long total = (editor == null ? 0 : editor.groupExpansion(snapshot)) + size;
        if (total > ObjectGroups.MAX_LIST_EXPANSION) {
            throw t.rule("% Entry would bring the object-group entries of access list " + listName + " to " + total
                    + " entries, more than the limit of " + ObjectGroups.MAX_LIST_EXPANSION, at);
        }
        return size;
    }

    /** The word index of the first group name in an entry's line (after its {@code object-group}), for the caret. */
    private static int firstGroupName(Tokens t, AccessListEntry entry) {
        for (int i = 1; i < t.size(); i++) {
            String w = t.word(i);
            boolean named = w.equals(entry.serviceGroup()) || w.equals(entry.sourceGroup())
                    || w.equals(entry.destinationGroup());
            if (named && "object-group".startsWith(t.word(i - 1).toLowerCase(java.util.Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    private AccessListEditor editorFor(String name, AccessList.Kind kind, Tokens t, int nameAt) {
        AccessListEditor editor = lists.get(name);
        if (editor == null) {
            editor = new AccessListEditor(name, kind);
            lists.put(name, editor);
        } else if (editor.kind != kind) {
            throw t.rule("% Access list " + name + " exists as a " + editor.kind.keyword() + " list", nameAt);
        }
        return editor;
    }

    /** {@code ip access-list standard|extended NAME}, {@code resequence}, {@code logging interval}, {@code log-update}. */
    private void ipAccessList(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        String k = t.accept(IP_ACCESS_LIST);
        if (k == null) {
            if (t.accept(IP_ACCESS_LIST_OTHER) != null) {
                skipCommand();
                return;
            }
            throw t.invalid();
        }
        switch (k) {
            case "standard", "extended" -> {
                AccessList.Kind kind = k.equals("standard") ? AccessList.Kind.STANDARD : AccessList.Kind.EXTENDED;
                int nameAt = t.position();
                String name = t.next();
                t.end();
                checkListName(t, name, kind, nameAt);
                currentList = editorFor(name, kind, t, nameAt);
                mode = Mode.ACCESS_LIST;
            }
            case "resequence" -> {
                int nameAt = t.position();
                String name = t.next();
                int start = t.number(1, AccessListEditor.MAX_SEQUENCE);
                int increment = t.number(1, AccessListEditor.MAX_SEQUENCE);
                t.end();
                AccessListEditor editor = lists.get(name);
                if (editor == null) {
                    throw t.rule("% Access list " + name + " does not exist", nameAt);
                }
                if (!editor.resequence(start, increment)) {
                    throw t.rule("% Exceeded maximum sequence number.", -1);
                }
            }
            case "logging" -> {
                if (t.accept(INTERVAL) == null) {
                    if (!t.hasNext()) {
                        throw t.incomplete();
                    }
                    skipCommand(); // hash-generation and friends
                    return;
                }
                int ms = t.number(0, Integer.MAX_VALUE);
                t.end();
                logging = logging.withLoggingInterval(ms);
            }
            default -> { // log-update
                t.expect(THRESHOLD);
                int n = t.number(0, Integer.MAX_VALUE);
                t.end();
                logging = logging.withLogUpdateThreshold(n);
            }
        }
    }

    /** A name of digits must be a number of the right kind. */
    private static void checkListName(Tokens t, String name, AccessList.Kind kind, int nameAt) {
        if (Tokens.isNumber(name)) {
            long n = Long.parseLong(name);
            if (n > 2699 || NumberedLists.kind((int) n) != kind) {
                throw t.rule("% Invalid access list name.", nameAt);
            }
        }
    }

    /** {@code service timestamps log uptime | datetime [msec] [localtime] [show-timezone] [year]}. */
    private void service(Tokens t) {
        if (t.accept(SERVICE) == null) {
            skipCommand();
            return;
        }
        String which = t.hasNext() ? t.expect(TIMESTAMP_KIND) : "debug";
        LogSettings.Timestamps ts = timestamps(t);
        if (which.equals("log")) {
            logging = logging.withTimestamps(ts);
        }
    }

    private static LogSettings.Timestamps timestamps(Tokens t) {
        if (!t.hasNext()) {
            return LogSettings.Timestamps.UPTIME;
        }
        if (t.expect(TIMESTAMP_FORMAT).equals("uptime")) {
            t.end();
            return LogSettings.Timestamps.UPTIME;
        }
        boolean msec = false;
        boolean localtime = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (t.hasNext()) {
            int at = t.position();
            String o = t.expect(DATETIME_OPTIONS);
            if (!seen.add(o)) {
                throw t.invalidAt(at);
            }
            msec |= o.equals("msec");
            localtime |= o.equals("localtime");
        }
        return new LogSettings.Timestamps(true, msec, localtime);
    }

    /** {@code logging host A [...]} or the old {@code logging A}; other logging commands are skipped. */
    private void loggingCommand(Tokens t) {
        if (t.nextIsAddress()) {
            logging = logging.withLoggingHost(Ipv4.format(t.address()));
            return;
        }
        if (t.accept(LOGGING) == null) {
            skipCommand();
            return;
        }
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        if (!t.nextIsAddress()) {
            skip("skipped (only IPv4 logging hosts are used)");
            return;
        }
        logging = logging.withLoggingHost(Ipv4.format(t.address())); // transport/vrf options do not matter here
    }

    /** Global {@code no} forms. */
    private void negated(Tokens t) {
        String k = t.accept(GLOBAL);
        if (k == null) {
            skipCommand();
            return;
        }
        switch (k) {
            case "access-list" -> removeNumberedList(t);
            case "ip" -> negatedIpAccessList(t);
            case "logging" -> removeLoggingHost(t);
            case "service" -> {
                if (t.accept(SERVICE) == null) {
                    skipCommand();
                    return;
                }
                if (!t.hasNext() || t.expect(TIMESTAMP_KIND).equals("log")) {
                    logging = logging.withTimestamps(LogSettings.Timestamps.UPTIME);
                }
            }
            case "interface" -> interfaceNames(t).forEach(interfaces::remove);
            case "define" -> {
                if (t.accept(DEFINE) == null) {
                    skipCommand();
                    return;
                }
                String macro = t.next(); // the range that may follow, as IOS writes it, does not matter
                t.rest();
                if (rangeMacros.remove(macro) == null) {
                    warn("interface range macro " + macro + " does not exist");
                }
            }
            case "object-group" -> removeObjectGroup(t);
            case "time-range" -> {
                String name = t.next();
                t.end();
                if (timeRanges.remove(name) == null) {
                    warn("time range " + name + " does not exist");
                }
            }
            case "clock" -> resetClock(t);
            default -> skipCommand();
        }
    }

    /** {@code no access-list N ...}: IOS deletes the whole numbered list, whatever follows the number. */
    private void removeNumberedList(Tokens t) {
        int number = t.number(1, 2699);
        if (NumberedLists.kind(number) == null) {
            skipCommand();
            return;
        }
        if (lists.remove(Integer.toString(number)) == null) {
            warn("access list " + number + " does not exist");
        } else if (t.hasNext()) {
            warn("removed all of access list " + number + ", as IOS does");
        }
    }

    /** {@code no ip access-list standard|extended NAME}, {@code logging interval}, {@code log-update threshold}. */
    private void negatedIpAccessList(Tokens t) {
        if (t.accept(GLOBAL_IP) == null) {
            skipCommand();
            return;
        }
        String what = t.expect(IP_ACCESS_LIST);
        switch (what) {
            case "standard", "extended" -> {
                int nameAt = t.position();
                String name = t.next();
                t.end();
                AccessListEditor editor = lists.get(name);
                if (editor != null && editor.kind.keyword().equals(what)) {
                    lists.remove(name);
                } else if (editor != null) {
                    throw t.rule("% Access list " + name + " exists as a " + editor.kind.keyword() + " list",
                            nameAt);
                } else {
                    warn("access list " + name + " does not exist");
                }
            }
            case "logging" -> {
                t.expect(INTERVAL);
                logging = logging.withLoggingInterval(0);
            }
            case "log-update" -> {
                t.expect(THRESHOLD);
                logging = logging.withLogUpdateThreshold(0);
            }
            default -> throw t.invalidAt(t.position() - 1);
        }
    }

    /** {@code no logging [host] ADDRESS}; other logging commands are skipped. */
    private void removeLoggingHost(Tokens t) {
        boolean hostWord = t.accept(LOGGING) != null;
        if (!t.nextIsAddress()) {
            if (hostWord && !t.hasNext()) {
                throw t.incomplete();
            }
            skipCommand();
            return;
        }
        String host = Ipv4.format(t.address());
        List<String> hosts = new ArrayList<>(logging.loggingHosts());
        hosts.remove(host);
        logging = new LogSettings(logging.timestamps(), logging.loggingIntervalMs(),
                logging.logUpdateThreshold(), hosts);
    }

    /** {@code no clock timezone ...} goes back to UTC, {@code no clock summer-time ...} drops summer time. */
    private void resetClock(Tokens t) {
        String setting = t.accept(CLOCK);
        if (setting == null) {
            skipCommand();
            return;
        }
        t.rest(); // whatever follows, as IOS goes back to UTC or drops summer time
        if (setting.equals("timezone")) {
            clockZone = ClockZone.UTC;
        } else {
            summerTime = null;
        }
    }

    // ---- inside ip access-list ----

    private void listLine(Tokens t) {
        if (t.nextIsNumber()) {
            int seqAt = t.position();
            int seq = t.number(1, AccessListEditor.MAX_SEQUENCE);
            String k = t.expect(SEQUENCED);
            if (k.equals("remark")) {
                currentList.addRemark(t.rest());
                return;
            }
            addEntry(t, k, seq, seqAt);
            return;
        }
        int start = t.position();
        String k = t.accept(LIST_MODE);
        if ("no".equals(k) && !t.nextIsNumber() && t.hasNext() && LIST_NO.resolve(t.peek()) == null
                && !t.isIndented()) {
            k = null; // a global no command, as in "no ip access-list extended X"
            t.seek(start);
        }
        if (k == null) {
            if (t.isIndented()) {
                throw t.invalid();
            }
            global(t);
            return;
        }
        switch (k) {
            case "permit", "deny" -> {
                long seq = currentList.nextSequence();
                if (seq > AccessListEditor.MAX_SEQUENCE) {
                    throw t.rule("% Sequence number exceeds the maximum", 0);
                }
                addEntry(t, k, (int) seq, 0);
            }
            case "remark" -> currentList.addRemark(t.rest());
            case "no" -> listNo(t);
            case "exit", "end" -> {
                t.end();
                mode = Mode.GLOBAL;
            }
            case "statistics" -> skip("skipped (statistics per-entry does not change filtering)");
            default -> throw t.rule("% '" + k + "' is not supported", 0); // default, dynamic, evaluate
        }
    }

    private void addEntry(Tokens t, String actionWord, int seq, int seqAt) {
        Action action = actionWord.equals("permit") ? Action.PERMIT : Action.DENY;
        AccessListEntry.Builder b = currentList.isStandard()
                ? EntryParser.standard(t, action) : EntryParser.extended(t, action, groups::kindOf);
        AccessListEntry entry = b.sequence(seq).build();
        long expansion = checkExpansion(currentList, currentList.name, entry, t);
        currentList.add(entry, t, seqAt);
        added(currentList, entry, expansion);
        namedTimeRange(entry);
    }

    /** {@code no SEQ}, {@code no permit|deny ...}, {@code no remark TEXT}. */
    private void listNo(Tokens t) {
        if (t.nextIsNumber()) {
            int seq = t.number(1, AccessListEditor.MAX_SEQUENCE);
            t.end();
            if (!currentList.remove(seq)) {
                warn("no entry " + seq + " in access list " + currentList.name);
            }
            return;
        }
        String k = t.expect(LIST_NO);
        if (k.equals("remark")) {
            if (!currentList.removeRemark(t.rest())) {
                warn("no such remark in access list " + currentList.name);
            }
            return;
        }
        Action action = k.equals("permit") ? Action.PERMIT : Action.DENY;
        AccessListEntry.Builder b = currentList.isStandard()
                ? EntryParser.standard(t, action) : EntryParser.extended(t, action, groups::kindOf);
        if (!currentList.removeSame(b.build())) {
            warn("no such entry in access list " + currentList.name);
        }
    }

    // ---- object groups ----

    /** {@code object-group network|service NAME}: opens the group; other kinds of group are skipped. */
    private void objectGroup(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        String k = t.expect(GROUP_KIND);
        if (!k.equals("network") && !k.equals("service")) {
            skipCommand(); // security, fqdn, geo and IPv6 groups, with their members
            return;
        }
        ObjectGroup.Kind kind = k.equals("network") ? ObjectGroup.Kind.NETWORK : ObjectGroup.Kind.SERVICE;
        currentGroup = groupCommands.open(t, kind);
        mode = Mode.OBJECT_GROUP;
    }

    /**
     * A line inside {@code object-group}: a member, {@code group-object}, {@code description}, {@code no ...}
     * or {@code exit}. An unindented line that is none of these (or is not valid as one but starts like a
     * global command, such as {@code ip access-list ...} after a service group) leaves the group.
     */
    private void groupLine(Tokens t) {
        boolean network = currentGroup.kind == ObjectGroup.Kind.NETWORK;
        KeywordSet words = ObjectGroupCommands.modeWords(currentGroup.kind);
        boolean member = network ? t.nextIsAddress() : t.nextIsNumber();
        member |= words.resolve(t.peek()) != null;
        if (!member) {
            if (t.isIndented()) {
                throw t.invalid();
            }
            global(t);
            return;
        }
        if (t.isIndented()) {
            groupCommand(t);
            return;
        }
        int start = t.position();
        try {
            groupCommand(t);
        } catch (ParseError e) {
            t.seek(start);
            String k = GLOBAL.resolve(t.peek());
            if (k == null || k == KeywordSet.AMBIGUOUS) {
                throw e;
            }
            global(t);
        }
    }

    private void groupCommand(Tokens t) {
        if (groupCommands.command(t, currentGroup)) {
            mode = Mode.GLOBAL;
        }
    }

    /** {@code no object-group network|service NAME}; other kinds of group are skipped. */
    private void removeObjectGroup(Tokens t) {
        if (!t.hasNext()) {
            throw t.incomplete();
        }
        String k = t.expect(GROUP_KIND);
        if (!k.equals("network") && !k.equals("service")) {
            skipCommand();
            return;
        }
        groupCommands.remove(t, k);
    }

    // ---- inside interface ----

    private void interfaceLine(Tokens t) {
        int start = t.position();
        String k = t.accept(INTERFACE_MODE);
        if (k == null || (k.equals("ip") && !isAccessGroup(t)) || (k.equals("no") && !isNoAccessGroup(t))) {
            t.seek(start);
            if (!t.isIndented() && !InterfaceCommands.isInterfaceOnly(t)) {
                global(t);
            } else {
                skipped++; // the other interface commands (addresses, speed, ...) do not concern filtering
                String notApplied = filteringNotApplied(t);
                if (notApplied != null) {
                    warn(notApplied);
                }
            }
            return;
        }
        switch (k) {
            case "exit", "end" -> {
                t.end();
                mode = Mode.GLOBAL;
            }
            case "ip" -> accessGroup(t, false);
            default -> accessGroup(t, true);
        }
    }

    /**
     * Why an interface command that filters on the router does not filter here: {@code ip inspect NAME in|out}
     * (CBAC), {@code zone-member security Z} and {@code ipv6 traffic-filter NAME in|out}; null for other commands.
     */
    private String filteringNotApplied(Tokens t) {
        int at = t.position();
        try {
            String first = t.hasNext() ? t.next().toLowerCase(java.util.Locale.ROOT) : "";
            String second = t.hasNext() ? t.next().toLowerCase(java.util.Locale.ROOT) : "";
            String stateful = null;
            if (first.equals("ip") && second.equals("inspect") && t.size() - at == 4) {
                stateful = "ip inspect (CBAC)";
            } else if (first.equals("zone-member") && second.equals("security")) {
                stateful = "zone-member security (zone-based firewall)";
            } else if (first.equals("ipv6") && second.equals("traffic-filter")) {
                return "ipv6 traffic-filter is not applied: IPv6 frames cross " + currentInterfaceNames()
                        + " unfiltered, as every non-IPv4 frame does";
            }
            return stateful == null ? null : stateful + " is not applied: the router would also pass or drop"
                    + " packets by session state on " + currentInterfaceNames() + ", which Perimeter does not keep";
        } finally {
            t.seek(at);
        }
    }

    private String currentInterfaceNames() {
        return String.join(", ", currentInterfaces);
    }

    private boolean isAccessGroup(Tokens t) {
        int at = t.position();
        boolean yes = t.accept(INTERFACE_IP) != null;
        t.seek(at);
        return yes;
    }

    private boolean isNoAccessGroup(Tokens t) {
        int at = t.position();
        boolean yes = "ip".equals(t.accept(KeywordSet.of("ip"))) && t.accept(INTERFACE_IP) != null;
        t.seek(at);
        return yes;
    }

    /** {@code [no] ip access-group NAME|N [in|out]}; the direction defaults to in. */
    private void accessGroup(Tokens t, boolean negate) {
        if (negate) {
            t.next(); // ip
        }
        t.expect(INTERFACE_IP);
        String name = null;
        int nameAt = t.position();
        int remaining = t.size() - t.position();
        if (remaining >= 2 || (remaining == 1 && !(negate && DIRECTION.resolve(t.peek()) != null))) {
            name = t.next();
        } else if (!negate) {
            throw t.incomplete();
        }
        boolean out = t.hasNext() && t.expect(DIRECTION).equals("out");
        t.end();
        if (!negate && Tokens.isNumber(name)) {
            long n = Long.parseLong(name);
            if (n > 2699 || NumberedLists.kind((int) n) == null) {
                throw t.invalidAt(nameAt);
            }
        }
        for (String current : currentInterfaces) { // each interface of a range as if configured alone
            InterfaceConfig itf = interfaces.get(current);
            if (negate) {
                String bound = out ? itf.outList() : itf.inList();
                if (bound != null && (name == null || name.equals(bound))) {
                    itf = out ? itf.withOut(null) : itf.withIn(null);
                }
            } else {
                itf = out ? itf.withOut(name) : itf.withIn(name);
                bindingLines.put(current + (out ? " out" : " in"), new Object[] {lineNumber, line});
            }
            interfaces.put(current, itf);
        }
    }
}
