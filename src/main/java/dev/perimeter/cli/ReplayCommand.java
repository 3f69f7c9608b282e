package dev.perimeter.cli;

import dev.perimeter.acl.AccessListPrinter;
import dev.perimeter.config.ConfigLoader;
import dev.perimeter.config.ParseResult;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.io.CaptureFormat;
import dev.perimeter.io.CaptureReader;
import dev.perimeter.io.CaptureWriter;
import dev.perimeter.io.file.CaptureFiles;
import dev.perimeter.log.AccessLogger;
import dev.perimeter.log.FileSink;
import dev.perimeter.log.LogSink;
import dev.perimeter.log.PrintStreamSink;
import dev.perimeter.match.CompileAhead;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.pipeline.CaptureFileSink;
import dev.perimeter.pipeline.FilterPlan;
import dev.perimeter.pipeline.MatchLog;
import dev.perimeter.pipeline.Port;
import dev.perimeter.pipeline.Replay;
import dev.perimeter.pipeline.ReplayPorts;
import dev.perimeter.stats.ReplaySummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code perimeter replay}: what the configuration's access lists would have done to the frames of a capture.
 * Logs as the router would, writes the forwarded and dropped frames to capture files of the input's format,
 * and ends with {@code show access-lists} and a summary.
 */
@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Replays a pcap or pcapng capture through the configuration's access lists.",
                "A frame meets its ingress interface's 'in' list, then the other side's 'out' list.",
                "Prints the log lines, then 'show access-lists' with counters and a summary."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every frame replayed", "1:invalid configuration, unreadable or corrupt capture, "
                + "write error", "2:wrong options, or the sides cannot be told"})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "CFG", description = "IOS configuration file.")
    Path config;

    @Option(names = "--ingress", paramLabel = "IFACE",
            description = "Interface of the configuration the frames enter on (classic pcap; pcapng frames "
                    + "whose interface name is a configuration interface enter there).")
    String ingress;

    @Option(names = "--egress", paramLabel = "IFACE",
            description = "Interface the frames leave by. Alone it suffices: the other side is the other bound "
                    + "interface, or an unnamed port with no lists.")
    String egress;

    @Option(names = "--map", paramLabel = "NAME=IFACE",
            description = "A pcapng interface name (its if_name, such as eth0) stands for this configuration "
                    + "interface; may be repeated.")
    Map<String, String> aliases = new LinkedHashMap<>();

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "Capture file (pcap or pcapng); - reads it from standard input.")
    Path input;

    @Option(names = "--forwarded", paramLabel = "OUT",
            description = "Write the forwarded frames here (the input's format and link type); - is standard "
                    + "output, and the summary and log lines then go to standard error.")
    Path forwarded;

    @Option(names = "--dropped", paramLabel = "OUT", description = "Write the dropped frames here (- as above).")
    Path dropped;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Write the log lines to FILE instead of standard output.")
    Path logFile;

    @Option(names = "--json", description = "Print the summary and counters as one JSON object "
            + "(log lines then go to standard error unless --log is given).")
    boolean json;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig routerConfig;
        try {
            ParseResult parsed = ConfigLoader.load(config);
            if (!parsed.isValid()) {
                err.print(parsed.formatErrors());
                err.println("perimeter replay: " + config + " has " + parsed.errors().size()
                        + (parsed.errors().size() == 1 ? " error" : " errors") + "; nothing replayed");
                return 1;
            }
            routerConfig = parsed.config();
        } catch (NoSuchFileException e) {
            return fail("no such configuration file: " + config, 1);
        } catch (IOException e) {
            return fail("cannot read " + config + ": " + e.getMessage(), 1);
        }

        boolean fromStandardInput = CaptureFiles.isStandardStream(input);
        try {
            String clash = OutputClash.find(
                    List.of(new OutputClash.NamedFile("input capture", fromStandardInput ? null : input),
                            new OutputClash.NamedFile("configuration", config)),
                    List.of(new OutputClash.NamedFile("--forwarded", forwarded),
                            new OutputClash.NamedFile("--dropped", dropped),
                            new OutputClash.NamedFile("--log", logFile)));
            if (clash != null) {
                return fail(clash + "; nothing replayed", 2);
            }
        } catch (IOException e) {
            return fail("cannot check the output files: " + e.getMessage(), 1);
        }
        Path spooled = null;
        try {
            if (fromStandardInput) {
                spooled = spool(System.in);
            }
            return replay(routerConfig, spooled != null ? spooled : input);
        } catch (IOException e) {
            return fail("cannot keep standard input in a temporary file: " + e.getMessage(), 1);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException e) {
                    err.println("perimeter replay: warning: cannot remove " + spooled + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Standard input copied into a temporary file: captures are read through a memory mapping, which a pipe
     * cannot give ({@code zcat capture.pcap.gz | perimeter replay ... -}).
     */
    private static Path spool(InputStream in) throws IOException {
        Path file = Files.createTempFile("perimeter-replay-", ".capture");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private int replay(RouterConfig routerConfig, Path source) throws InterruptedException {
        try (CaptureReader reader = CaptureFiles.openReader(source)) {
            ReplayPorts sides;
            try {
                sides = ReplayPorts.resolve(routerConfig, ingress, egress,
                        reader.interfaces().stream().map(CaptureReader.CaptureInterface::name).toList(), aliases);
            } catch (IllegalArgumentException e) {
                return fail(e.getMessage(), 2);
            }
            ReplayWarnings.unfilteredSides(routerConfig, sides, err);
            return replay(routerConfig, reader, sides);
        } catch (NoSuchFileException e) {
            return fail("no such capture file: " + input, 1);
        } catch (IOException e) {
            return fail(input + ": " + e.getMessage(), 1);
        }
    }

    private int replay(RouterConfig routerConfig, CaptureReader reader, ReplayPorts sides)
            throws IOException, InterruptedException {
        FilterSet filters = FilterSet.build(routerConfig, Matchers::forPipeline, CompileAhead.executor());
        List<CaptureReader.CaptureInterface> interfaces = reader.interfaces();
        ReplayWarnings.undecodedLinkTypes(interfaces, err);
        Replay.Result result;
        CaptureWriter fwd = null;
        CaptureWriter drp = null;
        LogSink logSink = null;
        try {
            try {
                fwd = open(forwarded, reader, interfaces);
                drp = open(dropped, reader, interfaces);
                logSink = logFile != null ? new FileSink(logFile)
                        : new PrintStreamSink(json || capturesToStandardOutput() ? err : out);
            } catch (IOException e) {
                return fail("cannot write " + (fwd == null && forwarded != null ? forwarded
                        : drp == null && dropped != null ? dropped : logFile) + ": " + reason(e), 1);
            }
            AccessLogger logger = new AccessLogger(routerConfig.logging(), logSink, AccessLogger.DEFAULT_FLOW_CACHE,
                    routerConfig.timeRanges().zone().rules()); // localtime is the router's clock
            result = Replay.run(filters, sides, reader, new CaptureFileSink(fwd, drp), MatchLog.of(logger));
        } finally {
            closeAll(fwd, drp, logSink);
        }
        FilterPlan plan = result.plan();
        // time ranges are shown in their state at the end of the capture, as the router would show them then
        long end = result.framesPublished() > 0 ? result.pipeline().lastTimeNanos() : RouterTime.now();
        Predicate<String> rangeActive = routerConfig.timeRanges().at(end);
        String error = result.corruption() != null ? result.corruption().getMessage()
                : result.failure() != null ? describe(result.failure()) : null;
        ReplaySummary summary = new ReplaySummary(input.toString(), formatName(reader.format()),
                sides.ports().all().stream().map(Port::toString).toList(), result.pipeline().traffic(),
                plan.allCounters(), result.elapsedNanos(), error, AccessListPrinter::entryText, rangeActive);
        // standard output may be carrying a capture: the report goes to standard error then
        PrintStream report = capturesToStandardOutput() ? err : out;
        if (json) {
            report.println(summary.json());
        } else {
            report.println();
            report.print(AccessListPrinter.showAll(routerConfig.accessLists().values(),
                    list -> plan.counters(list).snapshot(), rangeActive));
            report.println();
            report.print(summary.text());
        }
        report.flush();
        if (error != null) {
            return fail(input + ": " + error, 1);
        }
        return 0;
    }

    /** Whether --forwarded or --dropped is {@code -}, standard output (as in {@code tcpdump -w -}). */
    private boolean capturesToStandardOutput() {
        return forwarded != null && CaptureFiles.isStandardStream(forwarded)
                || dropped != null && CaptureFiles.isStandardStream(dropped);
    }

    /** Outputs copy the input's records as they stand when the formats allow it. */
    private static CaptureWriter open(Path path, CaptureReader reader, List<CaptureReader.CaptureInterface> itfs)
            throws IOException {
        return path == null ? null : CaptureFiles.openWriter(path, reader.format(), itfs, reader);
    }

    private static void closeAll(AutoCloseable... resources) throws IOException {
        IOException failure = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static String formatName(CaptureFormat format) {
        return switch (format) {
            case PCAP -> "pcap";
            case PCAP_NANO -> "pcap, nanosecond timestamps";
            case PCAPNG -> "pcapng";
        };
    }

    /** Why a file could not be created: the JDK's messages for these are only the path again. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    private static String describe(Throwable t) {
        Throwable cause = t.getCause() != null && t instanceof java.io.UncheckedIOException ? t.getCause() : t;
        return "writing failed: " + cause.getMessage();
    }

    private int fail(String message, int code) {
        err.println("perimeter replay: " + message);
        err.flush();
        return code;
    }
}
