package dev.petrel.crypto.integrity;

/**
 * An integrity transform keyed for one SA direction: HMAC-SHA2 with truncation (RFC 4868), HMAC-SHA1-96
 * (RFC 2404) or AES-XCBC-MAC-96 (RFC 3566). Feed the covered bytes with {@link #update}, then
 * {@link #sign} or {@link #verify}, which also reset it. Not thread-safe: one per SA direction.
 */
public interface Integrity {
    /** The key length in octets. */
    int keyLength();

    /** The truncated ICV length in octets. */
    int icvLength();

    void update(byte[] data, int off, int len);

    /** Writes the truncated ICV of everything fed since the last reset to {@code out[off, off+icvLength)}. */
    void sign(byte[] out, int off);

    /** True when {@code icv[off, off+icvLength)} is the ICV of what was fed, compared in constant time. */
    boolean verify(byte[] icv, int off);

    /** Wipes the key. */
    void destroy();
}
