package dev.petrel.esp.ah;

import static dev.petrel.esp.ah.TestPackets.HEADROOM;
import static dev.petrel.esp.ah.TestPackets.SPI;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.IpProtocol;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The ICV recomputed with javax.crypto.Mac over canonical bytes assembled by hand from RFC 4302 §3.3.3.1. */
class AhKnownAnswerTest {
    @Test
    void ipv4TransportIcvMatchesHandBuiltCanonicalForm() throws Exception {
        IntegrityAlgorithm suite = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
        byte[] udp = TestPackets.udp(TestPackets.SOURCE_PORT, TestPackets.DESTINATION_PORT, "known answer");
        byte[] packet = TestPackets.ipv4("198.51.100.5", "203.0.113.9", IpProtocol.UDP, new byte[0], udp);
        AhOutbound out = new AhOutbound(TestPackets.integrity(suite), SPI, false, AhMode.TRANSPORT);
        byte[] buf = TestPackets.inBuffer(packet);
        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, packet.length, 42));
        byte[] sent = Arrays.copyOfRange(buf, out.packetOffset(), out.packetOffset() + out.packetLength());

        ByteBuffer canonical = ByteBuffer.allocate(20 + 28 + udp.length);
        canonical.put((byte) 0x45).put((byte) 0)            // version/IHL; TOS zeroed
                .putShort((short) (20 + 28 + udp.length))   // total length with AH
                .putShort((short) 0x1234)                   // identification (immutable)
                .putShort((short) 0)                        // flags and fragment offset zeroed
                .put((byte) 0).put((byte) IpProtocol.AH)    // TTL zeroed; protocol AH
                .putShort((short) 0)                        // checksum zeroed
                .put(TestPackets.address("198.51.100.5")).put(TestPackets.address("203.0.113.9"))
                .put((byte) IpProtocol.UDP).put((byte) 5)   // AH: next header; (28 / 4) - 2
                .putShort((short) 0).putInt(SPI).putInt(42)
                .put(new byte[16])                          // ICV zeroed
                .put(udp);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestPackets.key(suite), "HmacSHA256"));
        byte[] icv = Arrays.copyOf(mac.doFinal(canonical.array()), 16);
        assertArrayEquals(icv, Arrays.copyOfRange(sent, 32, 48));

        // the rest of the packet as sent: the real TOS, flags, TTL and checksum, AH with its ICV, the payload
        byte[] expected = canonical.array().clone();
        expected[1] = 0x29;
        expected[6] = 0x40;
        expected[8] = 64;
        TestPackets.fixChecksum(expected, 0);
        System.arraycopy(icv, 0, expected, 32, 16);
        assertArrayEquals(expected, sent);
    }

    @Test
    void ipv6PaddingIsAuthenticatedAsSentAndEsnBitsAppended() throws Exception {
        // SHA2-256-128 in IPv6: 12 + 16 = 28 octets, padded to 32 (RFC 4302 §3.3.3.2.1); ESN high bits last (§3.3.3.2.2)
        IntegrityAlgorithm suite = IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128;
        byte[] udp = TestPackets.udp(TestPackets.SOURCE_PORT, TestPackets.DESTINATION_PORT, "v6");
        byte[] packet = TestPackets.ipv6("2001:db8:1::5", "2001:db8:2::9", IpProtocol.UDP, udp, new int[0]);
        AhOutbound out = new AhOutbound(TestPackets.integrity(suite), SPI, true, AhMode.TRANSPORT);
        byte[] buf = TestPackets.inBuffer(packet);
        assertEquals(AhStatus.OK, out.protect(buf, HEADROOM, packet.length, 9L << 32 | 3));
        byte[] sent = Arrays.copyOfRange(buf, out.packetOffset(), out.packetOffset() + out.packetLength());
        assertEquals(40 + 32 + udp.length, sent.length);
        assertEquals(6, sent[41], "(32 / 4) - 2");

        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        byte[] base = Arrays.copyOf(sent, 40);
        base[0] = 0x60; // traffic class and flow label zeroed
        base[1] = 0;
        base[2] = 0;
        base[3] = 0;
        base[7] = 0; // hop limit zeroed
        canonical.writeBytes(base);
        canonical.writeBytes(Arrays.copyOfRange(sent, 40, 52));
        canonical.writeBytes(new byte[16]);
        canonical.writeBytes(Arrays.copyOfRange(sent, 68, 72)); // the padding, as sent
        canonical.writeBytes(udp);
        canonical.writeBytes(new byte[] {0, 0, 0, 9});
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestPackets.key(suite), "HmacSHA256"));
        assertArrayEquals(Arrays.copyOf(mac.doFinal(canonical.toByteArray()), 16), Arrays.copyOfRange(sent, 52, 68));
    }

    @Test
    void headerLengths() {
        assertEquals(24, AhHeader.length(12, false));
        assertEquals(24, AhHeader.length(12, true));
        assertEquals(28, AhHeader.length(16, false));
        assertEquals(32, AhHeader.length(16, true));
        assertEquals(36, AhHeader.length(24, false));
        assertEquals(40, AhHeader.length(24, true));
        assertEquals(44, AhHeader.length(32, false));
        assertEquals(48, AhHeader.length(32, true));
    }
}
