package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AhRoundTripTest {
    static final List<IntegrityAlgorithm> SUITES = List.of(IntegrityAlgorithm.AUTH_HMAC_SHA1_96,
            IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256);

    static AhMode mode(String name) {
        return switch (name) {
            case "transport" -> AhMode.TRANSPORT;
            case "tunnel4" -> new AhMode.Tunnel(TestPackets.address("192.0.2.1"), TestPackets.address("192.0.2.2"), true);
            case "tunnel6" -> new AhMode.Tunnel(TestPackets.address("2001:db8::1"), TestPackets.address("2001:db8::2"), true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static byte[] packet(boolean ipv6) {
        return ipv6 ? TestPackets.ipv6Udp("2001:db8:1::5", "2001:db8:2::9", "hello over AH")
                : TestPackets.ipv4Udp("198.51.100.5", "203.0.113.9", "hello over AH");
    }

    @ParameterizedTest(name = "outer IPv6={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void tunnelWithoutDscpCopySendsZeroDscpAndTheInnerEcn(boolean outer6) {
        AhMode mode = outer6 ? new AhMode.Tunnel(TestPackets.address("2001:db8::1"), TestPackets.address("2001:db8::2"), false)
                : new AhMode.Tunnel(TestPackets.address("192.0.2.1"), TestPackets.address("192.0.2.2"), false);
        AhOutbound out = new AhOutbound(TestPackets.integrity(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128), SPI, false, mode);
        byte[] buf = TestPackets.inBuffer(packet(true));
        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, buf.length - HEADROOM, 1));
        int start = out.packetOffset();
        // DSCP 0, ECN copied from the inner packet's ECT(1) (RFC 6040 §4.1 normal mode)
        assertEquals(0x01, outer6 ? Ipv6Header.trafficClass(buf, start) : Ipv4Header.trafficClass(buf, start));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (IntegrityAlgorithm suite : SUITES) {
            for (String mode : List.of("transport", "tunnel4", "tunnel6")) {
                for (boolean ipv6 : new boolean[] {false, true}) {
                    for (boolean esn : new boolean[] {false, true}) {
                        out.add(Arguments.of(suite, mode, ipv6, esn));
                    }
                }
            }
        }
        return out.stream();
    }

    /** AH length by hand: 12 octets, the ICV, and padding to 32 bits (IPv4) or 64 bits (IPv6), RFC 4302 §2.6. */
    static int expectedAhLength(IntegrityAlgorithm suite, boolean ipv6) {
        int raw = 12 + suite.icvLength();
        return ipv6 && raw % 8 != 0 ? raw + 4 : raw;
    }

    @ParameterizedTest(name = "{0} {1} ipv6={2} esn={3}")
    @MethodSource("cases")
    void protectsAndOpens(IntegrityAlgorithm suite, String modeName, boolean ipv6, boolean esn) {
        AhMode mode = mode(modeName);
        AhOutbound out = new AhOutbound(TestPackets.integrity(suite), SPI, esn, mode);
        AhInbound in = new AhInbound(TestPackets.integrity(suite), SPI, esn, mode);
        byte[] original = packet(ipv6);
        byte[] buf = TestPackets.inBuffer(original);
        long seq = esn ? 0x0000_0003_8000_0001L : 0x8000_0001L;

        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, original.length, seq));
        boolean outer6 = mode instanceof AhMode.Tunnel t ? t.isIpv6() : ipv6;
        int outerLength = mode instanceof AhMode.Tunnel ? (outer6 ? 40 : 20) : 0;
        int ahLength = expectedAhLength(suite, outer6);
        int start = out.packetOffset();
        assertEquals(outerLength + ahLength, out.headroom(ipv6));
        assertEquals(HEADROOM - outerLength - ahLength, start);
        assertEquals(original.length + outerLength + ahLength, out.packetLength());

        int ah = start + (outer6 ? 40 : 20);
        int expectedNext = mode instanceof AhMode.Tunnel ? (ipv6 ? IpProtocol.IPV6 : IpProtocol.IPV4) : IpProtocol.UDP;
        assertEquals(expectedNext, buf[ah] & 0xff, "AH next header");
        assertEquals(ahLength / 4 - 2, buf[ah + 1] & 0xff, "AH payload length");
        assertEquals(SPI, AhHeader.spi(buf, ah));
        assertEquals((int) seq, AhHeader.sequenceNumber(buf, ah));
        if (outer6) {
            assertEquals(IpProtocol.AH, buf[start + 6] & 0xff);
            assertEquals(out.packetLength() - 40, IpPacket.u16(buf, start + 4));
        } else {
            assertEquals(IpProtocol.AH, buf[start + 9] & 0xff);
            assertEquals(out.packetLength(), IpPacket.u16(buf, start + 2));
            assertEquals(0xffff, TestPackets.onesComplementSum(buf, start, 20), "IPv4 header checksum");
        }
        if (mode instanceof AhMode.Tunnel t) {
            assertArrayEquals(t.local(), Arrays.copyOfRange(buf, start + (outer6 ? 8 : 12), start + (outer6 ? 24 : 16)));
            assertArrayEquals(t.remote(), Arrays.copyOfRange(buf, start + (outer6 ? 24 : 16), start + (outer6 ? 40 : 20)));
            int innerTrafficClass = ipv6 ? 0xb9 : 0x29;
            int outerTos = outer6 ? Ipv6Header.trafficClass(buf, start) : Ipv4Header.trafficClass(buf, start);
            assertEquals(innerTrafficClass, outerTos, "DSCP copied, ECN ECT(1) copied (RFC 6040 §4.1 normal mode)");
            assertEquals(!ipv6 && !outer6, !outer6 && Ipv4Header.dontFragment(buf, start), "DF copied from IPv4 only");
        }

        assertEquals(AhStatus.OK, in.inspect(buf, start, out.packetLength()));
        assertEquals((int) seq, in.sequenceNumber());
        assertEquals(AhStatus.OK, in.open(buf, start, out.packetLength(), (int) (seq >>> 32)));
        assertArrayEquals(original, Arrays.copyOfRange(buf, in.packetOffset(), in.packetOffset() + in.packetLength()));
    }
}
