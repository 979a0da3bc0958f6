package dev.petrel.crypto.aead;

/**
 * An AEAD transform keyed for one direction of one SA (RFC 5282 for IKEv2, RFC 4106 and RFC 7634 for ESP).
 * The nonce is the 4-octet salt taken from the keying material followed by the 8-octet explicit IV carried in
 * each packet. Instances keep their JCA objects and are not thread-safe: one per SA direction.
 */
public interface Aead {
    /** Octets of keying material: the cipher key followed by the 4-octet salt. */
    int keyMaterialLength();

    /** The explicit IV carried in each packet: 8 octets. */
    int ivLength();

    /** The ICV (tag) length in octets. */
    int tagLength();

    /**
     * Encrypts {@code buf[off, off+len)} in place and writes the tag right after it.
     *
     * @return the length of ciphertext and tag
     */
    int seal(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len);

    /**
     * Verifies and decrypts {@code buf[off, off+len)}, the ciphertext followed by the tag, in place.
     *
     * @return the plaintext length, or -1 when the tag does not verify (nothing is released then)
     */
    int open(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len);

    /** Wipes the key; the instance cannot be used afterwards. */
    void destroy();
}
