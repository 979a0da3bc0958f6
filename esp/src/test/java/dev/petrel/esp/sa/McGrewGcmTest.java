package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.SaPair;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.suite.EspSuite;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ip.Ipv4Header;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AES-GCM ESP packets of draft-mcgrew-gcm-test-01 through our SAs, in transport mode under an IPv4 header of
 * our own (the draft gives the ESP part only). Decapsulation must yield the draft's payload; encapsulation of that
 * payload, with the draft's IV injected and the counter set just before the draft's sequence number, must yield
 * the draft's packet byte for byte. None of the draft's IVs is the sequence number we would send, hence the
 * injected IV.
 */
class McGrewGcmTest {
    private static final byte[] HOST_A = SaPair.address("192.0.2.1");
    private static final byte[] HOST_B = SaPair.address("192.0.2.2");

    record Case(String name, byte[] key, int spi, byte[] seq, byte[] nonce, byte[] plaintext, byte[] packet) {
        boolean esn() {
            return seq.length == 8;
        }

        long sequenceNumber() {
            long s = 0;
            for (byte b : seq) {
                s = (s << 8) | (b & 0xff);
            }
            return s;
        }

        /** Key || salt, the first four octets of the nonce (RFC 4106 §4). */
        byte[] keyMaterial() {
            byte[] k = Arrays.copyOf(key, key.length + 4);
            System.arraycopy(nonce, 0, k, key.length, 4);
            return k;
        }

        int padLength() {
            return plaintext[plaintext.length - 2] & 0xff;
        }

        int nextHeader() {
            return plaintext[plaintext.length - 1] & 0xff;
        }

        /** The payload the draft protects: its plaintext without padding and trailer. */
        byte[] payload() {
            return Arrays.copyOf(plaintext, plaintext.length - 2 - padLength());
        }

        SaParameters parameters() {
            return SaParameters.builder().spi(spi).mode(Mode.TRANSPORT)
                    .encryption(EncryptionAlgorithm.ENCR_AES_GCM_16, key.length * 8)
                    .extendedSequenceNumbers(esn())
                    .addresses(SaPair.inet("192.0.2.1"), SaPair.inet("192.0.2.2"))
                    .build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = McGrewGcmTest.class.getResourceAsStream("draft-mcgrew-gcm-test-01.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String block : text.split("\n\\s*\n")) {
                Map<String, String> fields = new HashMap<>();
                for (String line : block.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
                    int space = line.indexOf(' ');
                    fields.put(line.substring(0, space), line.substring(space + 1));
                }
                if (fields.containsKey("case")) {
                    cases.add(new Case("case " + fields.get("case"), Hex.decode(fields.get("key")),
                            (int) Long.parseLong(fields.get("spi"), 16), Hex.decode(fields.get("seq")),
                            Hex.decode(fields.get("nonce")), Hex.decode(fields.get("plaintext")), Hex.decode(fields.get("packet"))));
                }
            }
        }
        return cases;
    }

    static Stream<Case> sendableCases() throws IOException {
        // RFC 4303 §2.1: SPI 0 is never sent, so case 4 cannot be an SA; see ciphertextOfCase4.
        return cases().stream().filter(c -> c.spi() != 0);
    }

    @Test
    void allFourteenCasesTranscribed() throws IOException {
        List<Case> cases = cases();
        assertEquals(14, cases.size());
        for (Case c : cases) {
            assertEquals(8 + 8 + c.plaintext().length + 16, c.packet().length, c.name() + ": header, IV, plaintext, 16-octet ICV");
            assertEquals(c.spi(), (int) Long.parseLong(Hex.encode(Arrays.copyOf(c.packet(), 4)), 16), c.name());
            assertArrayEquals(Arrays.copyOfRange(c.nonce(), 4, 12), Arrays.copyOfRange(c.packet(), 8, 16), c.name() + " IV");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sendableCases")
    void decapsulatesTheDraftPacket(Case c) {
        InboundSa sa = new InboundSa(c.parameters().mirrored(), c.keyMaterial(), new byte[0]);
        if (c.sequenceNumber() > 1 || c.sequenceNumber() < 0) {
            sa.restoreReplayState(c.sequenceNumber() - 1);
        }
        byte[] packet = new byte[20 + c.packet().length];
        Ipv4Header.write(packet, 0, 0, packet.length, 1, false, 64, 50, HOST_A, HOST_B);
        System.arraycopy(c.packet(), 0, packet, 20, c.packet().length);
        ProcessResult result = new ProcessResult();
        assertTrue(sa.decapsulate(packet, 0, packet.length, result), () -> c + ": " + result);
        int payloadOff = result.offset() + 20;
        assertArrayEquals(c.payload(), Arrays.copyOfRange(packet, payloadOff, result.offset() + result.length()));
        assertEquals(c.nextHeader(), Ipv4Header.protocol(packet, result.offset()));
        assertTrue(Ipv4Header.verifyChecksum(packet, result.offset()));
        assertEquals(c.sequenceNumber(), sa.highestSequenceNumber());
        sa.destroy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sendableCases")
    void encapsulatesToTheDraftPacket(Case c) {
        byte[] iv = Arrays.copyOfRange(c.nonce(), 4, 12);
        OutboundSa sa = new OutboundSa(c.parameters(), c.keyMaterial(), new byte[0],
                (seq, buf, off, len) -> System.arraycopy(iv, 0, buf, off, len));
        sa.advanceSequenceNumber(c.sequenceNumber() - 1);
        byte[] payload = c.payload();
        int headroom = sa.headroom();
        byte[] buf = new byte[headroom + 20 + payload.length + sa.tailroom()];
        Ipv4Header.write(buf, headroom, 0, 20 + payload.length, 1, false, 64, c.nextHeader(), HOST_A, HOST_B);
        System.arraycopy(payload, 0, buf, headroom + 20, payload.length);
        ProcessResult result = new ProcessResult();
        assertTrue(sa.encapsulate(buf, headroom, 20 + payload.length, result), () -> c + ": " + result);
        assertEquals(20 + c.packet().length, result.length());
        assertArrayEquals(c.packet(), Arrays.copyOfRange(buf, result.offset() + 20, result.offset() + result.length()));
        assertEquals(50, Ipv4Header.protocol(buf, result.offset()));
        sa.destroy();
    }

    /** Case 4 uses SPI 0, which no SA may have; its packet still opens through the suite alone. */
    @Test
    void ciphertextOfCase4() throws IOException {
        Case c = cases().get(3);
        assertEquals(0, c.spi());
        EspSuite suite = EspSuite.create(EncryptionAlgorithm.ENCR_AES_GCM_16, 128, IntegrityAlgorithm.NONE, false, c.keyMaterial(), new byte[0]);
        byte[] packet = c.packet().clone();
        int ciphertextLength = packet.length - 16 - 16;
        assertTrue(suite.unprotect(packet, 0, ciphertextLength, 0));
        assertArrayEquals(c.plaintext(), Arrays.copyOfRange(packet, 16, 16 + ciphertextLength));
        byte[] tampered = c.packet().clone();
        tampered[5] ^= 1; // the sequence number is in the AAD
        assertFalse(suite.unprotect(tampered, 0, ciphertextLength, 0));
        suite.destroy();
    }
}
