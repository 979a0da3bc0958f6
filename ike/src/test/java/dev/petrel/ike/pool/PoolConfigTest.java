package dev.petrel.ike.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolConfigTest {
    private static final AddressRange V4 = AddressRange.cidr(InetAddress.ofLiteral("10.3.0.0"), 24);
    private static final AddressRange V6 = AddressRange.cidr(InetAddress.ofLiteral("2001:db8:3::"), 120);

    @Test
    void sizesPerFamilyAndOverlapWithAnotherPool() {
        PoolConfig dual = new PoolConfig("dual", List.of(V4, V6), List.of(InetAddress.ofLiteral("192.0.2.53")),
                List.of(IpPrefix.parse("198.51.100.0/24")));
        assertEquals(254, dual.size(IpFamily.V4));
        assertEquals(254, dual.size(IpFamily.V6));
        PoolConfig narrow = new PoolConfig("narrow", List.of(AddressRange.cidr(InetAddress.ofLiteral("10.3.0.128"), 25)),
                List.of(), List.of());
        assertTrue(dual.overlaps(narrow));
        assertFalse(narrow.overlaps(new PoolConfig("v6", List.of(V6), List.of(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> dual.size(5));
    }

    @Test
    void refusesNoAddressesOverlappingRangesAndNoName() {
        assertEquals("pool p has no addresses",
                assertThrows(IllegalArgumentException.class, () -> new PoolConfig("p", List.of(), List.of(), List.of())).getMessage());
        assertEquals("pool p: the ranges 10.3.0.1-10.3.0.254 and 10.3.0.200-10.3.1.9 overlap",
                assertThrows(IllegalArgumentException.class, () -> new PoolConfig("p", List.of(V4,
                        new AddressRange(InetAddress.ofLiteral("10.3.0.200"), InetAddress.ofLiteral("10.3.1.9"))),
                        List.of(), List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PoolConfig(" ", List.of(V4), List.of(), List.of()));
    }
}
