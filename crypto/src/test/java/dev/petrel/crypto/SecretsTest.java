package dev.petrel.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.prf.PrfPlus;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys never show in toString() or exception messages of the new transforms. */
class SecretsTest {
    private static final byte[] KEY = Hex.decode("5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7");
    private static final String KEY_HEX = Hex.encode(KEY);

    @Test
    void toStringsHideKeys() {
        var prf = Transforms.prf(PseudorandomFunction.PRF_HMAC_SHA2_256);
        List<Object> objects = List.of(
                Transforms.integrity(IntegrityAlgorithm.AUTH_AES_XCBC_96, Arrays.copyOf(KEY, 16)),
                Transforms.integrity(IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, KEY),
                prf.keyed(KEY),
                Transforms.prf(PseudorandomFunction.PRF_AES128_XCBC).keyed(KEY),
                new PrfPlus(prf, KEY, KEY));
        for (Object o : objects) {
            String s = o.toString().toLowerCase();
            assertFalse(s.contains(KEY_HEX.substring(0, 8)) || s.contains(Arrays.toString(KEY)), s);
        }
    }

    @Test
    void messagesHideKeys() {
        var e = assertThrows(TransformException.class,
                () -> Transforms.integrity(IntegrityAlgorithm.AUTH_AES_XCBC_96, KEY));
        assertFalse(e.getMessage().toLowerCase().contains(KEY_HEX.substring(0, 8)), e.getMessage());
    }
}
