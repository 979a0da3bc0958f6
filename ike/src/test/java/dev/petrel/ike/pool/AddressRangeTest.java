package dev.petrel.ike.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CIDR blocks read as strongSwan's mem_pool_create reads them, explicit ranges, and the size bound. */
class AddressRangeTest {
    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.3.0.0    | 24  | 10.3.0.1-10.3.0.254           | 254
            10.3.0.0    | 28  | 10.3.0.1-10.3.0.14            | 14
            10.3.0.100  | 24  | 10.3.0.100-10.3.0.254         | 155
            10.3.0.4    | 30  | 10.3.0.5-10.3.0.6             | 2
            10.3.0.5    | 30  | 10.3.0.5-10.3.0.6             | 2
            10.3.0.6    | 30  | 10.3.0.6-10.3.0.6             | 1
            10.3.0.4    | 31  | 10.3.0.4-10.3.0.5             | 2
            10.3.0.5    | 31  | 10.3.0.5-10.3.0.5             | 1
            10.3.0.9    | 32  | 10.3.0.9-10.3.0.9             | 1
            10.0.0.0    | 8   | 10.0.0.1-10.15.255.254        | 1048574
            10.208.0.0  | 8   | 10.208.0.1-10.223.255.254     | 1048574
            10.200.0.0  | 8   | 10.200.0.0-10.207.255.254     | 524287
            10.0.0.5    | 8   | 10.0.0.5-10.15.255.254        | 1048570
            2001:db8::  | 120 | 2001:db8::1-2001:db8::fe      | 254
            2001:db8::  | 64  | 2001:db8::1-2001:db8::f:fffe  | 1048574
            2001:db8::  | 127 | 2001:db8::-2001:db8::1        | 2
            2001:db8::7 | 128 | 2001:db8::7-2001:db8::7       | 1
            """)
    void cidrBlocksFollowStrongSwan(String base, int prefixLength, String range, int size) {
        AddressRange r = AddressRange.cidr(ip(base), prefixLength);
        assertEquals(range, r.toString());
        assertEquals(size, r.size());
    }

    @Test
    void aBlockWithoutAnAddressToHandOutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressRange.cidr(ip("10.3.0.255"), 24));
        assertEquals("10.3.0.255/24 holds no address to hand out: it starts at its block's last address", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressRange.cidr(ip("10.3.0.0"), 33));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.cidr(ip("10.3.0.0"), -1));
    }

    @Test
    void explicitRangesHoldEveryAddressUpToTheBound() {
        AddressRange r = new AddressRange(ip("10.3.0.0"), ip("10.3.0.255"));
        assertEquals(256, r.size());
        assertEquals(ip("10.3.0.0"), r.address(0));
        assertEquals(ip("10.3.0.255"), r.address(255));
        assertEquals(17, r.index(ip("10.3.0.17")));
        assertEquals(-1, r.index(ip("10.3.1.0")));
        assertEquals(-1, r.index(ip("::a03:11")), "the other family");
        assertEquals(AddressRange.MAX_SIZE, new AddressRange(ip("2001:db8::"), ip("2001:db8::f:ffff")).size());
        assertEquals("the range 2001:db8::-2001:db8::10:0 holds 1048577 addresses, more than the 1048576 a pool range may have",
                assertThrows(IllegalArgumentException.class, () -> new AddressRange(ip("2001:db8::"), ip("2001:db8::10:0"))).getMessage());
        assertEquals("the range 10.3.0.9-10.3.0.1 ends before it starts",
                assertThrows(IllegalArgumentException.class, () -> new AddressRange(ip("10.3.0.9"), ip("10.3.0.1"))).getMessage());
        assertEquals("the range 10.3.0.1-2001:db8::1 mixes IPv4 and IPv6",
                assertThrows(IllegalArgumentException.class, () -> new AddressRange(ip("10.3.0.1"), ip("2001:db8::1"))).getMessage());
    }

    @Test
    void overlapIsPerFamily() {
        AddressRange a = new AddressRange(ip("10.3.0.1"), ip("10.3.0.10"));
        assertTrue(a.overlaps(new AddressRange(ip("10.3.0.10"), ip("10.3.0.20"))));
        assertFalse(a.overlaps(new AddressRange(ip("10.3.0.11"), ip("10.3.0.20"))));
        assertFalse(a.overlaps(new AddressRange(ip("::a03:1"), ip("::a03:a"))));
    }

    @Test
    void ipv4MappedIpv6AddressesStayIpv6() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 3, 0, 0};
        AddressRange r = AddressRange.cidr(AddressRange.address(mapped), 120);
        assertEquals(IpFamily.V6, r.family());
        assertEquals(16, r.address(0).getAddress().length);
        assertEquals("::ffff:a03:1-::ffff:a03:fe", r.toString());
    }
}
