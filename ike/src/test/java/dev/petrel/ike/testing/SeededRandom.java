package dev.petrel.ike.testing;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Reproducible randomness for tests. */
public final class SeededRandom {
    private SeededRandom() {}

    /** SHA1PRNG seeded before its first use, so the same seed gives the same octets every run. */
    public static SecureRandom of(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
