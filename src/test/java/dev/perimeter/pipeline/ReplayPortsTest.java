package dev.perimeter.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perimeter.config.InterfaceConfig;
import dev.perimeter.config.LogSettings;
import dev.perimeter.config.RouterConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayPortsTest {

    static RouterConfig config(InterfaceConfig... itfs) {
        Map<String, InterfaceConfig> m = new LinkedHashMap<>();
        Arrays.stream(itfs).forEach(i -> m.put(i.name(), i));
        return new RouterConfig(Map.of(), m, LogSettings.DEFAULT);
    }

    static final RouterConfig SEED = config(new InterfaceConfig("eth2/0", null, "packet_filter"));
    static final RouterConfig TWO = config(new InterfaceConfig("e0", "a", null), new InterfaceConfig("e1", null, "b"),
            new InterfaceConfig("lo0", null, null));

    static List<String> names(String... n) {
        return Arrays.asList(n);
    }

    @Test
    void egressAloneWithOneBoundInterfaceMeansAnUnnamedOutside() {
        ReplayPorts r = ReplayPorts.resolve(SEED, null, "eth2/0", names((String) null));
        assertNull(r.ports().get(0).iosInterface());
        assertEquals("outside", r.ports().get(0).name());
        assertEquals("eth2/0", r.ports().get(1).iosInterface());
        assertEquals(0, r.portOf(null));
    }

    @Test
    void aSingleOutBindingIsTheEgressWhenNothingIsNamed() {
        ReplayPorts r = ReplayPorts.resolve(SEED, null, null, names((String) null));
        assertEquals("eth2/0", r.ports().get(1).iosInterface());
        assertNull(r.ports().get(0).iosInterface());
    }

    @Test
    void oneSideNamedGetsTheOtherBoundInterface() {
        ReplayPorts r = ReplayPorts.resolve(TWO, null, "e1", names((String) null));
        assertEquals("e0", r.ports().get(0).iosInterface());
        r = ReplayPorts.resolve(TWO, "e1", null, names((String) null));
        assertEquals("e0", r.ports().get(1).iosInterface());
    }

    @Test
    void pcapngInterfaceNamesGiveEachFrameItsSide() {
        ReplayPorts r = ReplayPorts.resolve(TWO, null, null, names("e1", "e0"));
        assertEquals(0, r.portOf("e1"));
        assertEquals(1, r.portOf("e0"));
        assertEquals("e0", r.ports().get(1).iosInterface());
    }

    @Test
    void aCaptureNamingOnlyOneConfigInterfaceHasTheRestComeFromTheOtherSide() {
        // the seed's two-sided capture: eth1/0 is not in the configuration
        ReplayPorts r = ReplayPorts.resolve(SEED, null, null, names("eth1/0", "eth2/0"));
        int fromInside = r.portOf("eth2/0");
        int fromOutside = r.portOf("eth1/0");
        assertEquals("eth2/0", r.ports().get(fromInside).iosInterface());
        assertEquals(1 - fromInside, fromOutside);
        assertEquals("eth1/0", r.ports().get(fromOutside).name());
        assertNull(r.ports().get(fromOutside).iosInterface());
        // naming the egress gives the same verdicts: eth1/0 frames leave by eth2/0
        r = ReplayPorts.resolve(SEED, null, "eth2/0", names("eth1/0", "eth2/0"));
        assertEquals(0, r.portOf("eth1/0"));
        assertEquals(1, r.portOf("eth2/0"));
    }

    @Test
    void unclearDirectionsAreErrorsThatSayWhatToDo() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ReplayPorts.resolve(TWO, null, null, names((String) null)));
        assertTrue(e.getMessage().contains("--ingress"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReplayPorts.resolve(SEED, null, "eth9/9", names((String) null)));
        assertTrue(e.getMessage().contains("eth9/9 is not an interface of the configuration (it has eth2/0)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReplayPorts.resolve(TWO, "e0", "e0", names()));
        e = assertThrows(IllegalArgumentException.class,
                () -> ReplayPorts.resolve(TWO, "e0", "e1", names("lo0")));
        assertTrue(e.getMessage().contains("neither side"), e.getMessage());
    }

    @Test
    void mappedLinuxNamesStandForConfigurationInterfaces() {
        Map<String, String> map = Map.of("eth0", "e0", "eth1", "e1");
        ReplayPorts r = ReplayPorts.resolve(TWO, null, null, names("eth1", "eth0", null), map);
        assertEquals(0, r.portOf("eth1"));
        assertEquals(1, r.portOf("eth0"));
        assertEquals("e1", r.ports().get(0).iosInterface());
        assertEquals("e0", r.ports().get(1).iosInterface());
        assertEquals(0, r.portOf(null), "unnamed frames come from the side the capture does not name alone");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ReplayPorts.resolve(TWO, null, null, names("eth0", "eth1"), Map.of("eth0", "Gi0/0")));
        assertEquals("--map eth0=Gi0/0: Gi0/0 is not an interface of the configuration (it has e0, e1, lo0)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReplayPorts.resolve(TWO, null, null, names("eth0", "eth1"), Map.of("eth7", "e0")));
        assertEquals("--map eth7=e0: the capture has no interface named eth7 (it has eth0, eth1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReplayPorts.resolve(TWO, "e0", null, names((String) null), Map.of("eth0", "e0")));
        assertEquals("--map eth0=e0: the capture has no interface named eth0 (it names none)", e.getMessage());
    }
}
