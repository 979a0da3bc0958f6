package dev.petrel.crypto.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Peer key-exchange values come straight from a KE payload on the network: whatever they hold, the initiator's
 * {@code complete} and the responder's {@code respond} either agree on a secret of the method's length or refuse
 * the value with {@link InvalidKeyExchangeValueException}; nothing else may escape. Values of the right length are
 * favoured so that the checks past the length one get exercised.
 */
class KeyExchangeFuzzTest {
    private static final List<KeyExchangeMethod> METHODS = Arrays.stream(KeyExchangeMethod.values())
            .filter(KeyExchanges::isSupported)
            .toList();

    @FuzzTest(maxDuration = "30s")
    void peerValuesOnlyEverAgreeOrAreRefused(FuzzedDataProvider data) {
        KeyExchangeMethod method = data.pickValue(METHODS);
        boolean initiator = data.consumeBoolean();
        PublicValueLengths lengths = KeyExchanges.publicValueLengths(method);
        int expected = initiator ? lengths.responder() : lengths.initiator();
        byte[] peer = data.consumeBoolean() ? data.consumeBytes(expected) : data.consumeRemainingAsBytes();
        if (peer.length < expected && data.remainingBytes() == 0 && peer.length > 0 && peer.length % 2 == 0) {
            peer = Arrays.copyOf(peer, expected); // a short value padded with zeros: right length, mostly-zero content
        }
        KeyExchange ke = KeyExchanges.create(method, deterministic(peer.length));
        try {
            byte[] secret = initiator ? completeAsInitiator(ke, peer) : ke.respond(peer).sharedSecret();
            assertNotNull(secret);
            assertEquals(expected, peer.length, "only a value of the payload length can be accepted");
        } catch (InvalidKeyExchangeValueException refused) {
            assertNotNull(refused.check());
        }
    }

    private static byte[] completeAsInitiator(KeyExchange ke, byte[] peer) throws InvalidKeyExchangeValueException {
        ke.publicValue();
        return ke.complete(peer);
    }

    /** Reproducible key generation: the fuzzer's input, not the clock, decides what runs. */
    private static SecureRandom deterministic(long seed) {
        Random r = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                r.nextBytes(bytes);
            }
        };
    }
}
