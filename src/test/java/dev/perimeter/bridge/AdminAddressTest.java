package dev.perimeter.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AdminAddressTest {

    @Test
    void loopbackAddressesAreAccepted() {
        InetSocketAddress a = AdminAddress.parse("127.0.0.1:8080");
        assertEquals("127.0.0.1", a.getAddress().getHostAddress());
        assertEquals(8080, a.getPort());
        assertTrue(AdminAddress.parse("[::1]:9000").getAddress().isLoopbackAddress());
        assertTrue(AdminAddress.parse("127.5.6.7:1").getAddress().isLoopbackAddress());
        assertTrue(AdminAddress.parse("localhost:81").getAddress().isLoopbackAddress());
    }

    @Test
    void anyOtherAddressIsRefused() {
        for (String bad : new String[] {"0.0.0.0:8080", "192.168.1.10:8080", "172.16.11.5:80", "[::]:80",
                "example.org:80"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdminAddress.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("loopback"), e.getMessage());
        }
    }

    @Test
    void malformedTextIsExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminAddress.parse("127.0.0.1"))
                .getMessage().contains("HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminAddress.parse("127.0.0.1:http"))
                .getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminAddress.parse("127.0.0.1:70000"))
                .getMessage().contains("out of range"));
    }
}
