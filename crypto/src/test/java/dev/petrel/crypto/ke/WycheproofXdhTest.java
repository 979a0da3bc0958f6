package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.ALL_ZERO_SHARED_SECRET;
import static dev.petrel.crypto.ke.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.testkit.vectors.Wycheproof;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof X25519/X448 vectors through the public API: the private key is the scripted random of key generation,
 * the public key is the responder's Key Exchange Data. Every case is applicable. What we do with {@code acceptable}
 * cases: an all-zero result (low-order points, ZeroSharedSecret) is refused as RFC 8031 §2.3 requires; every other
 * acceptable case (points on the twist, non-canonical u, small public keys with a non-zero result) is accepted and
 * must give the vector's secret, as RFC 7748 §5 decodes any 32/56-octet string.
 */
class WycheproofXdhTest {

    @ParameterizedTest
    @CsvSource({
        "x25519_test.json, CURVE25519, 264, 0, 254, 0",
        "x448_test.json, CURVE448, 253, 12, 245, 0"})
    void vectors(String file, KeyExchangeMethod method, int valid, int invalid, int acceptable, int notApplicable)
            throws Exception {
        Tally tally = new Tally(file);
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            KeyExchange ours = KeyExchanges.create(method, TestRandom.scripted(c.bytes("private")));
            ours.publicValue();
            byte[] peer = c.bytes("public");
            byte[] shared = c.bytes("shared");
            if (c.isInvalid()) {
                assertThrows(InvalidKeyExchangeValueException.class, () -> ours.complete(peer), c::toString);
            } else if (Arrays.equals(new byte[shared.length], shared)) {
                assertRejected(method, ALL_ZERO_SHARED_SECRET, peer, () -> ours.complete(peer));
            } else {
                assertArrayEquals(shared, ours.complete(peer), c::toString);
            }
            tally.ran(c);
        }
        tally.assertCounts(valid, invalid, acceptable, notApplicable);
    }
}
