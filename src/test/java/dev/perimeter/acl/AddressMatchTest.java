package dev.perimeter.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressMatchTest {

    @Test
    void clearsWildcardBitsOfTheAddressAsIosDoes() {
        AddressMatch m = new AddressMatch(Ipv4.parse("10.1.1.77"), Ipv4.parse("0.0.0.255"));
        assertEquals("10.1.1.0 0.0.0.255", m.toString());
    }

    @Test
    void nonContiguousWildcardComparesOnlyTheCaredBits() {
        AddressMatch m = new AddressMatch(Ipv4.parse("10.0.10.0"), Ipv4.parse("0.255.0.255"));
        assertTrue(m.matches(Ipv4.parse("10.7.10.200")));
        assertTrue(m.matches(Ipv4.parse("10.255.10.0")));
        assertFalse(m.matches(Ipv4.parse("10.7.11.200")));
        assertFalse(m.matches(Ipv4.parse("11.7.10.200")));
        assertFalse(m.isPrefix());
    }

    @Test
    void anyAndHostRenderAsIosKeywords() {
        assertEquals("any", AddressMatch.ANY.toString());
        assertEquals("host 172.16.27.66", AddressMatch.host(Ipv4.parse("172.16.27.66")).toString());
        assertTrue(AddressMatch.ANY.matches(0x12345678));
    }

    @Test
    void coverageAgreesWithMembershipOnRandomConditions() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            // small address space so that coverage happens often: only the low 4 bits vary
            AddressMatch a = new AddressMatch(random.nextInt(16), random.nextInt(16));
            AddressMatch b = new AddressMatch(random.nextInt(16), random.nextInt(16));
            boolean covered = true;
            for (int ip = 0; ip < 16; ip++) {
                if (a.matches(ip) && !b.matches(ip)) {
                    covered = false;
                }
            }
            assertEquals(covered, a.isCoveredBy(b), a + " within " + b);
        }
    }

    @Test
    void parsesAndFormatsDottedQuads() {
        assertEquals(0xAC101B42, Ipv4.parse("172.16.27.66"));
        assertEquals("255.0.0.1", Ipv4.format(0xFF000001));
        for (String bad : new String[] {"1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", "1.2.3.4."}) {
            assertFalse(Ipv4.isAddress(bad), bad);
        }
    }
}
