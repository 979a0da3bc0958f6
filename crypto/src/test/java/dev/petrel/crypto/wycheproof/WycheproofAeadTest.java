package dev.petrel.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.aead.Aead;
import dev.petrel.testkit.vectors.Wycheproof;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof AES-GCM and ChaCha20-Poly1305 through our {@link Aead}s. ESP and IKEv2 build the 12-octet nonce from a
 * 4-octet salt (the tail of the keying material) and an 8-octet explicit IV (RFC 4106 §4, RFC 7634 §2), so a
 * 12-octet Wycheproof IV maps to salt = iv[0..4) and explicit IV = iv[4..12); other IV sizes cannot be expressed.
 * Tags of 64, 96 and 128 bits map to ENCR_AES_GCM_8/12/16; ChaCha20-Poly1305 has only the 128-bit tag.
 */
class WycheproofAeadTest {
    @TestFactory
    Stream<DynamicTest> aesGcm() {
        return Applicability.tests("aes_gcm_test.json",
                c -> c.bytes("iv").length == 12 && gcm(c.groupInt("tagSize")) != null,
                c -> check(gcm(c.groupInt("tagSize")), c));
    }

    @TestFactory
    Stream<DynamicTest> chaCha20Poly1305() {
        return Applicability.tests("chacha20_poly1305_test.json",
                c -> c.bytes("iv").length == 12 && c.bytes("key").length == 32 && c.groupInt("tagSize") == 128,
                c -> check(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, c));
    }

    private static EncryptionAlgorithm gcm(int tagBits) {
        return switch (tagBits) {
            case 64 -> EncryptionAlgorithm.ENCR_AES_GCM_8;
            case 96 -> EncryptionAlgorithm.ENCR_AES_GCM_12;
            case 128 -> EncryptionAlgorithm.ENCR_AES_GCM_16;
            default -> null;
        };
    }

    private static void check(EncryptionAlgorithm algorithm, Wycheproof.Case c) {
        byte[] iv = c.bytes("iv");
        byte[] keyMaterial = c.keyWithSalt();
        byte[] aad = c.bytes("aad");
        byte[] msg = c.bytes("msg");
        byte[] sealed = concat(c.bytes("ct"), c.bytes("tag"));

        if (c.isValid()) {
            Aead sealer = Transforms.aead(algorithm, keyMaterial);
            byte[] buf = Arrays.copyOf(msg, msg.length + sealer.tagLength());
            assertEquals(sealed.length, sealer.seal(iv, 4, aad, 0, aad.length, buf, 0, msg.length));
            assertArrayEquals(sealed, buf);
            sealer.destroy();
        }
        Aead opener = Transforms.aead(algorithm, keyMaterial);
        byte[] buf = sealed.clone();
        int len = opener.open(iv, 4, aad, 0, aad.length, buf, 0, buf.length);
        if (c.isValid()) {
            assertArrayEquals(msg, Arrays.copyOf(buf, len));
        } else {
            assertEquals(-1, len, "an invalid case must not open");
        }
        opener.destroy();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
