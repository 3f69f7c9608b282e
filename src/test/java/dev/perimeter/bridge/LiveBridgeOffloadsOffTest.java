package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link LiveBridgeNamespaceTest} again, in a lab whose four veth ends have their offloads turned
 * off (finished checksums, no coalescing from the senders): the same outcomes both ways. Here the libpcap path,
 * which cannot carry unfinished checksums or coalesced frames, is tested too.
 */
class LiveBridgeOffloadsOffTest extends LiveBridgeNamespaceTest {

    @Override
    boolean offloadsOff() {
        return true;
    }

    /** The portable path (`--io pcap`, pcap4j's own dispatch) filters the same where offloads are off. */
    @Test
    void pcap4jDispatchFallbackFiltersTheSame() throws Exception {
        Path config = dir.resolve("router.cfg");
        Files.copy(SEED, config);
        Bridge bridge = startBridge(config, dir.resolve("bridge.log"), "--io", "pcap");
        assertTrue(passes("172.16.27.66", 25), "mail to the mail server passes");
        assertFalse("172.16.27.70", 143);
        assertTrue(passes("172.16.27.70", 80), "web passes");
        String lists = admin("/access-lists");
        assertEquals(1, matches(lists, "40 deny tcp any any eq 143 log"), lists);
        String interfaces = admin("/interfaces");
        assertEquals(2, interfaces.lines().filter(l -> l.endsWith(" pcap")).count(), interfaces);
        bridge.stop();
    }
}
