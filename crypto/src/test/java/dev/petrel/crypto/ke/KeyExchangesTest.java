package dev.petrel.crypto.ke;

import static dev.petrel.wire.iana.KeyExchangeMethod.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.TransformException;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyExchangesTest {

    static Stream<KeyExchangeMethod> supported() {
        return Arrays.stream(KeyExchangeMethod.values()).filter(KeyExchanges::isSupported);
    }

    @Test
    void supportsTheMethodsOfRfc3526Rfc5903Rfc8031AndMlKem() {
        assertEquals(EnumSet.of(MODP_2048, MODP_3072, MODP_4096, ECP_256, ECP_384, ECP_521, CURVE25519, CURVE448,
                ML_KEM_512, ML_KEM_768, ML_KEM_1024), EnumSet.copyOf(supported().toList()));
    }

    @Test
    void refusesOtherMethods() {
        for (KeyExchangeMethod m : EnumSet.of(NONE, MODP_1024, MODP_1536, MODP_2048_256, ECP_192, BRAINPOOL_P256)) {
            assertFalse(KeyExchanges.isSupported(m));
            assertThrows(TransformException.class, () -> KeyExchanges.create(m, TestRandom.seeded(1)));
            assertThrows(TransformException.class, () -> KeyExchanges.publicValueLengths(m));
        }
    }

    @Test
    void knowsEachMethodsKePayloadLengths() {
        assertEquals(new PublicValueLengths(256, 256), KeyExchanges.publicValueLengths(MODP_2048));
        assertEquals(new PublicValueLengths(384, 384), KeyExchanges.publicValueLengths(MODP_3072));
        assertEquals(new PublicValueLengths(512, 512), KeyExchanges.publicValueLengths(MODP_4096));
        assertEquals(new PublicValueLengths(64, 64), KeyExchanges.publicValueLengths(ECP_256));
        assertEquals(new PublicValueLengths(96, 96), KeyExchanges.publicValueLengths(ECP_384));
        assertEquals(new PublicValueLengths(132, 132), KeyExchanges.publicValueLengths(ECP_521));
        assertEquals(new PublicValueLengths(32, 32), KeyExchanges.publicValueLengths(CURVE25519));
        assertEquals(new PublicValueLengths(56, 56), KeyExchanges.publicValueLengths(CURVE448));
        assertEquals(new PublicValueLengths(800, 768), KeyExchanges.publicValueLengths(ML_KEM_512));
        assertEquals(new PublicValueLengths(1184, 1088), KeyExchanges.publicValueLengths(ML_KEM_768));
        assertEquals(new PublicValueLengths(1568, 1568), KeyExchanges.publicValueLengths(ML_KEM_1024));
    }

    /** RFC 7296 §2.14 (MODP: the prime's length), RFC 5903 §9 (x only), RFC 8031 §2, FIPS 203 (K is 32 octets). */
    private static int sharedSecretLength(KeyExchangeMethod method) {
        return switch (method) {
            case MODP_2048 -> 256;
            case MODP_3072 -> 384;
            case MODP_4096 -> 512;
            case ECP_256, CURVE25519 -> 32;
            case ECP_384 -> 48;
            case ECP_521 -> 66;
            case CURVE448 -> 56;
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> 32;
            default -> throw new IllegalArgumentException(method.name());
        };
    }

    @ParameterizedTest
    @MethodSource("supported")
    void initiatorAndResponderAgree(KeyExchangeMethod method) throws Exception {
        PublicValueLengths lengths = KeyExchanges.publicValueLengths(method);
        for (long seed = 1; seed <= 3; seed++) {
            KeyExchange initiator = KeyExchanges.create(method, TestRandom.seeded(seed));
            KeyExchange responder = KeyExchanges.create(method, TestRandom.seeded(100 + seed));
            byte[] request = initiator.publicValue();
            assertEquals(lengths.initiator(), request.length);

            KeyExchange.Response response = responder.respond(request);
            assertEquals(lengths.responder(), response.publicValue().length);
            byte[] secret = initiator.complete(response.publicValue());

            assertEquals(sharedSecretLength(method), secret.length);
            assertArrayEquals(response.sharedSecret(), secret);
            assertFalse(Arrays.equals(new byte[secret.length], secret));
        }
    }

    @ParameterizedTest
    @MethodSource("supported")
    void theInjectedRandomDecidesThePublicValue(KeyExchangeMethod method) {
        byte[] a = KeyExchanges.create(method, TestRandom.seeded(7)).publicValue();
        byte[] b = KeyExchanges.create(method, TestRandom.seeded(7)).publicValue();
        byte[] c = KeyExchanges.create(method, TestRandom.seeded(8)).publicValue();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @ParameterizedTest
    @MethodSource("supported")
    void publicValueRepeatsForARetransmissionAsAFreshCopy(KeyExchangeMethod method) {
        KeyExchange initiator = KeyExchanges.create(method, TestRandom.seeded(3));
        byte[] first = initiator.publicValue();
        byte[] kept = first.clone();
        first[0] ^= 1;
        byte[] second = initiator.publicValue();
        assertNotSame(first, second);
        assertArrayEquals(kept, second);
    }

    @ParameterizedTest
    @MethodSource("supported")
    void aKeyExchangeIsSingleUse(KeyExchangeMethod method) throws Exception {
        byte[] request = KeyExchanges.create(method, TestRandom.seeded(1)).publicValue();
        byte[] reply = KeyExchanges.create(method, TestRandom.seeded(2)).respond(request).publicValue();

        KeyExchange fresh = KeyExchanges.create(method, TestRandom.seeded(3));
        assertThrows(IllegalStateException.class, () -> fresh.complete(reply));

        KeyExchange initiator = KeyExchanges.create(method, TestRandom.seeded(4));
        initiator.publicValue();
        assertThrows(IllegalStateException.class, () -> initiator.respond(request));
        initiator.complete(reply);
        assertThrows(IllegalStateException.class, () -> initiator.complete(reply));
        assertThrows(IllegalStateException.class, initiator::publicValue);

        KeyExchange responder = KeyExchanges.create(method, TestRandom.seeded(5));
        responder.respond(request);
        assertThrows(IllegalStateException.class, () -> responder.respond(request));
        assertThrows(IllegalStateException.class, responder::publicValue);

        KeyExchange refused = KeyExchanges.create(method, TestRandom.seeded(6));
        assertThrows(InvalidKeyExchangeValueException.class, () -> refused.respond(new byte[1]));
        assertThrows(IllegalStateException.class, () -> refused.respond(request));

        KeyExchange abandoned = KeyExchanges.create(method, TestRandom.seeded(7));
        abandoned.publicValue();
        abandoned.destroy();
        abandoned.destroy();
        assertThrows(IllegalStateException.class, () -> abandoned.complete(reply));
        assertTrue(abandoned.toString().contains("FINISHED"));
    }

    @Test
    void responseToStringShowsLengthsOnly() throws Exception {
        byte[] request = KeyExchanges.create(CURVE25519, TestRandom.seeded(1)).publicValue();
        var response = KeyExchanges.create(CURVE25519, TestRandom.seeded(2)).respond(request);
        assertEquals("Response[publicValue=32 octets, sharedSecret=32 octets]", response.toString());
    }
}
