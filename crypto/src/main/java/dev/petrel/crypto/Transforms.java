package dev.petrel.crypto;

import dev.petrel.crypto.aead.Aead;
import dev.petrel.crypto.aead.AesGcm;
import dev.petrel.crypto.aead.ChaCha20Poly1305;
import dev.petrel.crypto.cipher.AesCbc;
import dev.petrel.crypto.cipher.BlockCipher;
import dev.petrel.crypto.cipher.NullCipher;
import dev.petrel.crypto.integrity.AesXcbcMac96;
import dev.petrel.crypto.integrity.HmacIntegrity;
import dev.petrel.crypto.integrity.Integrity;
import dev.petrel.crypto.prf.AesXcbcPrf128;
import dev.petrel.crypto.prf.HmacPrf;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.PseudorandomFunction;
import java.util.function.Function;

/**
 * Creates keyed transforms from IANA transform ids. Each kind has one table (the {@code *Factory} methods below)
 * that both the factories and {@code implemented} read, so the two cannot disagree.
 */
public final class Transforms {
    private Transforms() {}

    /**
     * Octets of keying material an encryption transform takes from the KEYMAT stream (RFC 7296 §2.17): the key,
     * plus the 4-octet salt for the AEADs (RFC 4106 §8.1, RFC 7634 §2).
     */
    public static int keyMaterialLength(EncryptionAlgorithm algorithm, int keyBits) {
        return switch (algorithm) {
            case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 -> checkedBits(algorithm, keyBits) / 8 + 4;
            case ENCR_CHACHA20_POLY1305 -> ChaCha20Poly1305.KEY_LENGTH + 4;
            case ENCR_AES_CBC -> checkedBits(algorithm, keyBits) / 8;
            case ENCR_NULL -> 0;
            default -> throw unsupported(algorithm);
        };
    }

    /** An AEAD for a combined-mode algorithm, keyed with key || salt. */
    public static Aead aead(EncryptionAlgorithm algorithm, byte[] keyMaterial) {
        Function<byte[], Aead> factory = aeadFactory(algorithm);
        if (factory == null) {
            throw unsupported(algorithm);
        }
        return factory.apply(keyMaterial);
    }

    /** A confidentiality-only cipher, to be paired with an integrity transform. */
    public static BlockCipher cipher(EncryptionAlgorithm algorithm, byte[] key) {
        Function<byte[], BlockCipher> factory = cipherFactory(algorithm);
        if (factory == null) {
            throw unsupported(algorithm);
        }
        return factory.apply(key);
    }

    /** An integrity transform keyed with {@code key}, whose length the algorithm fixes. */
    public static Integrity integrity(IntegrityAlgorithm algorithm, byte[] key) {
        Function<byte[], Integrity> factory = integrityFactory(algorithm);
        if (factory == null) {
            throw unsupported(algorithm);
        }
        return factory.apply(key);
    }

    /** The pseudorandom function of an IKE SA. */
    public static Prf prf(PseudorandomFunction algorithm) {
        Prf prf = prfOf(algorithm);
        if (prf == null) {
            throw unsupported(algorithm);
        }
        return prf;
    }

    /** True when {@link #aead} or {@link #cipher} can create {@code algorithm}. */
    public static boolean implemented(EncryptionAlgorithm algorithm) {
        return aeadFactory(algorithm) != null || cipherFactory(algorithm) != null;
    }

    /** True when {@link #integrity} can create {@code algorithm}. */
    public static boolean implemented(IntegrityAlgorithm algorithm) {
        return integrityFactory(algorithm) != null;
    }

    /** True when {@link #prf} can create {@code algorithm}. */
    public static boolean implemented(PseudorandomFunction algorithm) {
        return prfOf(algorithm) != null;
    }

    private static Function<byte[], Aead> aeadFactory(EncryptionAlgorithm algorithm) {
        return switch (algorithm) {
            case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 ->
                    keyMaterial -> new AesGcm(keyMaterial, keyMaterial.length - 4, algorithm.icvLength());
            case ENCR_CHACHA20_POLY1305 -> ChaCha20Poly1305::new;
            default -> null;
        };
    }

    private static Function<byte[], BlockCipher> cipherFactory(EncryptionAlgorithm algorithm) {
        return switch (algorithm) {
            case ENCR_AES_CBC -> AesCbc::new;
            case ENCR_NULL -> key -> NullCipher.INSTANCE;
            default -> null;
        };
    }

    private static Function<byte[], Integrity> integrityFactory(IntegrityAlgorithm algorithm) {
        return switch (algorithm) {
            case AUTH_HMAC_SHA1_96 -> key -> new HmacIntegrity("HmacSHA1", key, 20, 12);
            case AUTH_HMAC_SHA2_256_128 -> key -> new HmacIntegrity("HmacSHA256", key, 32, 16);
            case AUTH_HMAC_SHA2_384_192 -> key -> new HmacIntegrity("HmacSHA384", key, 48, 24);
            case AUTH_HMAC_SHA2_512_256 -> key -> new HmacIntegrity("HmacSHA512", key, 64, 32);
            case AUTH_AES_XCBC_96 -> AesXcbcMac96::new;
            default -> null;
        };
    }

    private static Prf prfOf(PseudorandomFunction algorithm) {
        return switch (algorithm) {
            case PRF_HMAC_SHA1 -> HmacPrf.SHA1;
            case PRF_HMAC_SHA2_256 -> HmacPrf.SHA2_256;
            case PRF_HMAC_SHA2_384 -> HmacPrf.SHA2_384;
            case PRF_HMAC_SHA2_512 -> HmacPrf.SHA2_512;
            case PRF_AES128_XCBC -> AesXcbcPrf128.INSTANCE;
            default -> null;
        };
    }

    private static int checkedBits(EncryptionAlgorithm algorithm, int keyBits) {
        if (!algorithm.acceptsKeyBits(keyBits)) {
            throw new TransformException(algorithm.name() + " does not take a " + keyBits + "-bit key");
        }
        return keyBits;
    }

    private static TransformException unsupported(Enum<?> algorithm) {
        return new TransformException(algorithm.name() + " is not implemented");
    }
}
