package dev.petrel.ike.config;

import dev.petrel.esp.lifetime.LifetimeLimits;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a CHILD_SA is rekeyed (soft) and when it dies if it was not (hard), by time, bytes and packets (RFC 4301
 * §4.4.2.1; swanctl's {@code rekey_time}, {@code life_time}, {@code rand_time}, {@code rekey_bytes},
 * {@code life_bytes}, {@code rekey_packets}, {@code life_packets}). Zero means no limit of that kind. The time the
 * rekeying actually starts is jittered by up to {@code randTime}, so that two peers with the same policy rarely
 * rekey at once (RFC 7296 §2.8.1).
 */
public record ChildLifetime(Duration rekeyTime, Duration lifeTime, Duration randTime, long rekeyBytes, long lifeBytes,
        long rekeyPackets, long lifePackets) {
    /** No limit at all: the CHILD_SA lives until deleted. */
    public static final ChildLifetime NONE = new ChildLifetime(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0, 0, 0, 0);

    public ChildLifetime {
        if (rekeyTime.isNegative() || lifeTime.isNegative() || randTime.isNegative() || rekeyBytes < 0 || lifeBytes < 0
                || rekeyPackets < 0 || lifePackets < 0) {
            throw new IllegalArgumentException("negative CHILD_SA lifetime " + this);
        }
        requireSoftBeforeHard("time", rekeyTime.toMillis(), lifeTime.toMillis());
        requireSoftBeforeHard("bytes", rekeyBytes, lifeBytes);
        requireSoftBeforeHard("packets", rekeyPackets, lifePackets);
    }

    /** Rekeying by time only, as a test or the demo wants it: life 10 % longer, jitter within that margin. */
    public static ChildLifetime rekeyEvery(Duration rekey) {
        Duration margin = rekey.dividedBy(10);
        return new ChildLifetime(rekey, rekey.plus(margin), margin, 0, 0, 0, 0);
    }

    /** When, after installation, this CHILD_SA starts its rekeying: {@code rekeyTime} less a random part of {@code randTime}. */
    public Duration rekeyDelay(RandomGenerator random) {
        return jittered(rekeyTime, randTime, random);
    }

    /** The byte and packet limits the data plane counts against (soft: rekey, hard: delete). */
    public LifetimeLimits limits() {
        return new LifetimeLimits(limit(rekeyBytes, lifeBytes), limit(lifeBytes, 0), limit(rekeyPackets, lifePackets),
                limit(lifePackets, 0));
    }

    static Duration jittered(Duration time, Duration rand, RandomGenerator random) {
        if (time.isZero()) {
            return Duration.ZERO;
        }
        long spread = Math.min(rand.toMillis(), time.toMillis() - 1);
        return spread <= 0 ? time : time.minusMillis(random.nextLong(spread + 1));
    }

    private static long limit(long value, long fallback) {
        return value > 0 ? value : fallback > 0 ? fallback : Long.MAX_VALUE;
    }

    private static void requireSoftBeforeHard(String kind, long soft, long hard) {
        if (soft > 0 && hard > 0 && hard <= soft) {
            throw new IllegalArgumentException("CHILD_SA life " + kind + " " + hard + " must exceed its rekey " + kind + " " + soft);
        }
    }
}
