package dev.petrel.crypto.ke;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGeneratorFactory;

/** Deterministic randomness for tests: a seeded stream, or a script of exact draws. */
final class TestRandom {
    private TestRandom() {}

    /** The same bytes for the same seed, every run. */
    static SecureRandom seeded(long seed) {
        var generator = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        return of(generator::nextBytes);
    }

    /**
     * Hands out {@code draws} in order; each request must ask for exactly the next draw's length, and asking for more
     * than the script fails. This pins how a provider consumes randomness, e.g. FIPS 203 keygen's d then z.
     */
    static SecureRandom scripted(byte[]... draws) {
        Deque<byte[]> left = new ArrayDeque<>(List.of(draws));
        return of(out -> {
            byte[] next = left.poll();
            if (next == null || next.length != out.length) {
                throw new AssertionError("unexpected request for " + out.length + " random octets");
            }
            System.arraycopy(next, 0, out, 0, out.length);
        });
    }

    private static SecureRandom of(Consumer<byte[]> fill) {
        return new SecureRandom(new Spi(fill), null) {};
    }

    private static final class Spi extends SecureRandomSpi {
        private final transient Consumer<byte[]> fill;

        Spi(Consumer<byte[]> fill) {
            this.fill = fill;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            throw new UnsupportedOperationException("a test random is not reseeded");
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            fill.accept(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] seed = new byte[numBytes];
            fill.accept(seed);
            return seed;
        }
    }
}
