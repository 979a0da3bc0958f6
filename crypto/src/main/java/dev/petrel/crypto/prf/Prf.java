package dev.petrel.crypto.prf;

import dev.petrel.crypto.mac.KeyedMac;

/**
 * An IKEv2 pseudorandom function (Transform Type 2, RFC 7296 §2.13): HMAC-SHA1, HMAC-SHA2 (RFC 4868 §2.2) or
 * AES-XCBC-PRF-128 (RFC 4434). A {@code Prf} holds no key and is thread-safe; {@link #keyed} returns a streaming
 * instance for one key, which the caller closes to wipe it.
 */
public sealed interface Prf permits HmacPrf, AesXcbcPrf128 {
    /** The output length in octets. */
    int outputLength();

    /**
     * The preferred key length in octets: the length of SK_d, SK_pi and SK_pr taken from the key stream
     * (RFC 7296 §2.14). Every PRF here also accepts keys of other lengths.
     */
    int preferredKeyLength();

    /** A streaming instance keyed with {@code key}; the caller keeps (and wipes) {@code key} and closes the result. */
    KeyedMac keyed(byte[] key);

    /** prf(key, data[0] | data[1] | ...). */
    default byte[] compute(byte[] key, byte[]... data) {
        try (KeyedMac mac = keyed(key)) {
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        }
    }
}
