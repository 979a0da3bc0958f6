package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.ENCAPSULATION_KEY_NOT_REDUCED;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.WRONG_LENGTH;
import static dev.petrel.crypto.ke.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.petrel.testkit.vectors.Wycheproof;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof ML-KEM-768 vectors through the public API, with the JDK's KEM underneath. FIPS 203 randomness is
 * scripted: the 64-octet seed is d || z of ML-KEM.KeyGen (§7.1), m is the message of ML-KEM.Encaps (§7.2).
 */
class WycheproofMlKemTest {
    private static final KeyExchangeMethod METHOD = KeyExchangeMethod.ML_KEM_768;

    /**
     * Decapsulation: the initiator's key pair from the seed must give the vector's ek, and its ciphertext the
     * vector's K, including implicit rejection. A seed of another length is a malformed private key that our API
     * cannot be given (keys are only generated), so those cases are not applicable.
     */
    @Test
    void decapsulation() throws Exception {
        Tally tally = new Tally("mlkem_768_test.json");
        for (Wycheproof.Case c : Wycheproof.cases("mlkem_768_test.json")) {
            byte[] seed = c.bytes("seed");
            if (seed.length != 64) {
                tally.notApplicable();
                continue;
            }
            KeyExchange initiator = KeyExchanges.create(METHOD,
                    TestRandom.scripted(Arrays.copyOf(seed, 32), Arrays.copyOfRange(seed, 32, 64)));
            byte[] ek = initiator.publicValue();
            if (c.test().has("ek")) {
                assertArrayEquals(c.bytes("ek"), ek, c::toString);
            }
            byte[] ciphertext = c.bytes("c");
            if (c.isValid()) {
                assertArrayEquals(c.bytes("K"), initiator.complete(ciphertext), c::toString);
            } else {
                assertRejected(METHOD, WRONG_LENGTH, ciphertext, () -> initiator.complete(ciphertext));
            }
            tally.ran(c);
        }
        tally.assertCounts(153, 20, 0, 20);
    }

    /**
     * Encapsulation: the responder given ek and the scripted m must send the vector's c and keep its K; keys of the
     * wrong length or with a coefficient of q or more (the ModulusOverflow and "not reduced" cases) are refused.
     */
    @Test
    void encapsulation() throws Exception {
        Tally tally = new Tally("mlkem_768_encaps_test.json");
        for (Wycheproof.Case c : Wycheproof.cases("mlkem_768_encaps_test.json")) {
            KeyExchange responder = KeyExchanges.create(METHOD, TestRandom.scripted(c.bytes("m")));
            byte[] ek = c.bytes("ek");
            if (c.isValid()) {
                KeyExchange.Response response = responder.respond(ek);
                assertArrayEquals(c.bytes("c"), response.publicValue(), c::toString);
                assertArrayEquals(c.bytes("K"), response.sharedSecret(), c::toString);
            } else {
                var check = ek.length == KeyExchanges.publicValueLengths(METHOD).initiator()
                        ? ENCAPSULATION_KEY_NOT_REDUCED : WRONG_LENGTH;
                assertRejected(METHOD, check, ek, () -> responder.respond(ek));
            }
            tally.ran(c);
        }
        tally.assertCounts(133, 132, 0, 0);
    }
}
