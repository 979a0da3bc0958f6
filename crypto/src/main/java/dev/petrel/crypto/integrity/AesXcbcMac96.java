package dev.petrel.crypto.integrity;

import dev.petrel.crypto.mac.AesXcbcMac;

/**
 * AUTH_AES_XCBC_96 (RFC 3566): AES-XCBC-MAC with a 128-bit key, its 128-bit output truncated to the first 96 bits
 * on sending, the full value computed and its first 96 bits compared on receipt (RFC 3566 §4.3).
 */
public final class AesXcbcMac96 extends MacIntegrity {
    public static final int ICV_LENGTH = 12;

    public AesXcbcMac96(byte[] key) {
        super(new AesXcbcMac(requireLength("AES-XCBC-MAC-96", key, AesXcbcMac.KEY_LENGTH)), AesXcbcMac.KEY_LENGTH, ICV_LENGTH);
    }
}
