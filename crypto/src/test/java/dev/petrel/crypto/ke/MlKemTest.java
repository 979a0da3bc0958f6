package dev.petrel.crypto.ke;

import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.ENCAPSULATION_KEY_NOT_REDUCED;
import static dev.petrel.crypto.ke.InvalidKeyExchangeValueException.Check.WRONG_LENGTH;
import static dev.petrel.crypto.ke.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.AsymmetricKey;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KEM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MlKemTest {

    private static byte[] encapsulationKey(MlKemParameterSet set, long seed) {
        return KeyExchanges.create(set.method(), TestRandom.seeded(seed)).publicValue();
    }

    /** Sets the 12-bit coefficient {@code index} of ek's t-hat (FIPS 203 ByteEncode12) to {@code value}. */
    private static byte[] withCoefficient(byte[] ek, int index, int value) {
        byte[] out = ek.clone();
        int at = index / 2 * 3;
        if (index % 2 == 0) {
            out[at] = (byte) value;
            out[at + 1] = (byte) (out[at + 1] & 0xf0 | value >> 8);
        } else {
            out[at + 1] = (byte) (out[at + 1] & 0x0f | (value & 0x0f) << 4);
            out[at + 2] = (byte) (value >> 4);
        }
        return out;
    }

    /** The raw ek and the JDK's X.509 encoding convert both ways for every parameter set. */
    @ParameterizedTest
    @EnumSource(MlKemParameterSet.class)
    void convertsBetweenRawKeysAndTheJdksSubjectPublicKeyInfo(MlKemParameterSet set) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-KEM");
        generator.initialize(set.spec(), TestRandom.seeded(1));
        var jdkKey = generator.generateKeyPair().getPublic();

        byte[] raw = set.encapsulationKey(jdkKey);
        assertEquals(set.lengths().initiator(), raw.length);
        byte[] encoded = jdkKey.getEncoded();
        assertArrayEquals(Arrays.copyOfRange(encoded, encoded.length - raw.length, encoded.length), raw);
        assertEquals(jdkKey, set.publicKey(raw));
        var converted = (AsymmetricKey) set.publicKey(raw);
        assertEquals(set.spec().getName(), ((NamedParameterSpec) converted.getParams()).getName());
    }

    /** FIPS 203 §7.2 modulus check: a coefficient of q or more is refused before encapsulation. */
    @ParameterizedTest
    @EnumSource(MlKemParameterSet.class)
    void refusesAnEncapsulationKeyWithACoefficientOfQOrMore(MlKemParameterSet set) throws Exception {
        byte[] ek = encapsulationKey(set, 1);
        int last = set.lengths().initiator() - 32;
        int coefficients = last * 2 / 3;
        for (int index : new int[] {0, 1, coefficients / 2 + 1, coefficients - 1}) {
            for (int value : new int[] {MlKemParameterSet.Q, 4095}) {
                byte[] bad = withCoefficient(ek, index, value);
                KeyExchange responder = KeyExchanges.create(set.method(), TestRandom.seeded(2));
                assertRejected(set.method(), ENCAPSULATION_KEY_NOT_REDUCED, bad, () -> responder.respond(bad));
            }
            byte[] highest = withCoefficient(ek, index, MlKemParameterSet.Q - 1);
            assertEquals(32, KeyExchanges.create(set.method(), TestRandom.seeded(3)).respond(highest)
                    .sharedSecret().length);
        }
        byte[] seedChanged = ek.clone();
        Arrays.fill(seedChanged, last, seedChanged.length, (byte) 0xff);
        KeyExchanges.create(set.method(), TestRandom.seeded(4)).respond(seedChanged);
    }

    /** The JDK makes the same check itself: defence in depth if our check were bypassed. */
    @ParameterizedTest
    @EnumSource(MlKemParameterSet.class)
    void theJdkAlsoRefusesAnUnreducedKey(MlKemParameterSet set) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ML-KEM");
        generator.initialize(set.spec(), TestRandom.seeded(1));
        byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
        int ekStart = encoded.length - set.lengths().initiator();
        encoded[ekStart] = (byte) 0xff;
        encoded[ekStart + 1] |= 0x0f;
        var unreduced = KeyFactory.getInstance("ML-KEM").generatePublic(new X509EncodedKeySpec(encoded));
        assertThrows(InvalidKeyException.class,
                () -> KEM.getInstance("ML-KEM").newEncapsulator(unreduced, null, TestRandom.seeded(2)));
    }

    @ParameterizedTest
    @EnumSource(MlKemParameterSet.class)
    void refusesKeysAndCiphertextsOfOtherLengths(MlKemParameterSet set) throws Exception {
        byte[] ek = encapsulationKey(set, 1);
        for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(ek, ek.length - 1), Arrays.copyOf(ek, ek.length + 1),
                KeyExchanges.create(set.method(), TestRandom.seeded(5)).respond(ek).publicValue()}) {
            if (bad.length == ek.length) {
                continue; // ML-KEM-1024's ciphertext has the length of its encapsulation key.
            }
            KeyExchange responder = KeyExchanges.create(set.method(), TestRandom.seeded(2));
            assertRejected(set.method(), WRONG_LENGTH, bad, () -> responder.respond(bad));
        }
        byte[] ct = KeyExchanges.create(set.method(), TestRandom.seeded(2)).respond(ek).publicValue();
        for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(ct, ct.length - 1), Arrays.copyOf(ct, ct.length + 1),
                ek}) {
            if (bad.length == ct.length) {
                continue;
            }
            KeyExchange initiator = KeyExchanges.create(set.method(), TestRandom.seeded(1));
            initiator.publicValue();
            assertRejected(set.method(), WRONG_LENGTH, bad, () -> initiator.complete(bad));
        }
    }

    /** FIPS 203 §7.3 implicit rejection: an altered ciphertext gives an unrelated K, not an error. */
    @ParameterizedTest
    @EnumSource(MlKemParameterSet.class)
    void anAlteredCiphertextYieldsAnUnrelatedSecret(MlKemParameterSet set) throws Exception {
        KeyExchange initiator = KeyExchanges.create(set.method(), TestRandom.seeded(1));
        var response = KeyExchanges.create(set.method(), TestRandom.seeded(2)).respond(initiator.publicValue());
        byte[] altered = response.publicValue();
        altered[0] ^= 1;
        byte[] secret = initiator.complete(altered);
        assertEquals(32, secret.length);
        assertFalse(Arrays.equals(response.sharedSecret(), secret));
    }
}
