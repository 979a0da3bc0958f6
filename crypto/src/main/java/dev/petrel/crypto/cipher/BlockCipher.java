package dev.petrel.crypto.cipher;

/**
 * A confidentiality-only transform for ESP and IKEv2 SK payloads, paired with a separate integrity transform:
 * AES-CBC (RFC 3602) or ENCR_NULL (RFC 2410). The IV travels in the packet. Not thread-safe: one per SA direction.
 */
public interface BlockCipher {
    /** The cipher block size in octets; ESP pads the plaintext to a multiple of it (at least 4). */
    int blockSize();

    /** The IV carried in each packet, in octets (0 for ENCR_NULL). */
    int ivLength();

    /** Encrypts {@code buf[off, off+len)} in place; {@code len} must be a multiple of {@link #blockSize()}. */
    void encrypt(byte[] iv, int ivOff, byte[] buf, int off, int len);

    /** Decrypts {@code buf[off, off+len)} in place; {@code len} must be a multiple of {@link #blockSize()}. */
    void decrypt(byte[] iv, int ivOff, byte[] buf, int off, int len);

    /** Wipes the key. */
    void destroy();
}
