package dev.petrel.crypto.prf;

import dev.petrel.crypto.mac.JcaHmac;
import dev.petrel.crypto.mac.KeyedMac;

/**
 * PRF_HMAC_SHA1 and PRF_HMAC_SHA2_256/384/512: plain, untruncated HMAC keyed with a key of any length
 * (RFC 4868 §2.2: keys longer than the block size are hashed, shorter ones zero-filled, as RFC 2104 says).
 * The preferred key length is the output length.
 *
 * @param jcaName the JCA Mac name, e.g. {@code HmacSHA256}
 * @param outputLength the hash output length in octets
 */
public record HmacPrf(String jcaName, int outputLength) implements Prf {
    public static final HmacPrf SHA1 = new HmacPrf("HmacSHA1", 20);
    public static final HmacPrf SHA2_256 = new HmacPrf("HmacSHA256", 32);
    public static final HmacPrf SHA2_384 = new HmacPrf("HmacSHA384", 48);
    public static final HmacPrf SHA2_512 = new HmacPrf("HmacSHA512", 64);

    @Override
    public int preferredKeyLength() {
        return outputLength;
    }

    @Override
    public KeyedMac keyed(byte[] key) {
        return new JcaHmac(jcaName, key);
    }
}
