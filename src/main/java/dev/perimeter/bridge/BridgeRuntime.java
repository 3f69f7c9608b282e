package dev.perimeter.bridge;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import dev.perimeter.acl.AccessListPrinter;
import dev.perimeter.acl.ClockZone;
import dev.perimeter.config.ConfigLoader;
import dev.perimeter.config.LogSettings;
import dev.perimeter.config.ParseResult;
import dev.perimeter.config.RouterConfig;
import dev.perimeter.io.live.CaptureLoop;
import dev.perimeter.io.live.LivePort;
import dev.perimeter.io.live.LivePortCounters;
import dev.perimeter.io.live.LivePortException;
import dev.perimeter.io.live.LivePrerequisites;
import dev.perimeter.io.live.LiveTransmitSink;
import dev.perimeter.io.live.LinuxInterfaces;
import dev.perimeter.io.live.PacketRingPort;
import dev.perimeter.io.live.PcapPort;
import dev.perimeter.io.live.PcapPortSettings;
import dev.perimeter.io.live.WallClock;
import dev.perimeter.log.AccessLogger;
import dev.perimeter.log.FileSink;
import dev.perimeter.log.LogSink;
import dev.perimeter.log.LogSinks;
import dev.perimeter.log.PrintStreamSink;
import dev.perimeter.match.CompileAhead;
import dev.perimeter.match.FilterSet;
import dev.perimeter.match.Matchers;
import dev.perimeter.pipeline.BridgePorts;
import dev.perimeter.pipeline.FilterPlan;
import dev.perimeter.pipeline.FrameEvent;
import dev.perimeter.pipeline.Pipeline;
import dev.perimeter.pipeline.Port;
import dev.perimeter.stats.ListCounters;
import dev.perimeter.stats.TrafficCounters;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The live bridge: two ports (AF_PACKET rings carrying the kernel's offload headers, or libpcap where those cannot
 * be had), one ring, one handler thread. Frames entering on one port meet its {@code in}
 * list and the other port's {@code out} list and, when both permit, leave by the other port unchanged; non-IPv4
 * frames (ARP) cross untouched. {@link #reload} swaps in a new configuration's lists atomically or keeps the
 * running ones when the new file has errors; {@link #stop} drains the ring and flushes the log.
 */
public final class BridgeRuntime implements AutoCloseable {
    private static final long HEARTBEAT_MS = 1000;

    private final BridgeOptions options;
    private final PrintStream notices;
    private final WallClock clock = new WallClock();
    private final LivePort[] livePorts = new LivePort[2];
    private final LivePortCounters[] portCounters = {new LivePortCounters(), new LivePortCounters()};
    private final List<CaptureLoop> sources = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private Pipeline pipeline;
    private LogSink logSink;
    private AccessLogger logger;
    private AdminServer admin;
    private Thread heartbeat;
    private long reloads;
    private long failedReloads;
    private LogSettings startLogging;
    private ClockZone startZone;

    public BridgeRuntime(BridgeOptions options, PrintStream notices) {
        this.options = options;
        this.notices = notices;
    }

    /** Reads and checks the configuration file. */
    static RouterConfig loadConfig(java.nio.file.Path file) throws ConfigRejectedException {
        ParseResult parsed;
        try {
            parsed = ConfigLoader.load(file);
        } catch (IOException e) {
            throw new ConfigRejectedException("cannot read " + file + ": " + e.getMessage());
        }
        if (!parsed.isValid()) {
            throw new ConfigRejectedException(file + " has " + parsed.errors().size() + " error"
                    + (parsed.errors().size() == 1 ? "" : "s") + ":\n" + parsed.formatErrors().stripTrailing());
        }
        return parsed.config();
    }

    /** Checks the machine, opens both ports and starts bridging. */
    public synchronized void start() throws ConfigRejectedException, LivePortException, IOException {
        RouterConfig config = loadConfig(options.config());
        LivePrerequisites.libpcapVersion();
        List<String> linuxNames = options.ports().stream().map(PortSpec::linuxName).toList();
        LivePrerequisites.checkPrivileges();
        LivePrerequisites.checkInterfaces(linuxNames);
        warnAboutBindings(config);

        Port first = new Port(0, options.ports().get(0).linuxName(), options.ports().get(0).iosName());
        Port second = new Port(1, options.ports().get(1).linuxName(), options.ports().get(1).iosName());
        BridgePorts ports = new BridgePorts(first, second);
        if (options.admin() != null) { // bound before the ports open, so that a taken port fails early
            try {
                admin = new AdminServer(options.admin(), new BridgeAdminViews(this));
            } catch (IOException e) {
                throw new IOException("cannot serve the admin pages on " + options.admin().getAddress()
                        .getHostAddress() + ":" + options.admin().getPort() + ": " + e.getMessage(), e);
            }
        }
        try {
            for (int i = 0; i < 2; i++) {
                livePorts[i] = openPort(linuxNames.get(i));
            }
            LogSink local = options.logFile() == null ? PrintStreamSink.stdout() : new FileSink(options.logFile(), true);
            logSink = LogSinks.withLoggingHosts(local, config.logging());
            logger = new AccessLogger(config.logging(), logSink, AccessLogger.DEFAULT_FLOW_CACHE,
                    config.timeRanges().zone().rules()); // localtime is the router's clock
            startLogging = config.logging();
            startZone = config.timeRanges().zone();
            logger.setOrigin(clock.nowNanos());
            logger.setClockAuthoritative(ClockSync.isSynchronized());
            pipeline = Pipeline.builder(FilterSet.build(config, Matchers::forPipeline, CompileAhead.executor()), ports)
                    .sink(new LiveTransmitSink(livePorts, portCounters))
                    .log(new LiveMatchLog(logger, logSink, clock))
                    .ringSize(options.ringSize())
                    .producers(ProducerType.MULTI)
                    .waitStrategy(WaitStrategies.byName(options.waitStrategy()))
                    .build();
            RingBuffer<FrameEvent> ring;
            try {
                ring = pipeline.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LivePortException("interrupted while starting", e);
            }
            for (int i = 0; i < 2; i++) {
                CaptureLoop source = new CaptureLoop(livePorts[i], i, ring, portCounters[i], clock, options.batch(),
                        this::notice);
                sources.add(source);
                Thread t = new Thread(source, "capture-" + livePorts[i].interfaceName());
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            heartbeat = new Thread(() -> heartbeat(ring), "heartbeat");
            heartbeat.setDaemon(true);
            heartbeat.start();
            if (admin != null) {
                admin.start();
            }
        } catch (LivePortException | IOException | RuntimeException e) {
            stop(); // threads first, then the handles they use
            throw e;
        }
    }

    /**
     * Opens a port the way {@code --io} asks: an AF_PACKET ring where the kernel grants every option it needs,
     * else (in {@code auto}) libpcap, said once, since libpcap cannot carry a local sender's unfinished checksums
     * or coalesced frames.
     */
    private LivePort openPort(String linuxName) throws LivePortException {
        if (!options.io().equals("pcap")) {
            String why = PacketRingPort.unavailableReason();
            if (why == null) {
                PacketRingPort ring = new PacketRingPort(linuxName);
                try {
                    ring.open();
                    return ring;
                } catch (LivePortException e) {
                    if (options.io().equals("af-packet") || !LinuxInterfaces.exists(linuxName)) {
                        throw e;
                    }
                    why = e.getMessage();
                }
            } else if (options.io().equals("af-packet")) {
                throw new LivePortException(linuxName + ": --io af-packet: " + why);
            }
            notice("note: " + linuxName + " runs on libpcap: the AF_PACKET path cannot be used (" + why + "); frames"
                    + " a local sender left with an unfinished checksum, and coalesced frames longer than the MTU,"
                    + " do not cross it: turn checksum and segmentation offloads off on the hosts' links");
        }
        PcapPort pcap = new PcapPort(linuxName, PcapPortSettings.DEFAULT);
        pcap.open();
        if (!pcap.readsDirectly()) {
            notice("note: " + linuxName + " receives through pcap4j's dispatch (slower): the direct"
                    + " pcap_next_ex binding is not available here");
        }
        return pcap;
    }

    private void warnAboutBindings(RouterConfig config) {
        for (PortSpec p : options.ports()) {
            var itf = config.interfaces().get(p.iosName());
            if (itf == null || !itf.hasBinding()) {
                notice("note: the configuration binds no list to interface " + p.iosName() + " (port "
                        + p.linuxName() + "); frames meet only the other port's lists");
            }
        }
    }

    /** An empty slot every second: the handler's batch end moves the log clock even without traffic. */
    private void heartbeat(RingBuffer<FrameEvent> ring) {
        while (!stopping) {
            try {
                Thread.sleep(HEARTBEAT_MS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                long seq = ring.tryNext();
                ring.get(seq).present = false;
                ring.publish(seq);
            } catch (InsufficientCapacityException e) {
                // the ring is full of frames: their batch ends move the clock anyway
            }
        }
    }

    /**
     * Re-reads the configuration file: a valid one is compiled and swapped in whole (frames see either the old
     * lists or the new ones, never a mix); one with errors is reported and the running lists stay.
     */
    public synchronized boolean reload() {
        if (pipeline == null || stopping) {
            return false;
        }
        try {
            RouterConfig config = loadConfig(options.config());
            pipeline.reload(FilterSet.build(config, Matchers::forPipeline, CompileAhead.executor()));
            reloads++;
            notice("reloaded " + options.config() + ": " + config.accessLists().size() + " access list"
                    + (config.accessLists().size() == 1 ? "" : "s") + ", " + config.entryCount() + " entries");
            if (!config.logging().equals(startLogging) || !config.timeRanges().zone().equals(startZone)) {
                notice("note: logging settings take effect at the next start");
            }
            return true;
        } catch (ConfigRejectedException | RuntimeException e) {
            failedReloads++;
            notice("reload rejected, the running access lists stay in force: " + e.getMessage());
            return false;
        }
    }

    /** Stops capturing, lets the handler finish the frames in the ring, flushes the log, closes the ports. */
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        sources.forEach(CaptureLoop::stop);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (heartbeat != null) {
            heartbeat.interrupt();
            try {
                heartbeat.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pipeline != null) {
            try {
                pipeline.drainAndStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (logger != null) {
                logger.finish(clock.nowNanos());
            }
        }
        close();
    }

    @Override
    public synchronized void close() {
        stopping = true;
        if (admin != null) {
            admin.close();
            admin = null;
        }
        for (LivePort p : livePorts) {
            if (p != null) {
                p.close();
            }
        }
        if (logSink != null) {
            try {
                logSink.close();
            } catch (RuntimeException e) {
                notices.println("perimeter: " + e.getMessage());
            }
            logSink = null;
        }
    }

    void notice(String message) {
        synchronized (notices) {
            notices.println("perimeter: " + message);
            notices.flush();
        }
    }

    // ---- views for the admin pages and the final report ----

    /** The running lists as {@code show access-lists} prints them, with their live counters. */
    public String accessListsText() {
        return accessListsText(pipeline.plan(), clock.nowNanos());
    }

    /** The lists of a plan with its counters, each time range (active) or (inactive) at {@code nowNanos}. */
    static String accessListsText(FilterPlan plan, long nowNanos) {
        RouterConfig config = plan.filters().config();
        return AccessListPrinter.showAll(config.accessLists().values(), list -> {
            ListCounters c = plan.counters(list);
            return c == null ? null : c.snapshot();
        }, config.timeRanges().at(nowNanos));
    }

    /** Both ports' counters now. */
    public List<PortSnapshot> portSnapshots() {
        TrafficCounters traffic = pipeline.traffic();
        List<PortSnapshot> out = new ArrayList<>(2);
        for (int i = 0; i < 2; i++) {
            int other = 1 - i;
            LivePortCounters mine = portCounters[i];
            LivePort port = livePorts[i];
            long forwarded = traffic.port(other).transmitted() - portCounters[other].transmitErrors();
            long received = mine.captured() + mine.coalescedSegments() - mine.coalesced();
            out.add(new PortSnapshot(options.ports().get(i).linuxName(), options.ports().get(i).iosName(),
                    received, Math.max(0, forwarded), traffic.port(i).dropped(),
                    mine.truncated() + mine.transmitErrors(), mine.ringOverflows(), port.droppedByKernel(),
                    port.droppedByInterface(), port.isOpen(), mine.coalesced(),
                    port.carriesOffloads() ? "af-packet" : "pcap"));
        }
        return out;
    }

    public TrafficCounters traffic() {
        return pipeline.traffic();
    }

    public long reloads() {
        return reloads;
    }

    public long failedReloads() {
        return failedReloads;
    }

    public AccessLogger logger() {
        return logger;
    }

    public FilterPlan plan() {
        return pipeline.plan();
    }

    /** The address the admin pages are served on, or null. */
    public java.net.InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }
}
