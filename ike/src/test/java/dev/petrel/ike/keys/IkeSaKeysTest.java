package dev.petrel.ike.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.crypto.prf.AesXcbcPrf128;
import dev.petrel.crypto.prf.HmacPrf;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.crypto.prf.PrfPlus;
import dev.petrel.ike.testing.IkeSuites;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.vectors.Hex;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7296 §2.14 and §2.18 beyond the strongSwan known answers: lengths, order, the fixed-key PRF rule, wiping. */
class IkeSaKeysTest {
    private static final long SPI_I = 0x0123456789abcdefL;
    private static final long SPI_R = 0xfedcba9876543210L;
    private static final IkeSuite CBC_SHA256 = IkeSuites.cbcSha256();
    private static final IkeSuite XCBC = new IkeSuite(EncryptionAlgorithm.ENCR_AES_CBC, 128, PseudorandomFunction.PRF_AES128_XCBC,
            IntegrityAlgorithm.AUTH_AES_XCBC_96, KeyExchangeMethod.ECP_256);

    private final SecureRandom random = SeededRandom.of(2014);
    private final byte[] sharedSecret = draw(256);
    private final byte[] ni = draw(32);
    private final byte[] nr = draw(32);

    private byte[] draw(int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    static List<IkeSuite> suites() {
        return IkeSuites.all();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void keyLengthsFollowTheSuite(IkeSuite suite) {
        IkeSaKeys keys = IkeSaKeys.derive(suite, sharedSecret, ni, nr, SPI_I, SPI_R);
        int prfKey = suite.prf().preferredKeyLength();
        assertEquals(List.of(prfKey, suite.integrityKeyLength(), suite.integrityKeyLength(), suite.encryptionKeyLength(),
                        suite.encryptionKeyLength(), prfKey, prfKey),
                lengths(keys, IkeSaKeys::skD, IkeSaKeys::skAi, IkeSaKeys::skAr, IkeSaKeys::skEi, IkeSaKeys::skEr,
                        IkeSaKeys::skPi, IkeSaKeys::skPr));
    }

    @SafeVarargs
    private static List<Integer> lengths(IkeSaKeys keys, Function<IkeSaKeys, byte[]>... accessors) {
        return Arrays.stream(accessors).map(a -> a.apply(keys).length).toList();
    }

    @Test
    void theSevenKeysAreConsecutiveOctetsOfPrfPlus() {
        IkeSaKeys keys = IkeSaKeys.derive(CBC_SHA256, sharedSecret, ni, nr, SPI_I, SPI_R);
        byte[] skeyseed = HmacPrf.SHA2_256.compute(concat(ni, nr), sharedSecret);
        byte[] seed = ByteBuffer.allocate(80).put(ni).put(nr).putLong(SPI_I).putLong(SPI_R).array();
        byte[] stream = PrfPlus.derive(HmacPrf.SHA2_256, skeyseed, seed, 5 * 32 + 2 * 16);
        assertEquals(Hex.encode(stream), Hex.encode(concat(keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(), keys.skEr(),
                keys.skPi(), keys.skPr())));
    }

    @Test
    void aesXcbcSkeyseedTakesSixtyFourBitsOfEachNonce() {
        byte[] expected = AesXcbcPrf128.INSTANCE.compute(concat(Arrays.copyOf(ni, 8), Arrays.copyOf(nr, 8)), sharedSecret);
        assertArrayEquals(expected, IkeSaKeys.skeyseed(XCBC, sharedSecret, ni, nr));
        assertNotEquals(Hex.encode(expected), Hex.encode(AesXcbcPrf128.INSTANCE.compute(concat(ni, nr), sharedSecret)));

        // The rest of each nonce leaves SKEYSEED alone but, in the prf+ seed, changes every key.
        byte[] otherNi = ni.clone();
        otherNi[31] ^= 1;
        assertArrayEquals(expected, IkeSaKeys.skeyseed(XCBC, sharedSecret, otherNi, nr));
        assertNotEquals(Hex.encode(IkeSaKeys.derive(XCBC, sharedSecret, ni, nr, SPI_I, SPI_R).skD()),
                Hex.encode(IkeSaKeys.derive(XCBC, sharedSecret, otherNi, nr, SPI_I, SPI_R).skD()));
    }

    @Test
    void rekeyingTakesSkeyseedFromTheOldSkDUnderTheOldPrf() {
        Prf oldPrf = HmacPrf.SHA1;
        byte[] oldSkD = draw(20);
        byte[] skeyseed = HmacPrf.SHA1.compute(oldSkD, concat(sharedSecret, ni, nr));
        assertArrayEquals(skeyseed, IkeSaKeys.rekeyedSkeyseed(oldPrf, oldSkD, sharedSecret, ni, nr));

        IkeSaKeys keys = IkeSaKeys.deriveRekeyed(CBC_SHA256, oldPrf, oldSkD, sharedSecret, ni, nr, SPI_I, SPI_R);
        byte[] seed = ByteBuffer.allocate(80).put(ni).put(nr).putLong(SPI_I).putLong(SPI_R).array();
        assertArrayEquals(PrfPlus.derive(HmacPrf.SHA2_256, skeyseed, seed, 32), keys.skD(), "the new SA's PRF for prf+");
    }

    @Test
    void noncesOutsideSixteenTo256OctetsAreRefused() {
        for (int length : new int[] {0, 15, 257}) {
            byte[] bad = new byte[length];
            assertThrows(IllegalArgumentException.class, () -> IkeSaKeys.derive(CBC_SHA256, sharedSecret, bad, nr, SPI_I, SPI_R));
            assertThrows(IllegalArgumentException.class, () -> IkeSaKeys.derive(CBC_SHA256, sharedSecret, ni, bad, SPI_I, SPI_R));
            assertThrows(IllegalArgumentException.class,
                    () -> IkeSaKeys.deriveRekeyed(CBC_SHA256, HmacPrf.SHA2_256, ni, sharedSecret, bad, nr, SPI_I, SPI_R));
        }
        IkeSaKeys.derive(CBC_SHA256, sharedSecret, new byte[16], new byte[256], SPI_I, SPI_R);
    }

    @Test
    void destroyWipesEveryKey() {
        IkeSaKeys keys = IkeSaKeys.derive(CBC_SHA256, sharedSecret, ni, nr, SPI_I, SPI_R);
        List<byte[]> held = List.of(keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(), keys.skEr(), keys.skPi(), keys.skPr());
        assertFalse(keys.isDestroyed());
        keys.destroy();
        keys.destroy();
        assertTrue(keys.isDestroyed());
        for (byte[] key : held) {
            assertArrayEquals(new byte[key.length], key);
        }
        assertThrows(IllegalStateException.class, keys::skD);
        assertThrows(IllegalStateException.class, keys::skPr);
        assertEquals("IkeSaKeys[destroyed]", keys.toString());
    }

    @Test
    void toStringShowsLengthsOnly() {
        IkeSaKeys keys = IkeSaKeys.derive(CBC_SHA256, sharedSecret, ni, nr, SPI_I, SPI_R);
        assertEquals("IkeSaKeys[SK_d=32, SK_ai=32, SK_ar=32, SK_ei=16, SK_er=16, SK_pi=32, SK_pr=32 octets]", keys.toString());
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
