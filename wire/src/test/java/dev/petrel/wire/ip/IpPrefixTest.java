package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpPrefixTest {
    @Test
    void parsesBothFamiliesAndHosts() {
        assertEquals(new IpPrefix(InetAddress.ofLiteral("203.0.113.0"), 24), IpPrefix.parse("203.0.113.0/24"));
        IpPrefix v6 = IpPrefix.parse("2001:db8:2::/48");
        assertTrue(v6.isIpv6());
        assertEquals(48, v6.length());
        assertEquals(32, IpPrefix.parse("198.51.100.1").length());
        assertEquals(128, IpPrefix.parse("2001:db8::1").length());
        assertFalse(IpPrefix.parse("0.0.0.0/0").isIpv6());
        assertEquals("203.0.113.128/25", IpPrefix.parse("203.0.113.128/25").toString());
    }

    @Test
    void refusesHostBitsAndBadLengths() {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("203.0.113.1/24"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("2001:db8:2::1/48"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("203.0.113.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("203.0.113.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("petrel.example/24"));
    }
}
