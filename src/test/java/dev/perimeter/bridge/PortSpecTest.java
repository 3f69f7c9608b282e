package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortSpecTest {

    @Test
    void linuxNameWithOptionalIosName() {
        assertEquals(new PortSpec("veth1", "eth2/0"), PortSpec.parse("veth1=eth2/0"));
        assertEquals(new PortSpec("enp3s0", "enp3s0"), PortSpec.parse("enp3s0"));
        assertEquals(new PortSpec("eth0", "GigabitEthernet0/1"), PortSpec.parse("eth0=GigabitEthernet0/1"));
    }

    @Test
    void badNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("=eth2/0"));
        assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("a/b"));
        assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("averyveryverylongname"));
        assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("veth1="));
    }

    @Test
    void theBridgeNeedsTwoDistinctPorts() {
        Path cfg = Path.of("x.cfg");
        assertThrows(IllegalArgumentException.class, () -> new BridgeOptions(cfg,
                List.of(PortSpec.parse("a")), null, "sleeping", null, 1024, 64));
        assertThrows(IllegalArgumentException.class, () -> new BridgeOptions(cfg,
                List.of(PortSpec.parse("a"), PortSpec.parse("a=x")), null, "sleeping", null, 1024, 64));
        assertThrows(IllegalArgumentException.class, () -> new BridgeOptions(cfg,
                List.of(PortSpec.parse("a=x"), PortSpec.parse("b=x")), null, "sleeping", null, 1024, 64));
        assertThrows(IllegalArgumentException.class, () -> new BridgeOptions(cfg,
                List.of(PortSpec.parse("a"), PortSpec.parse("b")), null, "sleeping", null, 1000, 64));
        assertThrows(IllegalArgumentException.class, () -> new BridgeOptions(cfg,
                List.of(PortSpec.parse("a"), PortSpec.parse("b")), null, "spinning", null, 1024, 64));
    }
}
