package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** RFC 4302 §3.3.3.1: changes to mutable fields keep the ICV valid, changes to anything else break it. */
class AhMutableFieldsTest {
    private static final IntegrityAlgorithm SUITE = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
    private static final byte[] ROUTER_ALERT = {(byte) 148, 4, 0, 0};
    private static final byte[] NOP = {1};
    private static final byte[] RECORD_ROUTE = {7, 7, 4, 0, 0, 0, 0};
    private static final int MUTABLE_OPTION = 0x3e; // RFC 8200 §4.2: action 00, change-en-route bit set
    private static final int IMMUTABLE_OPTION = 0x1e;

    /** A protected packet, trimmed to its own length. */
    private static byte[] protect(byte[] packet, boolean esn, long seq) {
        AhOutbound out = new AhOutbound(TestPackets.integrity(SUITE), SPI, esn, AhMode.TRANSPORT);
        byte[] buf = TestPackets.inBuffer(packet);
        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, packet.length, seq));
        return Arrays.copyOfRange(buf, out.packetOffset(), out.packetOffset() + out.packetLength());
    }

    private static AhStatus openAfter(byte[] protectedPacket, Consumer<byte[]> change) {
        byte[] p = protectedPacket.clone();
        change.accept(p);
        return new AhInbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT).open(p, 0, p.length, 0);
    }

    private static byte[] ipv4WithOptions() {
        byte[] options = new byte[12];
        System.arraycopy(ROUTER_ALERT, 0, options, 0, 4);
        System.arraycopy(NOP, 0, options, 4, 1);
        System.arraycopy(RECORD_ROUTE, 0, options, 5, 7);
        return TestPackets.ipv4("198.51.100.5", "203.0.113.9", IpProtocol.UDP, options, TestPackets.udp(1, 2, "payload"));
    }

    @Test
    void ipv4MutableFieldsAndOptionsMayChange() {
        byte[] p = protect(ipv4WithOptions(), false, 1);
        assertEquals(AhStatus.OK, openAfter(p, b -> {}));
        assertEquals(AhStatus.OK, openAfter(p, b -> b[8]--), "TTL");
        assertEquals(AhStatus.OK, openAfter(p, b -> b[1] = (byte) 0xfc), "TOS: DSCP and ECN");
        assertEquals(AhStatus.OK, openAfter(p, b -> b[6] = 0), "flags: DF cleared");
        assertEquals(AhStatus.OK, openAfter(p, b -> b[10] ^= 0x55), "header checksum");
        assertEquals(AhStatus.OK, openAfter(p, b -> {
            // a router fills in Record Route (option at 20 + 5) and advances its pointer
            b[25 + 2] = 8;
            b[25 + 3] = (byte) 192;
            b[25 + 6] = 1;
        }), "Record Route data");
    }

    @Test
    void ipv4ImmutableFieldsAndOptionsMayNot() {
        byte[] p = protect(ipv4WithOptions(), false, 1);
        int ah = 32;
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[12] ^= 1), "source address");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[19] ^= 1), "destination address");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[5] ^= 1), "identification");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[23] = 1), "Router Alert value");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[ah] = (byte) IpProtocol.TCP), "AH next header (the protocol)");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[b.length - 1] ^= 1), "payload");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[ah + 12] ^= 1), "ICV");
    }

    @Test
    void ipv4LooseSourceRouteIsAuthenticatedWithItsFinalDestination() {
        // LSRR (RFC 791 §3.1) via 192.0.2.20 to 203.0.113.9, sent to the first hop 192.0.2.10, then a NOP
        byte[] options = {(byte) 131, 11, 4, (byte) 192, 0, 2, 20, (byte) 203, 0, 113, 9, 1};
        byte[] p = protect(TestPackets.ipv4("198.51.100.5", "192.0.2.10", IpProtocol.UDP, options, TestPackets.udp(1, 2, "x")), false, 1);
        byte[] travelling = p.clone();
        for (int hop = 0; hop < 2; hop++) {
            int pointer = travelling[22] & 0xff;
            byte[] next = Arrays.copyOfRange(travelling, 20 + pointer - 1, 20 + pointer + 3);
            byte[] recorded = TestPackets.address("192.0.2." + (101 + hop));
            System.arraycopy(recorded, 0, travelling, 20 + pointer - 1, 4);
            travelling[22] = (byte) (pointer + 4);
            System.arraycopy(next, 0, travelling, 16, 4);
            travelling[8]--;
            TestPackets.fixChecksum(travelling, 0);
        }
        assertEquals("203.0.113.9", String.format("%d.%d.%d.%d", travelling[16] & 0xff, travelling[17] & 0xff, travelling[18] & 0xff, travelling[19] & 0xff));
        assertEquals(AhStatus.OK, openAfter(travelling, b -> {}), "at the final destination");
        assertEquals(AhStatus.OK, openAfter(p, b -> {}), "as sent: the same final destination is predicted");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(travelling, b -> b[19] ^= 1), "a different final destination");
    }

    private static byte[] ipv6WithOptions() {
        byte[] hbh = TestPackets.optionsHeader(TestPackets.option(MUTABLE_OPTION, 1, 2, 3, 4), TestPackets.option(IMMUTABLE_OPTION, 5, 6));
        return TestPackets.ipv6("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, TestPackets.udp(1, 2, "payload"),
                new int[] {IpProtocol.HOPOPT}, hbh);
    }

    @Test
    void ipv6MutableFieldsAndOptionsMayChange() {
        byte[] p = protect(ipv6WithOptions(), false, 1);
        assertEquals(IpProtocol.AH, p[40] & 0xff, "AH follows hop-by-hop");
        assertEquals(AhStatus.OK, openAfter(p, b -> {}));
        assertEquals(AhStatus.OK, openAfter(p, b -> b[7] = 1), "hop limit");
        assertEquals(AhStatus.OK, openAfter(p, b -> b[0] = 0x60), "traffic class");
        assertEquals(AhStatus.OK, openAfter(p, b -> b[3] ^= 0x7f), "flow label");
        assertEquals(AhStatus.OK, openAfter(p, b -> b[44] = 9), "data of an option with the change bit");
    }

    @Test
    void ipv6ImmutableFieldsAndOptionsMayNot() {
        byte[] p = protect(ipv6WithOptions(), false, 1);
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[8] ^= 1), "source address");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[39] ^= 1), "destination address");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[42] = MUTABLE_OPTION ^ 1), "type of the mutable option");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[50] = 9), "data of an option without the change bit");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(p, b -> b[b.length - 1] ^= 1), "payload");
    }

    @Test
    void ipv6RoutingHeaderIsAuthenticatedAsItArrives() {
        // type 0, two hops left: AH goes after the routing header and the destination options before it, and
        // before the destination options for the final destination (RFC 4302 §3.1.1)
        byte[] hbh = TestPackets.optionsHeader(TestPackets.option(MUTABLE_OPTION, 0, 0, 0, 0));
        byte[] dstBefore = TestPackets.optionsHeader(TestPackets.option(IMMUTABLE_OPTION, 7));
        byte[] rh = TestPackets.routingHeader(0, 2, "2001:db8:ff::2", "2001:db8:2::9");
        byte[] dstFinal = TestPackets.optionsHeader(TestPackets.option(IMMUTABLE_OPTION, 8));
        byte[] packet = TestPackets.ipv6("2001:db8:1::5", "2001:db8:ff::1", IpProtocol.UDP, TestPackets.udp(1, 2, "routed"),
                new int[] {IpProtocol.HOPOPT, IpProtocol.IPV6_OPTS, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_OPTS}, hbh, dstBefore, rh, dstFinal);
        byte[] p = protect(packet, false, 1);
        int rhOffset = 40 + hbh.length + dstBefore.length;
        int ah = rhOffset + rh.length;
        assertEquals(IpProtocol.AH, p[rhOffset] & 0xff, "the routing header names AH");
        assertEquals(IpProtocol.IPV6_OPTS, p[ah] & 0xff, "AH names the final destination options");
        assertEquals(AhStatus.OK, openAfter(p, b -> {}), "as sent");
        byte[] travelling = p.clone();
        TestPackets.routeOneHop(travelling, 0, rhOffset);
        assertEquals(AhStatus.OK, openAfter(travelling, b -> {}), "half way");
        TestPackets.routeOneHop(travelling, 0, rhOffset);
        assertEquals(0, travelling[rhOffset + 3], "segments left");
        assertEquals(AhStatus.OK, openAfter(travelling, b -> {}), "at the final destination");
        assertEquals(AhStatus.ICV_MISMATCH, openAfter(travelling, b -> b[rhOffset + 8] ^= 1), "a listed address");
    }

    @Test
    void mobileIpv6RoutingHeaderType2() {
        byte[] rh = TestPackets.routingHeader(2, 1, "2001:db8:2::9");
        byte[] packet = TestPackets.ipv6("2001:db8:1::5", "2001:db8:ca7e::1", IpProtocol.UDP, TestPackets.udp(1, 2, "home"),
                new int[] {IpProtocol.IPV6_ROUTE}, rh);
        byte[] p = protect(packet, false, 1);
        byte[] arrived = p.clone();
        TestPackets.routeOneHop(arrived, 0, 40);
        assertEquals(AhStatus.OK, openAfter(arrived, b -> {}));
    }

    @Test
    void unpredictableRoutingHeadersAreRefusedUntilUsedUp() {
        byte[] srh = TestPackets.routingHeader(4, 1, "2001:db8:2::9");
        byte[] packet = TestPackets.ipv6("2001:db8:1::5", "2001:db8:ff::1", IpProtocol.UDP, TestPackets.udp(1, 2, "x"),
                new int[] {IpProtocol.IPV6_ROUTE}, srh);
        AhOutbound out = new AhOutbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        byte[] buf = TestPackets.inBuffer(packet);
        assertEquals(AhStatus.UNSUPPORTED_ROUTING_HEADER, out.protect(buf, HEADROOM, packet.length, 1));
        srh[3] = 0;
        byte[] usedUp = TestPackets.ipv6("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, TestPackets.udp(1, 2, "x"),
                new int[] {IpProtocol.IPV6_ROUTE}, srh);
        assertEquals(AhStatus.OK, openAfter(protect(usedUp, false, 1), b -> {}));
    }

    @Test
    void extendedSequenceNumberHighBitsAreAuthenticated() {
        byte[] packet = TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "esn");
        byte[] p = protect(packet, true, 5L << 32 | 7);
        byte[] q = protect(packet, true, 6L << 32 | 7);
        int icv = 20 + 12;
        assertArrayEqualsExceptIcv(p, q, icv);
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(p, icv, icv + 16)), Arrays.toString(Arrays.copyOfRange(q, icv, icv + 16)),
                "only the high-order bits differ, and they change the ICV");
        AhInbound in = new AhInbound(TestPackets.integrity(SUITE), SPI, true, AhMode.TRANSPORT);
        assertEquals(AhStatus.OK, in.inspect(p, 0, p.length));
        assertEquals(7, in.sequenceNumber());
        assertEquals(AhStatus.ICV_MISMATCH, in.open(p.clone(), 0, p.length, 4));
        assertEquals(AhStatus.OK, in.open(p.clone(), 0, p.length, 5));
        AhInbound noEsn = new AhInbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        assertEquals(AhStatus.ICV_MISMATCH, noEsn.open(p.clone(), 0, p.length, 5), "an SA without ESN leaves the high bits out");
    }

    private static void assertArrayEqualsExceptIcv(byte[] a, byte[] b, int icv) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            if (i < icv || i >= icv + 16) {
                assertEquals(a[i], b[i], "octet " + i);
            }
        }
    }

    @Test
    void withoutEsnTheSequenceNumberMustFit32Bits() {
        AhOutbound out = new AhOutbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        byte[] packet = TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "x");
        assertThrows(IllegalArgumentException.class, () -> out.protect(TestPackets.inBuffer(packet), HEADROOM, packet.length, 1L << 32));
    }
}
