package dev.petrel.esp.suite;

import java.security.SecureRandom;

/** Unpredictable IVs for CBC (RFC 3602 §3) from a SecureRandom, through a reused scratch array. */
final class RandomIv implements IvSource {
    private static final int MAX_IV = 16;

    private final SecureRandom random;
    private final byte[] scratch = new byte[MAX_IV];

    RandomIv(SecureRandom random) {
        this.random = random;
    }

    @Override
    public void next(long seq, byte[] buf, int off, int len) {
        if (len == 0) {
            return; // ENCR_NULL carries no IV: draw nothing
        }
        if (len > MAX_IV) {
            throw new IllegalArgumentException("IV of " + len + " octets is longer than " + MAX_IV);
        }
        random.nextBytes(scratch);
        System.arraycopy(scratch, 0, buf, off, len);
    }
}
