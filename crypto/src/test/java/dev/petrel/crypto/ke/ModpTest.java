package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.OUT_OF_RANGE;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.WRONG_LENGTH;
import static dev.petrel.crypto.ke.Rejections.assertRejectedInBothRoles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import javax.crypto.spec.DHParameterSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModpTest {

    private static BigInteger prime(ModpGroup group) {
        return ((DHParameterSpec) group.keyPairParameters()).getP();
    }

    /** RFC 3526: each prime p is a safe prime, 2^n - 2^(n-64) - 1 + 2^64 * {...}, with generator 2. */
    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void primesAreTheSafePrimesOfRfc3526(ModpGroup group) {
        BigInteger p = prime(group);
        int bits = group.publicValueLength() * 8;
        assertEquals(bits, p.bitLength());
        BigInteger low64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertEquals(low64, p.and(low64), "the low 64 bits are ones");
        assertEquals(low64, p.shiftRight(bits - 64), "the high 64 bits are ones");
        assertTrue(p.isProbablePrime(2));
        assertTrue(p.shiftRight(1).isProbablePrime(2), "(p-1)/2 is prime");
        assertEquals(BigInteger.TWO, ((DHParameterSpec) group.keyPairParameters()).getG());
    }

    /** RFC 6989 §2.1: 1 < y < p-1, so 0, 1, p-1 and anything from p up are refused, by either role. */
    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void refusesValuesOutsideTheOpenInterval(ModpGroup group) {
        BigInteger p = prime(group);
        int length = group.publicValueLength();
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(length * 8).subtract(BigInteger.ONE)}) {
            assertRejectedInBothRoles(group.method(), OUT_OF_RANGE, Octets.bigEndian(y, length));
        }
    }

    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void acceptsTheEdgesOfTheInterval(ModpGroup group) throws Exception {
        BigInteger p = prime(group);
        for (BigInteger y : new BigInteger[] {BigInteger.TWO, p.subtract(BigInteger.TWO)}) {
            var response = KeyExchanges.create(group.method(), TestRandom.seeded(1))
                    .respond(Octets.bigEndian(y, group.publicValueLength()));
            assertEquals(group.publicValueLength(), response.sharedSecret().length);
        }
    }

    /** RFC 7296 §3.4: the value is exactly the prime's length, with leading zeros; nothing shorter or longer. */
    @ParameterizedTest
    @EnumSource(ModpGroup.class)
    void refusesOtherLengths(ModpGroup group) {
        int length = group.publicValueLength();
        BigInteger two = BigInteger.TWO;
        assertRejectedInBothRoles(group.method(), WRONG_LENGTH, new byte[0]);
        assertRejectedInBothRoles(group.method(), WRONG_LENGTH, Octets.bigEndian(two, length - 1));
        assertRejectedInBothRoles(group.method(), WRONG_LENGTH, Octets.bigEndian(two, length + 1));
    }
}
