package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.SaPair;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.ip.Ipv4Header;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7634 Appendix A: a tunnel-mode ESP packet with ChaCha20-Poly1305 carrying an ICMP echo request. We compare
 * the ESP part byte for byte (the outer IPv4 header is ours: Identification and TTL differ from the RFC's).
 */
class ChaCha20Poly1305EspTest {
    private static final byte[] KEYMAT = Hex.decode("""
            80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f
            90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f
            a0 a1 a2 a3""");
    private static final byte[] IV = Hex.decode("10 11 12 13 14 15 16 17");
    private static final int SPI = 0x01020304;
    private static final long SEQ = 5;
    /** The inner packet (ICMP echo request 198.51.100.5 → 192.0.2.5), then padding 01 02, Pad Length 2, Next Header 4. */
    private static final byte[] PLAINTEXT = Hex.decode("""
            45 00 00 54 a6 f2 00 00 40 01 e7 78 c6 33 64 05
            c0 00 02 05 08 00 5b 7a 3a 08 00 00 55 3b ec 10
            00 07 36 27 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13
            14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23
            24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33
            34 35 36 37 01 02 02 04""");
    private static final byte[] CIPHERTEXT_AND_TAG = Hex.decode("""
            24 03 94 28 b9 7f 41 7e 3c 13 75 3a 4f 05 08 7b
            67 c3 52 e6 a7 fa b1 b9 82 d4 66 ef 40 7a e5 c6
            14 ee 80 99 d5 28 44 eb 61 aa 95 df ab 4c 02 f7
            2a a7 1e 7c 4c 4f 64 c9 be fe 2f ac c6 38 e8 f3
            cb ec 16 3f ac 46 9b 50 27 73 f6 fb 94 e6 64 da
            91 65 b8 28 29 f6 41 e0
            76 aa a8 26 6b 7f b0 f7 b1 1b 36 99 07 e1 ad 43""");
    private static final byte[] INNER = Arrays.copyOf(PLAINTEXT, 0x54);

    private static byte[] espPacket() {
        byte[] esp = new byte[8 + 8 + CIPHERTEXT_AND_TAG.length];
        System.arraycopy(Hex.decode("01 02 03 04 00 00 00 05"), 0, esp, 0, 8);
        System.arraycopy(IV, 0, esp, 8, 8);
        System.arraycopy(CIPHERTEXT_AND_TAG, 0, esp, 16, CIPHERTEXT_AND_TAG.length);
        return esp;
    }

    private static SaParameters parameters() {
        return SaParameters.builder().spi(SPI).mode(Mode.TUNNEL)
                .encryption(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0)
                .addresses(SaPair.inet("203.0.113.153"), SaPair.inet("203.0.113.5"))
                .selectors(SaPair.selectors("198.51.100.0/24"), SaPair.selectors("192.0.2.0/24"))
                .build();
    }

    @Test
    void encapsulatesTheRfcPacket() {
        OutboundSa sa = new OutboundSa(parameters(), KEYMAT.clone(), new byte[0], (seq, buf, off, len) -> System.arraycopy(IV, 0, buf, off, len));
        sa.advanceSequenceNumber(SEQ - 1);
        byte[] buf = new byte[sa.headroom() + INNER.length + sa.tailroom()];
        System.arraycopy(INNER, 0, buf, sa.headroom(), INNER.length);
        ProcessResult result = new ProcessResult();
        assertTrue(sa.encapsulate(buf, sa.headroom(), INNER.length, result), result::toString);
        assertEquals(0, result.offset());
        assertArrayEquals(espPacket(), Arrays.copyOfRange(buf, 20, result.length()));
        assertEquals(20 + espPacket().length, Ipv4Header.totalLength(buf, 0));
        assertTrue(Ipv4Header.verifyChecksum(buf, 0));
    }

    @Test
    void decapsulatesTheRfcPacket() {
        InboundSa sa = new InboundSa(parameters().mirrored(), KEYMAT.clone(), new byte[0]);
        byte[] esp = espPacket();
        byte[] packet = new byte[20 + esp.length];
        Ipv4Header.write(packet, 0, 0, packet.length, 0x2345, false, 64, 50, SaPair.address("203.0.113.153"), SaPair.address("203.0.113.5"));
        System.arraycopy(esp, 0, packet, 20, esp.length);
        ProcessResult result = new ProcessResult();
        assertTrue(sa.decapsulate(packet, 0, packet.length, result), result::toString);
        assertArrayEquals(INNER, Arrays.copyOfRange(packet, result.offset(), result.offset() + result.length()));
        assertEquals(SEQ, sa.highestSequenceNumber());
    }
}
