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
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;

/** Creates keyed transforms from IANA transform ids. */
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
        return switch (algorithm) {
            case ENCR_AES_GCM_8, ENCR_AES_GCM_12, ENCR_AES_GCM_16 ->
                    new AesGcm(keyMaterial, keyMaterial.length - 4, algorithm.icvLength());
            case ENCR_CHACHA20_POLY1305 -> new ChaCha20Poly1305(keyMaterial);
            default -> throw unsupported(algorithm);
        };
    }

    /** A confidentiality-only cipher, to be paired with an integrity transform. */
    public static BlockCipher cipher(EncryptionAlgorithm algorithm, byte[] key) {
        return switch (algorithm) {
            case ENCR_AES_CBC -> new AesCbc(key);
            case ENCR_NULL -> NullCipher.INSTANCE;
            default -> throw unsupported(algorithm);
        };
    }

    /** An integrity transform keyed with {@code key}. */
    public static Integrity integrity(IntegrityAlgorithm algorithm, byte[] key) {
        return switch (algorithm) {
            case AUTH_HMAC_SHA1_96 -> new HmacIntegrity("HmacSHA1", key, 20, 12);
            case AUTH_HMAC_SHA2_256_128 -> new HmacIntegrity("HmacSHA256", key, 32, 16);
            case AUTH_HMAC_SHA2_384_192 -> new HmacIntegrity("HmacSHA384", key, 48, 24);
            case AUTH_HMAC_SHA2_512_256 -> new HmacIntegrity("HmacSHA512", key, 64, 32);
            case AUTH_AES_XCBC_96 -> new AesXcbcMac96(key);
            default -> throw unsupported(algorithm);
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
