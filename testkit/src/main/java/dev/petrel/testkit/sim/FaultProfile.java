package dev.petrel.testkit.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a simulated link does to each datagram: drop it with probability {@code loss}, send a second copy with
 * probability {@code duplication}, and delay every copy uniformly in [{@code minDelay}, {@code maxDelay}]. A copy
 * picked for reordering (probability {@code reorder}) is held back by an extra delay uniform in [D, 2D], where D is
 * {@code maxDelay} but at least {@link #REORDER_FLOOR}, so that datagrams sent shortly after it overtake it.
 */
public record FaultProfile(double loss, double duplication, double reorder, Duration minDelay, Duration maxDelay) {

    /** A perfect link: nothing lost, duplicated or reordered, delivered at the instant it was sent. */
    public static final FaultProfile NONE = new FaultProfile(0, 0, 0, Duration.ZERO, Duration.ZERO);

    /** A cut link: every datagram is lost. */
    public static final FaultProfile DROP_ALL = new FaultProfile(1, 0, 0, Duration.ZERO, Duration.ZERO);

    /** The least extra delay a reordered datagram gets, for links whose {@code maxDelay} is zero. */
    public static final Duration REORDER_FLOOR = Duration.ofMillis(1);

    public FaultProfile {
        requireRate("loss", loss);
        requireRate("duplication", duplication);
        requireRate("reorder", reorder);
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay, got " + minDelay + " and " + maxDelay);
        }
    }

    /**
     * A profile drawn from {@code random}: loss, duplication and reorder each uniform in [0, {@code maxRate}], and a
     * delay range inside [0, {@code maxDelay}]. For sweeps such as "up to 30% loss" over many seeds.
     */
    public static FaultProfile upTo(double maxRate, Duration maxDelay, RandomGenerator random) {
        requireRate("maxRate", maxRate);
        long max = maxDelay.toNanos();
        long min = random.nextLong(max + 1);
        return new FaultProfile(random.nextDouble() * maxRate, random.nextDouble() * maxRate, random.nextDouble() * maxRate,
                Duration.ofNanos(min), Duration.ofNanos(random.nextLong(min, max + 1)));
    }

    /** One copy's time in flight, including any reordering hold-back. */
    Duration delay(RandomGenerator random) {
        Duration delay = Duration.ofNanos(random.nextLong(minDelay.toNanos(), maxDelay.toNanos() + 1));
        if (random.nextDouble() < reorder) {
            long hold = Math.max(maxDelay.toNanos(), REORDER_FLOOR.toNanos());
            delay = delay.plusNanos(random.nextLong(hold, 2 * hold + 1));
        }
        return delay;
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + rate);
        }
    }
}
