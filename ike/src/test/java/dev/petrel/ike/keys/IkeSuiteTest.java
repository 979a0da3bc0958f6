package dev.petrel.ike.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.crypto.prf.AesXcbcPrf128;
import dev.petrel.crypto.prf.HmacPrf;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IkeSuiteTest {

    @ParameterizedTest(name = "{0}-{1} {3}: SK_e {5}, SK_a {6}")
    @CsvSource({
        "ENCR_AES_GCM_16,        128, PRF_HMAC_SHA2_256, ,                       CURVE25519, 20, 0",
        "ENCR_AES_GCM_8,         256, PRF_HMAC_SHA2_512, NONE,                   ECP_384,    36, 0",
        "ENCR_CHACHA20_POLY1305, 0,   PRF_HMAC_SHA2_256, ,                       ML_KEM_768, 36, 0",
        "ENCR_AES_CBC,           192, PRF_HMAC_SHA2_384, AUTH_HMAC_SHA2_384_192, MODP_3072,  24, 48",
        "ENCR_AES_CBC,           128, PRF_AES128_XCBC,   AUTH_AES_XCBC_96,       ECP_256,    16, 16",
        "ENCR_AES_CBC,           256, PRF_HMAC_SHA1,     AUTH_HMAC_SHA1_96,      MODP_2048,  32, 20",
    })
    void keyLengthsFollowTheTransforms(EncryptionAlgorithm encryption, int keyBits, PseudorandomFunction prf,
                                       IntegrityAlgorithm integrity, KeyExchangeMethod ke, int encryptionKey, int integrityKey) {
        IkeSuite suite = new IkeSuite(encryption, keyBits, prf, integrity, ke);
        assertEquals(encryptionKey, suite.encryptionKeyLength());
        assertEquals(integrityKey, suite.integrityKeyLength());
    }

    @Test
    void integrityNoneBesideAnAeadIsStoredAsNull() {
        IkeSuite suite = new IkeSuite(EncryptionAlgorithm.ENCR_AES_GCM_16, 256, PseudorandomFunction.PRF_HMAC_SHA2_256,
                IntegrityAlgorithm.NONE, KeyExchangeMethod.CURVE25519);
        assertNull(suite.integrity());
        assertEquals(new IkeSuite(EncryptionAlgorithm.ENCR_AES_GCM_16, 256, PseudorandomFunction.PRF_HMAC_SHA2_256, null,
                KeyExchangeMethod.CURVE25519), suite);
    }

    @Test
    void prfIsTheNegotiatedFunction() {
        assertSame(HmacPrf.SHA2_384, new IkeSuite(EncryptionAlgorithm.ENCR_AES_GCM_16, 256, PseudorandomFunction.PRF_HMAC_SHA2_384,
                null, KeyExchangeMethod.CURVE25519).prf());
        assertSame(AesXcbcPrf128.INSTANCE, new IkeSuite(EncryptionAlgorithm.ENCR_AES_CBC, 128, PseudorandomFunction.PRF_AES128_XCBC,
                IntegrityAlgorithm.AUTH_AES_XCBC_96, KeyExchangeMethod.CURVE25519).prf());
    }

    @ParameterizedTest(name = "{0}-{1} {2} {3} {4}")
    @CsvSource({
        "ENCR_AES_GCM_16,        128, PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, CURVE25519", // AEAD with integrity
        "ENCR_AES_CBC,           128, PRF_HMAC_SHA2_256, ,                       CURVE25519", // CBC without integrity
        "ENCR_AES_CBC,           128, PRF_HMAC_SHA2_256, NONE,                   CURVE25519",
        "ENCR_AES_CBC,           0,   PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, CURVE25519", // Key Length missing
        "ENCR_AES_CBC,           100, PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, CURVE25519",
        "ENCR_CHACHA20_POLY1305, 256, PRF_HMAC_SHA2_256, ,                       CURVE25519", // fixed key
        "ENCR_NULL,              0,   PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, CURVE25519", // never for IKE
        "ENCR_AES_CTR,           128, PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, CURVE25519", // not implemented
        "ENCR_3DES,              0,   PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, CURVE25519",
        "ENCR_AES_CCM_16,        128, PRF_HMAC_SHA2_256, ,                       CURVE25519",
        "ENCR_AES_CBC,           128, PRF_HMAC_MD5,      AUTH_HMAC_SHA2_256_128, CURVE25519",
        "ENCR_AES_CBC,           128, PRF_AES128_CMAC,   AUTH_HMAC_SHA2_256_128, CURVE25519",
        "ENCR_AES_CBC,           128, PRF_HMAC_SHA2_256, AUTH_HMAC_MD5_96,       CURVE25519",
        "ENCR_AES_CBC,           128, PRF_HMAC_SHA2_256, AUTH_AES_CMAC_96,       CURVE25519",
        "ENCR_AES_CBC,           128, PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, NONE",
        "ENCR_AES_CBC,           128, PRF_HMAC_SHA2_256, AUTH_HMAC_SHA2_256_128, MODP_1024",
    })
    void refusesCombinationsItCannotRun(EncryptionAlgorithm encryption, int keyBits, PseudorandomFunction prf,
                                        IntegrityAlgorithm integrity, KeyExchangeMethod ke) {
        assertThrows(IllegalArgumentException.class, () -> new IkeSuite(encryption, keyBits, prf, integrity, ke));
    }

    @Test
    void refusesMissingTransforms() {
        assertThrows(NullPointerException.class, () -> new IkeSuite(null, 0, PseudorandomFunction.PRF_HMAC_SHA2_256, null,
                KeyExchangeMethod.CURVE25519));
        assertThrows(NullPointerException.class, () -> new IkeSuite(EncryptionAlgorithm.ENCR_AES_GCM_16, 128, null, null,
                KeyExchangeMethod.CURVE25519));
        assertThrows(NullPointerException.class, () -> new IkeSuite(EncryptionAlgorithm.ENCR_AES_GCM_16, 128,
                PseudorandomFunction.PRF_HMAC_SHA2_256, null, null));
    }
}
