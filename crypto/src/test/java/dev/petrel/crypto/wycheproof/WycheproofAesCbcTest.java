package dev.petrel.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.crypto.Transforms;
import dev.petrel.crypto.cipher.BlockCipher;
import dev.petrel.testkit.vectors.Wycheproof;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof AES-CBC with PKCS#5 padding, decrypted through our {@link BlockCipher} (ENCR_AES_CBC). Our cipher does
 * no padding: ESP pads to the block size itself and checks its own Pad Length and monotonic padding bytes
 * (RFC 4303 §2.4), and IKEv2 does the same in the SK payload (RFC 7296 §3.14). So the PKCS#5 check lives here, in
 * the test: a valid case must decrypt and unpad to msg (and msg must encrypt to ct), an invalid one must fail,
 * either because the ciphertext is not whole blocks or because its padding is wrong.
 */
class WycheproofAesCbcTest {
    private static final int BLOCK = 16;

    @TestFactory
    Stream<DynamicTest> aesCbcPkcs5() {
        return Applicability.tests("aes_cbc_pkcs5_test.json", c -> c.bytes("iv").length == BLOCK, WycheproofAesCbcTest::check);
    }

    private static void check(Wycheproof.Case c) {
        byte[] key = c.bytes("key");
        byte[] iv = c.bytes("iv");
        byte[] ct = c.bytes("ct");
        byte[] msg = c.bytes("msg");
        byte[] plain = decrypt(key, iv, ct);
        if (c.isInvalid()) {
            assertNull(plain, "an invalid case must not decrypt to a PKCS#5-padded plaintext");
            return;
        }
        assertNotNull(plain, "a valid case must decrypt");
        assertArrayEquals(msg, plain);

        int pad = BLOCK - msg.length % BLOCK;
        byte[] buf = Arrays.copyOf(msg, msg.length + pad);
        Arrays.fill(buf, msg.length, buf.length, (byte) pad);
        BlockCipher cipher = Transforms.cipher(EncryptionAlgorithm.ENCR_AES_CBC, key);
        cipher.encrypt(iv, 0, buf, 0, buf.length);
        assertArrayEquals(ct, buf);
        cipher.destroy();
    }

    /** The unpadded plaintext, or null when the ciphertext is not whole blocks or its PKCS#5 padding is wrong. */
    private static byte[] decrypt(byte[] key, byte[] iv, byte[] ct) {
        if (ct.length == 0 || ct.length % BLOCK != 0) {
            return null;
        }
        BlockCipher cipher = Transforms.cipher(EncryptionAlgorithm.ENCR_AES_CBC, key);
        byte[] buf = ct.clone();
        cipher.decrypt(iv, 0, buf, 0, buf.length);
        cipher.destroy();
        int pad = buf[buf.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK) {
            return null;
        }
        for (int i = buf.length - pad; i < buf.length; i++) {
            if ((buf[i] & 0xff) != pad) {
                return null;
            }
        }
        return Arrays.copyOf(buf, buf.length - pad);
    }
}
