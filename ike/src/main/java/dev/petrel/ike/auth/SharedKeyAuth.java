package dev.petrel.ike.auth;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Shared Key Message Integrity Code (RFC 7296 §2.15): AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), octets). */
public final class SharedKeyAuth {
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private SharedKeyAuth() {}

    public static byte[] compute(Prf prf, byte[] sharedKey, byte[] signedOctets) {
        byte[] padded = prf.compute(sharedKey, KEY_PAD);
        try {
            return prf.compute(padded, signedOctets);
        } finally {
            KeyMaterial.wipe(padded);
        }
    }

    /** True when {@code received} is the AUTH data for these octets, compared in constant time. */
    public static boolean verify(Prf prf, byte[] sharedKey, byte[] signedOctets, byte[] received) {
        return MessageDigest.isEqual(compute(prf, sharedKey, signedOctets), received);
    }
}
