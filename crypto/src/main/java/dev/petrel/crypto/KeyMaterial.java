package dev.petrel.crypto;

import java.util.Arrays;

/** Helpers for secret bytes: copies that the caller owns and wipes, and constant-time comparison. */
public final class KeyMaterial {
    private KeyMaterial() {}

    /** A copy of {@code key[off, off+len)} that the caller must wipe. */
    public static byte[] copy(byte[] key, int off, int len) {
        return Arrays.copyOfRange(key, off, off + len);
    }

    /** Overwrites secret bytes with zeros; null is ignored. */
    public static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Compares {@code len} bytes in time that does not depend on where they differ. */
    public static boolean constantTimeEquals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
