package dev.perimeter.log;

import dev.perimeter.acl.AccessList;
import dev.perimeter.acl.Action;
import dev.perimeter.acl.LogOption;
import dev.perimeter.acl.Protocols;
import dev.perimeter.config.LogSettings;
import dev.perimeter.match.PacketKey;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.perimeter.log.LogFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flood of random sources: bounded cache, bounded output, every packet accounted for, no garbage per hit. */
class AccessLoggerFloodTest {
    private static final long T0 = 1_700_000_000L * SECOND;
    private static final Pattern RL = Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d: %SEC-6-IPACCESSLOGRL: access-list logging rate-limited or missed (\\d+) packets?$");

    private final AccessList list = extended("packet_filter",
            entry(20, Action.DENY, Protocols.TCP, LogOption.LOG, null));

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aMillionRandomSourcesStayWithinTheCacheAndAreReportedAsMissed() {
        MemorySink sink = new MemorySink();
        AccessLogger logger = logger(LogSettings.DEFAULT, sink);
        PacketKey p = tcp("10.0.0.1", 1024, "172.16.27.70", 25);
        Random random = new Random(42);
        int packets = 1_000_000;
        long before = allocatedBytes();
        for (int i = 0; i < packets; i++) {
            long t = T0 + i * 200_000L; // 200 s of capture
            p.source = random.nextInt();
            p.sourcePort = 1024 + random.nextInt(60_000);
            logger.advance(t);
            logger.logMatch(list, 0, p, "eth2/0", null, -1, t);
        }
        long allocated = allocatedBytes() - before;
        assertTrue(logger.activeFlows() <= AccessLogger.DEFAULT_FLOW_CACHE);
        logger.finish(T0 + packets * 200_000L);

        List<String> lines = sink.lines();
        long rlLines = 0;
        long rlPackets = 0;
        for (String line : lines) {
            Matcher m = RL.matcher(line);
            if (m.matches()) {
                rlLines++;
                rlPackets += Long.parseLong(m.group(1));
            }
        }
        assertTrue(lines.size() <= AccessLogger.DEFAULT_FLOW_CACHE + 10, "lines: " + lines.size());
        assertTrue(rlLines >= 3 && rlLines <= 5, "one rate-limit report a minute: " + rlLines);
        assertEquals(logger.missedPackets(), rlPackets);
        assertTrue(rlPackets > packets - AccessLogger.DEFAULT_FLOW_CACHE - 10, "missed " + rlPackets);
        assertEquals(packets, logger.packetsLogged() + logger.missedPackets(), "every packet is accounted for");
        // only the few thousand printed lines allocate (about 3 MB here); the million misses do not
        assertTrue(allocated < 8L * packets, "allocated " + allocated + " bytes");
    }

    @Test
    void countingIntoACachedFlowAllocatesNothing() {
        AccessLogger logger = logger(LogSettings.DEFAULT, new MemorySink());
        PacketKey p = tcp("10.0.0.1", 1024, "172.16.27.70", 25);
        byte[] frame = frame();
        AccessList inputList = extended("in", entry(10, Action.DENY, Protocols.TCP, LogOption.LOG_INPUT, null));
        String iface = "eth2/0";
        long t = T0;
        for (int i = 0; i < 200_000; i++) { // warm up so that the measured loop runs compiled
            logger.advance(t);
            logger.logMatch(list, 0, p, iface, frame, 6, t);
            logger.logMatch(inputList, 0, p, iface, frame, 6, t);
            t += 1000;
        }
        long before = allocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            logger.advance(t);
            logger.logMatch(list, 0, p, iface, frame, 6, t);
            logger.logMatch(inputList, 0, p, iface, frame, 6, t);
            t += 1000;
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for two million hits");
    }
}
