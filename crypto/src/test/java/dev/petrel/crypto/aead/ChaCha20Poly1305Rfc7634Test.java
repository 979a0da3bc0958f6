package dev.petrel.crypto.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.crypto.Transforms;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7634 Appendix B: the IKEv2 example, an SK payload carrying one Notify, through our ChaCha20Poly1305. */
class ChaCha20Poly1305Rfc7634Test {
    private static final byte[] KEYMAT = Hex.decode("""
            80 81 82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f
            90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f
            a0 a1 a2 a3""");
    private static final byte[] IV = Hex.decode("10 11 12 13 14 15 16 17");
    private static final byte[] PLAINTEXT = Hex.decode("00 00 00 0c 00 00 40 01 00 00 00 0a 00");
    private static final byte[] AAD = Hex.decode("""
            c0 c1 c2 c3 c4 c5 c6 c7 d0 d1 d2 d3 d4 d5 d6 d7
            2e 20 25 00 00 00 00 09 00 00 00 45 29 00 00 29""");
    private static final byte[] CIPHERTEXT = Hex.decode("61 03 94 70 1f 8d 01 7f 7c 12 92 48 89");
    private static final byte[] TAG = Hex.decode("6b 71 bf e2 52 36 ef d7 cd c6 70 66 90 63 15 b2");
    private static final byte[] IKE_MESSAGE = Hex.decode("""
            c0 c1 c2 c3 c4 c5 c6 c7 d0 d1 d2 d3 d4 d5 d6 d7
            2e 20 25 00 00 00 00 09 00 00 00 45 29 00 00 29
            10 11 12 13 14 15 16 17 61 03 94 70 1f 8d 01 7f
            7c 12 92 48 89 6b 71 bf e2 52 36 ef d7 cd c6 70
            66 90 63 15 b2""");

    @Test
    void sealsTheSkPayload() {
        Aead aead = Transforms.aead(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, KEYMAT);
        byte[] buf = Arrays.copyOf(PLAINTEXT, PLAINTEXT.length + aead.tagLength());
        int len = aead.seal(IV, 0, AAD, 0, AAD.length, buf, 0, PLAINTEXT.length);
        assertEquals(CIPHERTEXT.length + TAG.length, len);
        assertArrayEquals(CIPHERTEXT, Arrays.copyOf(buf, CIPHERTEXT.length));
        assertArrayEquals(TAG, Arrays.copyOfRange(buf, CIPHERTEXT.length, len));
        aead.destroy();
    }

    @Test
    void opensTheIkeMessage() {
        // The message is the AAD (IKE header and SK payload header), the 8-octet IV, then ciphertext and tag.
        byte[] message = IKE_MESSAGE.clone();
        assertArrayEquals(AAD, Arrays.copyOf(message, 32));
        Aead aead = Transforms.aead(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, KEYMAT);
        int len = aead.open(message, 32, message, 0, 32, message, 40, message.length - 40);
        assertEquals(PLAINTEXT.length, len);
        assertArrayEquals(PLAINTEXT, Arrays.copyOfRange(message, 40, 40 + len));

        byte[] tampered = IKE_MESSAGE.clone();
        tampered[tampered.length - 1] ^= 1;
        Aead other = Transforms.aead(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, KEYMAT);
        assertEquals(-1, other.open(tampered, 32, tampered, 0, 32, tampered, 40, tampered.length - 40));
    }
}
