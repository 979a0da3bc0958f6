package dev.petrel.crypto.integrity;

import dev.petrel.crypto.mac.JcaHmac;

/** HMAC truncated to its leftmost {@code icvLength} octets (RFC 2104 §5, RFC 4868 §2.3, RFC 2404). */
public final class HmacIntegrity extends MacIntegrity {
    /**
     * @param jcaName the JCA name, e.g. {@code HmacSHA256}
     * @param key the key; RFC 4868 §2.1.1 fixes its length to the hash output (RFC 2404: 20 octets for SHA-1)
     * @param keyLength the length {@code key} must have
     * @param icvLength the truncated ICV length in octets
     */
    public HmacIntegrity(String jcaName, byte[] key, int keyLength, int icvLength) {
        super(new JcaHmac(jcaName, requireLength(jcaName, key, keyLength)), keyLength, icvLength);
    }
}
