package dev.petrel.crypto.mac;

/**
 * A MAC function keyed once and fed in pieces: HMAC through JCA ({@link JcaHmac}) or AES-XCBC-MAC
 * ({@link AesXcbcMac}). {@link #doFinal} returns the full, untruncated MAC and resets the instance for the next
 * message under the same key. Not thread-safe. {@link #close()} wipes the key; the instance is unusable afterwards.
 */
public sealed interface KeyedMac extends AutoCloseable permits JcaHmac, AesXcbcMac {
    /** The full MAC length in octets. */
    int macLength();

    void update(byte[] data, int off, int len);

    default void update(byte[] data) {
        update(data, 0, data.length);
    }

    /** Writes the MAC of everything fed since the last reset to {@code out[off, off+macLength)} and resets. */
    void doFinal(byte[] out, int off);

    default byte[] doFinal() {
        byte[] out = new byte[macLength()];
        doFinal(out, 0);
        return out;
    }

    /** Wipes the key and any chaining state. */
    @Override
    void close();
}
