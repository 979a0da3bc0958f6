package dev.petrel.esp.suite;

import dev.petrel.crypto.Transforms;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;

/**
 * The cryptographic part of ESP for one SA direction (RFC 4303 §3.3.2, §3.4.4): encrypts and authenticates, or
 * verifies and decrypts, a packet laid out as SPI, Sequence Number, IV, ciphertext (payload, padding, Pad Length,
 * Next Header), ICV, at offsets in a caller's array. With ESN the high-order 32 bits of the sequence number are
 * authenticated but not sent. Instances reuse their Cipher and Mac objects and scratch arrays; not thread-safe.
 */
public sealed interface EspSuite permits AeadSuite, CipherIntegritySuite {
    /** Octets of explicit IV after the ESP header. */
    int ivLength();

    /** Octets of ICV after the ciphertext. */
    int icvLength();

    /** Payload and trailer are padded to a multiple of this: the cipher block size, at least 4 (RFC 4303 §2.4). */
    int alignment();

    /** A received ciphertext length must be a multiple of this (the cipher block size; 1 for the AEADs). */
    int ciphertextBlock();

    /**
     * Encrypts {@code buf[espOff+8+ivLength, +ciphertextLength)} in place and writes the ICV after it. The ESP
     * header and IV must already be in place.
     */
    void protect(byte[] buf, int espOff, int ciphertextLength, int seqHigh);

    /**
     * Verifies the ICV and, only if it verifies, decrypts the ciphertext in place.
     *
     * @return false when the ICV does not verify (the ciphertext is then left as it was for the CBC suites)
     */
    boolean unprotect(byte[] buf, int espOff, int ciphertextLength, int seqHigh);

    /** Wipes the keys. */
    void destroy();

    /**
     * Builds the suite of an SA. The caller keeps and wipes the key arrays.
     *
     * @param encryptionKey the encryption keying material: key || salt for the AEADs (RFC 4106 §8.1, RFC 7634 §2)
     * @param integrityKey the integrity key; empty for the AEADs
     * @throws IllegalArgumentException when a key has the wrong length (the message gives lengths only)
     */
    static EspSuite create(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity, boolean esn,
                           byte[] encryptionKey, byte[] integrityKey) {
        int expected = Transforms.keyMaterialLength(encryption, keyBits);
        if (encryptionKey.length != expected) {
            throw new IllegalArgumentException(encryption + " needs " + expected + " octets of keying material, got " + encryptionKey.length);
        }
        if (integrityKey.length != integrity.keyLength()) {
            throw new IllegalArgumentException(integrity + " needs a " + integrity.keyLength() + "-octet key, got " + integrityKey.length);
        }
        if (encryption.isAead()) {
            return new AeadSuite(Transforms.aead(encryption, encryptionKey), esn);
        }
        return new CipherIntegritySuite(Transforms.cipher(encryption, encryptionKey), Transforms.integrity(integrity, integrityKey), esn);
    }
}
