package dev.petrel.ike.testing;

import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.ArrayList;
import java.util.List;

/** The IKE SA suites under test. */
public final class IkeSuites {
    private IkeSuites() {}

    /**
     * Every IKE encryption implemented: AES-GCM 8/12/16 × 128/192/256 and ChaCha20-Poly1305 (PRF HMAC-SHA-256), and
     * AES-CBC 128/192/256 with each integrity transform (PRF AES-XCBC with AES-XCBC-96, else HMAC-SHA-256).
     */
    public static List<IkeSuite> all() {
        List<IkeSuite> suites = new ArrayList<>();
        for (EncryptionAlgorithm gcm : List.of(EncryptionAlgorithm.ENCR_AES_GCM_8, EncryptionAlgorithm.ENCR_AES_GCM_12,
                EncryptionAlgorithm.ENCR_AES_GCM_16)) {
            for (int bits : new int[] {128, 192, 256}) {
                suites.add(aead(gcm, bits));
            }
        }
        suites.add(aead(EncryptionAlgorithm.ENCR_CHACHA20_POLY1305, 0));
        for (IntegrityAlgorithm integrity : List.of(IntegrityAlgorithm.AUTH_HMAC_SHA1_96, IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128,
                IntegrityAlgorithm.AUTH_HMAC_SHA2_384_192, IntegrityAlgorithm.AUTH_HMAC_SHA2_512_256, IntegrityAlgorithm.AUTH_AES_XCBC_96)) {
            PseudorandomFunction prf = integrity == IntegrityAlgorithm.AUTH_AES_XCBC_96
                    ? PseudorandomFunction.PRF_AES128_XCBC : PseudorandomFunction.PRF_HMAC_SHA2_256;
            for (int bits : new int[] {128, 192, 256}) {
                suites.add(new IkeSuite(EncryptionAlgorithm.ENCR_AES_CBC, bits, prf, integrity, KeyExchangeMethod.CURVE25519));
            }
        }
        return suites;
    }

    public static IkeSuite aead(EncryptionAlgorithm encryption, int keyBits) {
        return new IkeSuite(encryption, keyBits, PseudorandomFunction.PRF_HMAC_SHA2_256, null, KeyExchangeMethod.CURVE25519);
    }

    public static IkeSuite gcm16() {
        return aead(EncryptionAlgorithm.ENCR_AES_GCM_16, 256);
    }

    public static IkeSuite cbcSha256() {
        return new IkeSuite(EncryptionAlgorithm.ENCR_AES_CBC, 128, PseudorandomFunction.PRF_HMAC_SHA2_256,
                IntegrityAlgorithm.AUTH_HMAC_SHA2_256_128, KeyExchangeMethod.CURVE25519);
    }
}
