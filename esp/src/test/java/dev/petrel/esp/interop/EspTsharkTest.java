package dev.petrel.esp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.Suite;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.OutboundSa;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.testkit.pcap.PcapWriter;
import dev.petrel.testkit.pcap.Tshark;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Petrel's ESP packets decrypted by an independent implementation: tshark's ESP dissector, given the SA's keys in
 * its esp_sa table, must find the ICV good and decrypt each packet back to exactly the inner packet that went in,
 * with the pad length and next header Petrel wrote. Covers every suite the dissector knows (it has no ESN column,
 * so ESN SAs are checked by the known-answer and round-trip tests instead).
 */
class EspTsharkTest {
    private static final int SPI = 0x0a0b0c0d;
    private static final int ROOM = 128;
    private static final int PACKETS = 3;

    @TempDir
    Path dir;

    @BeforeAll
    static void tshark() {
        Tshark.assumeInstalled();
    }

    static Stream<Arguments> cases() {
        List<Suite> suites = List.of(
                new Suite(EncryptionAlgorithm.ENCR_AES_GCM_16, 128, IntegrityAlgorithm.NONE),
                new Suite(EncryptionAlgorithm.ENCR_AES_GCM_16, 256, IntegrityAlgorithm.NONE),
                new Suite(EncryptionAlgorithm.ENCR_AES_GCM_12, 192, IntegrityAlgorithm.NONE),
                new Suite(EncryptionAlgorithm.ENCR_AES_GCM_8, 128, IntegrityAlgorithm.NONE),
                new Suite(EncryptionAlgorithm.ENCR_AES_CBC, 128, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128),
                new Suite(EncryptionAlgorithm.ENCR_AES_CBC, 256, IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192),
                new Suite(EncryptionAlgorithm.ENCR_AES_CBC, 256, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256),
                new Suite(EncryptionAlgorithm.ENCR_AES_CBC, 192, IntegrityAlgorithm.AUTH_HMAC_SHA1_96),
                new Suite(EncryptionAlgorithm.ENCR_NULL, 0, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128));
        List<Arguments> cases = new ArrayList<>();
        for (Suite s : suites) {
            cases.add(Arguments.of(s, Mode.TUNNEL, "192.0.2.1", "192.0.2.2", "198.51.100.10", "203.0.113.20"));
            cases.add(Arguments.of(s, Mode.TRANSPORT, "192.0.2.1", "192.0.2.2", "192.0.2.1", "192.0.2.2"));
            cases.add(Arguments.of(s, Mode.TUNNEL, "2001:db8::a", "2001:db8::b", "2001:db8:1::10", "2001:db8:2::20"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("cases")
    void tsharkDecryptsWhatPetrelSends(Suite suite, Mode mode, String outerSrc, String outerDst, String innerSrc, String innerDst)
            throws Exception {
        SaParameters params = SaParameters.builder()
                .spi(SPI)
                .mode(mode)
                .encryption(suite.encryption(), suite.keyBits())
                .integrity(suite.integrity())
                .lifetime(LifetimeLimits.NONE)
                .addresses(InetAddress.getByName(outerSrc), InetAddress.getByName(outerDst))
                .build();
        byte[] encryptionKey = ramp(params.encryptionKeyLength(), 0x10);
        byte[] integrityKey = ramp(params.integrityKeyLength(), 0x60);
        String encryptionHex = Hex.encode(encryptionKey);
        String integrityHex = Hex.encode(integrityKey);

        List<byte[]> inner = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        ProcessResult result = new ProcessResult();
        try (OutboundSa sa = new OutboundSa(params, encryptionKey, integrityKey)) {
            for (int i = 0; i < PACKETS; i++) {
                byte[] packet = Packets.udp(innerSrc, 40000 + i, innerDst, 40100, 17 + 50 * i);
                inner.add(packet);
                byte[] buf = new byte[ROOM + packet.length + ROOM];
                System.arraycopy(packet, 0, buf, ROOM, packet.length);
                assertTrue(sa.encapsulate(buf, ROOM, packet.length, result), result.toString());
                wire.add(Arrays.copyOfRange(buf, result.offset(), result.offset() + result.length()));
            }
        }
        Path pcap = dir.resolve("esp.pcap");
        PcapWriter.writeIp(pcap, wire);

        String family = outerSrc.contains(":") ? "IPv6" : "IPv4";
        String row = String.join(",", quote(family), quote(outerSrc), quote(outerDst), quote(String.format("0x%08x", SPI)),
                quote(tsharkEncryption(suite)), quote("0x" + encryptionHex), quote(tsharkIntegrity(suite)),
                quote(suite.integrity() == IntegrityAlgorithm.NONE ? "" : "0x" + integrityHex));
        List<List<String>> rows = Tshark.fields(pcap,
                List.of("-o", "esp.enable_encryption_decode:TRUE", "-o", "esp.enable_authentication_check:TRUE",
                        "-o", "uat:esp_sa:" + row),
                "esp", "esp.spi", "esp.sequence", "esp.decrypted_data", "esp.pad_len", "esp.protocol", "esp.icv_good");
        assertEquals(PACKETS, rows.size(), "tshark saw every ESP packet: " + rows);
        int nextHeader = mode == Mode.TUNNEL ? (innerSrc.contains(":") ? 41 : 4) : 17;
        for (int i = 0; i < PACKETS; i++) {
            List<String> r = rows.get(i);
            assertEquals(String.format("0x%08x", SPI), r.get(0), "SPI");
            assertEquals(String.valueOf(i + 1), r.get(1), "sequence number");
            byte[] decrypted = Hex.decode(r.get(2));
            byte[] expected = mode == Mode.TUNNEL ? inner.get(i) : transportPayload(inner.get(i));
            assertTrue(decrypted.length >= expected.length + 2, "decrypted data holds payload and trailer: " + r);
            assertEquals(Hex.encode(expected), Hex.encode(Arrays.copyOf(decrypted, expected.length)),
                    "tshark decrypted packet " + (i + 1) + " to what went in");
            int padLength = Integer.parseInt(r.get(3));
            assertEquals(decrypted.length - 2 - padLength, expected.length, "pad length agrees with the payload length");
            assertEquals(String.format("0x%02x", nextHeader), r.get(4), "next header");
            if (suite.integrity() != IntegrityAlgorithm.NONE) {
                assertEquals("1", r.get(5), "tshark verified the ICV of packet " + (i + 1) + ": " + r);
            }
        }
    }

    /** In transport mode ESP protects the IP payload: the UDP datagram behind the header. */
    private static byte[] transportPayload(byte[] packet) {
        int headerLength = (packet[0] >> 4) == 4 ? (packet[0] & 0x0f) * 4 : 40;
        return Arrays.copyOfRange(packet, headerLength, packet.length);
    }

    private static String tsharkEncryption(Suite s) {
        return switch (s.encryption()) {
            case ENCR_AES_GCM_16 -> "AES-GCM with 16 octet ICV [RFC4106]";
            case ENCR_AES_GCM_12 -> "AES-GCM with 12 octet ICV [RFC4106]";
            case ENCR_AES_GCM_8 -> "AES-GCM with 8 octet ICV [RFC4106]";
            case ENCR_AES_CBC -> "AES-CBC [RFC3602]";
            case ENCR_NULL -> "NULL";
            default -> throw new IllegalArgumentException(s + " is not in tshark's ESP table");
        };
    }

    private static String tsharkIntegrity(Suite s) {
        return switch (s.integrity()) {
            case NONE -> "NULL";
            case AUTH_HMAC_SHA1_96 -> "HMAC-SHA-1-96 [RFC2404]";
            case AUTH_HMAC_SHA2_256_128 -> "HMAC-SHA-256-128 [RFC4868]";
            case AUTH_HMAC_SHA2_384_192 -> "HMAC-SHA-384-192 [RFC4868]";
            case AUTH_HMAC_SHA2_512_256 -> "HMAC-SHA-512-256 [RFC4868]";
            default -> throw new IllegalArgumentException(s + " is not in tshark's ESP table");
        };
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static byte[] ramp(int length, int start) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (start + 7 * i);
        }
        return b;
    }
}
