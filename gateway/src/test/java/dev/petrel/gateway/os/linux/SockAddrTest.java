package dev.petrel.gateway.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link SockAddr}: the kernel's sockaddr_in and sockaddr_in6 layouts, and back. */
class SockAddrTest {
    @Test
    void ipv4IsASockaddrIn() {
        SockAddr a = SockAddr.of(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 4500));
        assertEquals("02001194c0000201" + "0000000000000000", hex(a)); // AF_INET little-endian, port and address big-endian
        assertEquals(Libc.AF_INET, a.family());
        assertEquals(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 4500), a.toInetSocketAddress());
        assertEquals("192.0.2.1:4500", a.toString());
    }

    @Test
    void ipv6IsASockaddrIn6() {
        SockAddr a = SockAddr.of(InetAddress.ofLiteral("2001:db8::2"), 500);
        assertEquals("0a0001f4" + "00000000" + "20010db8000000000000000000000002" + "00000000", hex(a));
        assertEquals(Libc.AF_INET6, a.family());
        assertEquals(InetAddress.ofLiteral("2001:db8::2"), a.address());
        assertEquals(500, a.port());
        assertEquals("[2001:db8:0:0:0:0:0:2]:500", a.toString());
    }

    @Test
    void whatTheKernelWroteReadsBackAndMatches() {
        SockAddr a = SockAddr.of(InetAddress.ofLiteral("2001:db8::1"), 4500);
        MemorySegment memory = Arena.ofAuto().allocate(64);
        a.copyTo(memory, 8);
        assertEquals(a, SockAddr.read(memory, 8, a.length()));
        assertTrue(a.matches(memory, 8, a.length()));
        assertFalse(a.matches(memory, 8, 16));
        assertFalse(SockAddr.of(InetAddress.ofLiteral("2001:db8::1"), 4501).matches(memory, 8, a.length()));
        assertThrows(IllegalArgumentException.class, () -> SockAddr.read(memory, 8, 16), "an AF_INET6 family in 16 octets");
        assertThrows(IllegalArgumentException.class, () -> SockAddr.of(InetAddress.getLoopbackAddress(), 65_536));
    }

    private static String hex(SockAddr a) {
        return HexFormat.of().formatHex(a.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }
}
