package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Bad input gets a typed drop reason and leaves the packet as it was. */
class AhMalformedTest {
    private static final IntegrityAlgorithm SUITE = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;

    private static byte[] protect(byte[] packet, AhMode mode) {
        AhOutbound out = new AhOutbound(TestPackets.integrity(SUITE), SPI, false, mode);
        byte[] buf = TestPackets.inBuffer(packet);
        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, packet.length, 1));
        return Arrays.copyOfRange(buf, out.packetOffset(), out.packetOffset() + out.packetLength());
    }

    private static final byte[] V4 = protect(TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "x"), AhMode.TRANSPORT);
    private static final byte[] V6 = protect(TestPackets.ipv6Udp("2001:db8:1::5", "2001:db8:2::9", "x"), AhMode.TRANSPORT);

    private static AhStatus open(IntegrityAlgorithm suite, AhMode mode, byte[] packet, int len, Consumer<byte[]> change) {
        byte[] p = packet.clone();
        change.accept(p);
        byte[] before = p.clone();
        AhStatus s = new AhInbound(TestPackets.integrity(suite), SPI, false, mode).open(p, 0, len, 0);
        if (s != AhStatus.OK) {
            assertArrayEquals(before, p, "a dropped packet is left unchanged");
        }
        return s;
    }

    private static AhStatus open(byte[] packet, Consumer<byte[]> change) {
        return open(SUITE, AhMode.TRANSPORT, packet, packet.length, change);
    }

    @Test
    void badPayloadLength() {
        assertEquals(AhStatus.BAD_PAYLOAD_LENGTH, open(V4, b -> b[21] = 6));
        assertEquals(AhStatus.BAD_PAYLOAD_LENGTH, open(V4, b -> b[21] = 0));
        assertEquals(AhStatus.BAD_PAYLOAD_LENGTH, open(V6, b -> b[41] = 5), "IPv6 without the padding to 64 bits");
    }

    @Test
    void icvOfTheWrongLengthForTheSa() {
        assertEquals(AhStatus.BAD_PAYLOAD_LENGTH, open(IntegrityAlgorithm.AUTH_HMAC_SHA1_96, AhMode.TRANSPORT, V4, V4.length, b -> {}));
        assertEquals(AhStatus.BAD_PAYLOAD_LENGTH, open(IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, AhMode.TRANSPORT, V6, V6.length, b -> {}));
    }

    @Test
    void truncated() {
        assertEquals(AhStatus.MALFORMED_IP, open(SUITE, AhMode.TRANSPORT, V4, V4.length - 1, b -> {}), "shorter than the total length");
        assertEquals(AhStatus.TRUNCATED, open(SUITE, AhMode.TRANSPORT, V4, 30, b -> TestPackets.put16(b, 2, 30)), "AH cut short");
        assertEquals(AhStatus.TRUNCATED, open(SUITE, AhMode.TRANSPORT, V4, 40, b -> TestPackets.put16(b, 2, 40)), "ICV cut short");
        assertEquals(AhStatus.TRUNCATED, open(SUITE, AhMode.TRANSPORT, V6, 45, b -> TestPackets.put16(b, 4, 5)), "IPv6 AH cut short");
        assertEquals(AhStatus.MALFORMED_IP, open(SUITE, AhMode.TRANSPORT, V4, 0, b -> {}));
        assertEquals(AhStatus.MALFORMED_IP, open(SUITE, AhMode.TRANSPORT, V6, 39, b -> {}));
    }

    @Test
    void malformedIpHeaders() {
        assertEquals(AhStatus.MALFORMED_IP, open(V4, b -> b[0] = 0x55), "version 5");
        assertEquals(AhStatus.MALFORMED_IP, open(V4, b -> b[0] = 0x44), "IHL below 5");
        assertEquals(AhStatus.MALFORMED_IP, open(SUITE, AhMode.TRANSPORT, V6, V6.length, b -> TestPackets.put16(b, 4, 0)), "jumbogram");
    }

    @Test
    void octetsPastTheIpLengthAreIgnored() {
        byte[] padded = Arrays.copyOf(V4, V4.length + 6);
        AhInbound in = new AhInbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        assertEquals(AhStatus.OK, in.open(padded, 0, padded.length, 0));
        assertEquals(V4.length - 28, in.packetLength());
        assertEquals(28, in.packetOffset());
    }

    @Test
    void fragmentsNotAhAndWrongSpi() {
        assertEquals(AhStatus.FRAGMENT, open(V4, b -> b[6] |= 0x20), "more fragments");
        assertEquals(AhStatus.FRAGMENT, open(V4, b -> b[7] = 1), "fragment offset");
        assertEquals(AhStatus.NOT_AH, open(V4, b -> b[9] = (byte) IpProtocol.ESP));
        assertEquals(AhStatus.NOT_AH, open(V6, b -> b[6] = (byte) IpProtocol.UDP));
        assertEquals(AhStatus.SPI_MISMATCH, open(V4, b -> b[27] ^= 1));
        assertEquals(AhStatus.ICV_MISMATCH, open(V4, b -> b[40] ^= 1));
    }

    @Test
    void malformedOptionsAreRejectedBeforeTheIcvIsComputed() {
        AhInbound in = new AhInbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        byte[] hbh = TestPackets.optionsHeader(TestPackets.option(0x3e, 1, 2, 3, 4));
        byte[] good = protect(TestPackets.ipv6("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, TestPackets.udp(1, 2, "x"),
                new int[] {IpProtocol.HOPOPT}, hbh), AhMode.TRANSPORT);
        byte[] bad = good.clone();
        bad[43] = 9; // the option's data now runs past its header
        assertEquals(AhStatus.MALFORMED_IP, in.open(bad, 0, bad.length, 0));
        assertEquals(AhStatus.OK, in.open(good, 0, good.length, 0), "the integrity state was not left half-fed");
        byte[] v4 = V4.clone();
        assertEquals(AhStatus.MALFORMED_IP, new AhInbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT).open(
                TestPackets.ipv4("198.51.100.5", "203.0.113.9", IpProtocol.AH, new byte[] {7, 1, 0, 0}, Arrays.copyOfRange(v4, 20, v4.length)),
                0, v4.length + 4, 0), "IPv4 option length below 2");
    }

    @Test
    void destroyWipesTheKeyAndToStringShowsNone() {
        byte[] key = TestPackets.key(SUITE);
        AhInbound in = new AhInbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        String text = in.toString();
        assertTrue(text.contains("badcafe") && !text.contains(java.util.HexFormat.of().formatHex(key, 0, 4)), text);
        assertEquals(AhStatus.OK, in.open(V4.clone(), 0, V4.length, 0));
        in.destroy();
        assertEquals(AhStatus.ICV_MISMATCH, in.open(V4.clone(), 0, V4.length, 0), "the key is gone");
    }

    @Test
    void tunnelModeWantsAnIpPacketInside() {
        AhMode tunnel = new AhMode.Tunnel(TestPackets.address("192.0.2.1"), TestPackets.address("192.0.2.2"), true);
        assertEquals(AhStatus.BAD_INNER_PACKET, open(SUITE, tunnel, V4, V4.length, b -> {}), "transport packet on a tunnel SA");
    }

    @Test
    void outboundRefusals() {
        AhOutbound out = new AhOutbound(TestPackets.integrity(SUITE), SPI, false, AhMode.TRANSPORT);
        byte[] packet = TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "x");
        assertEquals(AhStatus.NO_HEADROOM, out.protect(packet.clone(), 0, packet.length, 1));
        byte[] fragment = TestPackets.inBuffer(packet);
        fragment[HEADROOM + 6] = 0x20;
        assertEquals(AhStatus.FRAGMENT, out.protect(fragment, HEADROOM, packet.length, 1));
        byte[] big = TestPackets.inBuffer(TestPackets.ipv4("198.51.100.5", "203.0.113.9", IpProtocol.UDP, new byte[0], new byte[65_500]));
        assertEquals(AhStatus.TOO_BIG, out.protect(big, HEADROOM, big.length - HEADROOM, 1));
        byte[] badOption = TestPackets.inBuffer(TestPackets.ipv4("198.51.100.5", "203.0.113.9", IpProtocol.UDP, new byte[] {7, 9, 4, 0}, new byte[8]));
        assertEquals(AhStatus.MALFORMED_IP, out.protect(badOption, HEADROOM, badOption.length - HEADROOM, 1), "option longer than the header");
        AhOutbound tunnel = new AhOutbound(TestPackets.integrity(SUITE), SPI, false,
                new AhMode.Tunnel(TestPackets.address("192.0.2.1"), TestPackets.address("192.0.2.2"), true));
        assertEquals(AhStatus.MALFORMED_IP, tunnel.protect(new byte[100], 80, 20, 1), "not an IP packet");
        byte[] shortHeadroom = new byte[40 + packet.length];
        System.arraycopy(packet, 0, shortHeadroom, 40, packet.length);
        assertEquals(AhStatus.NO_HEADROOM, tunnel.protect(shortHeadroom, 40, packet.length, 1), "needs 20 + 28 octets");
    }
}
