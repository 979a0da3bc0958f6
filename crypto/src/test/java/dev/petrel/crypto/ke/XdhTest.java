package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.ALL_ZERO_SHARED_SECRET;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.WRONG_LENGTH;
import static dev.petrel.crypto.ke.Rejections.assertRejectedInBothRoles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.KeyExchangeMethod;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class XdhTest {

    /**
     * RFC 7748 §6.1/§6.2 through the public API: the JDK takes the private scalar as the raw random octets of key
     * generation (RFC 7748 §6), so a scripted random plays Alice and Bob.
     */
    private static void checkRfc7748(KeyExchangeMethod method, String a, String ka, String b, String kb, String k)
            throws Exception {
        KeyExchange alice = KeyExchanges.create(method, TestRandom.scripted(Hex.decode(a)));
        assertArrayEquals(Hex.decode(ka), alice.publicValue());
        KeyExchange bob = KeyExchanges.create(method, TestRandom.scripted(Hex.decode(b)));
        KeyExchange.Response response = bob.respond(Hex.decode(ka));
        assertArrayEquals(Hex.decode(kb), response.publicValue());
        assertArrayEquals(Hex.decode(k), response.sharedSecret());
        assertArrayEquals(Hex.decode(k), alice.complete(response.publicValue()));
    }

    @Test
    void rfc7748Section6_1() throws Exception {
        checkRfc7748(KeyExchangeMethod.CURVE25519,
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void rfc7748Section6_2() throws Exception {
        checkRfc7748(KeyExchangeMethod.CURVE448,
                "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf5"
                        + "74a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bb"
                        + "c836647241d953d40c5b12da88120d53177f80e532c41fa0",
                "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120"
                        + "bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
                "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972"
                        + "fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
                "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56"
                        + "fd2464c335543936521c24403085d59a449a5037514a879d");
    }

    private static byte[] u(BigInteger value, int length) {
        return Octets.littleEndian(value, length);
    }

    /**
     * RFC 8031 §2.3, RFC 7748 §6: points of small order give an all-zero result, which either role refuses.
     * Curve25519: 0, 1, the order-8 point, p-1, p, p+1 (non-canonical 0 and 1); Curve448: 0, 1, p-1, p, p+1.
     */
    @Test
    void refusesLowOrderPointsByTheirAllZeroResult() {
        BigInteger p25519 = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        for (BigInteger low : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE,
                new BigInteger(1, reversed(Hex.decode(
                        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"))),
                p25519.subtract(BigInteger.ONE), p25519, p25519.add(BigInteger.ONE)}) {
            assertRejectedInBothRoles(KeyExchangeMethod.CURVE25519, ALL_ZERO_SHARED_SECRET, u(low, 32));
        }
        BigInteger p448 = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE);
        for (BigInteger low : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p448.subtract(BigInteger.ONE),
                p448, p448.add(BigInteger.ONE)}) {
            assertRejectedInBothRoles(KeyExchangeMethod.CURVE448, ALL_ZERO_SHARED_SECRET, u(low, 56));
        }
    }

    /** RFC 7748 §5: X25519 ignores the top bit of the last octet, so 2^255 + 9 is the base point 9. */
    @Test
    void masksTheTopBitOfX25519() throws Exception {
        byte[] nine = u(BigInteger.valueOf(9), 32);
        byte[] highBitNine = nine.clone();
        highBitNine[31] |= (byte) 0x80;
        byte[] a = KeyExchanges.create(KeyExchangeMethod.CURVE25519, TestRandom.seeded(5)).respond(nine).sharedSecret();
        byte[] b = KeyExchanges.create(KeyExchangeMethod.CURVE25519, TestRandom.seeded(5)).respond(highBitNine)
                .sharedSecret();
        assertArrayEquals(a, b);
    }

    @Test
    void refusesOtherLengths() {
        for (var method : new KeyExchangeMethod[] {KeyExchangeMethod.CURVE25519, KeyExchangeMethod.CURVE448}) {
            int length = KeyExchanges.publicValueLengths(method).initiator();
            assertRejectedInBothRoles(method, WRONG_LENGTH, new byte[0]);
            assertRejectedInBothRoles(method, WRONG_LENGTH, u(BigInteger.valueOf(9), length - 1));
            assertRejectedInBothRoles(method, WRONG_LENGTH, u(BigInteger.valueOf(9), length + 1));
        }
    }

    private static byte[] reversed(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return be;
    }
}
