package dev.petrel.crypto.prf;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.mac.AesXcbcMac;
import dev.petrel.crypto.mac.KeyedMac;
import java.util.Arrays;

/**
 * PRF_AES128_XCBC: AES-XCBC-PRF-128 (RFC 4434), the untruncated 128-bit AES-XCBC-MAC of RFC 3566, taking keys of any
 * length (RFC 4434 §2): a key of exactly 128 bits is used as is, a shorter one is padded on the right with zero
 * bits, a longer one is first shortened to 128 bits by AES-XCBC-PRF-128 itself with a key of 128 zero bits and the
 * long key as the message.
 *
 * <p>Note for SKEYSEED: RFC 7296 §2.14 says that a PRF taking a fixed-length key gets half its key from Ni and half
 * from Nr; implementations such as strongSwan treat this PRF that way (8 octets of each nonce). That choice belongs
 * to the caller; this class applies the RFC 4434 rule to whatever key it is given.
 */
public enum AesXcbcPrf128 implements Prf {
    INSTANCE;

    @Override
    public int outputLength() {
        return AesXcbcMac.MAC_LENGTH;
    }

    @Override
    public int preferredKeyLength() {
        return AesXcbcMac.KEY_LENGTH;
    }

    @Override
    public KeyedMac keyed(byte[] key) {
        if (key.length == AesXcbcMac.KEY_LENGTH) {
            return new AesXcbcMac(key);
        }
        byte[] k = key.length < AesXcbcMac.KEY_LENGTH ? Arrays.copyOf(key, AesXcbcMac.KEY_LENGTH) : shorten(key);
        try {
            return new AesXcbcMac(k);
        } finally {
            KeyMaterial.wipe(k);
        }
    }

    private static byte[] shorten(byte[] longKey) {
        try (AesXcbcMac zeroKeyed = new AesXcbcMac(new byte[AesXcbcMac.KEY_LENGTH])) {
            zeroKeyed.update(longKey);
            return zeroKeyed.doFinal();
        }
    }
}
