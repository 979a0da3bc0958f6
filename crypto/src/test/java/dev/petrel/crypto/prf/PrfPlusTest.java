package dev.petrel.crypto.prf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.Transforms;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** prf+ (RFC 7296 §2.13) against a straightforward computation with javax.crypto.Mac. */
class PrfPlusTest {
    private static final Random RANDOM = new Random(7296);

    /** T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), concatenated and cut: written out plainly, on purpose. */
    private static byte[] reference(String jcaName, byte[] key, byte[] seed, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(jcaName);
        mac.init(new SecretKeySpec(key, jcaName));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; stream.size() < length; n++) {
            mac.update(t);
            mac.update(seed);
            mac.update((byte) n);
            t = mac.doFinal();
            stream.writeBytes(t);
        }
        return Arrays.copyOf(stream.toByteArray(), length);
    }

    private static byte[] random(int length) {
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return b;
    }

    @ParameterizedTest(name = "{0} producing {3} octets")
    @CsvSource({
        "PRF_HMAC_SHA1, HmacSHA1, 20, 1",
        "PRF_HMAC_SHA1, HmacSHA1, 20, 20",
        "PRF_HMAC_SHA1, HmacSHA1, 20, 21",
        "PRF_HMAC_SHA2_256, HmacSHA256, 32, 224",
        "PRF_HMAC_SHA2_256, HmacSHA256, 32, 8160",
        "PRF_HMAC_SHA2_384, HmacSHA384, 48, 500",
        "PRF_HMAC_SHA2_512, HmacSHA512, 64, 16320",
    })
    void matchesReference(PseudorandomFunction id, String jcaName, int keyLength, int length) throws Exception {
        byte[] key = random(keyLength);
        byte[] seed = random(64 + 8 + 8);
        byte[] expected = reference(jcaName, key, seed, length);
        assertArrayEquals(expected, PrfPlus.derive(Transforms.prf(id), key, seed, length));

        // Drawn in uneven pieces, as keys are carved from KEYMAT, the stream is the same.
        byte[] pieces = new byte[length];
        try (PrfPlus stream = new PrfPlus(Transforms.prf(id), key, seed)) {
            for (int off = 0, step = 1; off < length; off += step, step = step * 2 + 1) {
                stream.next(pieces, off, Math.min(step, length - off));
            }
        }
        assertArrayEquals(expected, pieces);
    }

    @Test
    void failsPast255Iterations() {
        Prf prf = Transforms.prf(PseudorandomFunction.PRF_HMAC_SHA2_256);
        byte[] key = random(32);
        assertThrows(PrfPlusLimitException.class, () -> PrfPlus.derive(prf, key, new byte[8], 255 * 32 + 1));
        try (PrfPlus stream = new PrfPlus(prf, key, new byte[8])) {
            stream.next(255 * 32 - 5);
            stream.next(5);
            assertThrows(PrfPlusLimitException.class, () -> stream.next(1));
        }
    }

    @Test
    void worksWithTheXcbcPrf() {
        Prf prf = Transforms.prf(PseudorandomFunction.PRF_AES128_XCBC);
        byte[] key = random(16);
        byte[] seed = random(40);
        // T2 = prf(K, T1 | S | 0x02) computed block by block through the Prf interface.
        byte[] t1 = prf.compute(key, seed, new byte[] {1});
        byte[] t2 = prf.compute(key, t1, seed, new byte[] {2});
        byte[] expected = Arrays.copyOf(t1, 32);
        System.arraycopy(t2, 0, expected, 16, 16);
        assertArrayEquals(expected, PrfPlus.derive(prf, key, seed, 32));
    }
}
