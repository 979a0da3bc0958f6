package dev.petrel.testkit.sim;

import java.time.Duration;
import java.util.List;
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

    /**
     * What the link does to one datagram, drawn from {@code random}: nothing arrives when it is lost, else one copy, and
     * a second one when it is duplicated. The draws come in a fixed order (loss, the first copy's delay, duplication, the
     * second copy's delay), so one seed gives one sequence of fates.
     */
    public List<Flight> flights(RandomGenerator random) {
        if (random.nextDouble() < loss) {
            return List.of();
        }
        Flight first = flight(random);
        return random.nextDouble() < duplication ? List.of(first, flight(random)) : List.of(first);
    }

    /** One copy's time in flight, including any reordering hold-back. */
    private Flight flight(RandomGenerator random) {
        Duration delay = Duration.ofNanos(random.nextLong(minDelay.toNanos(), maxDelay.toNanos() + 1));
        if (random.nextDouble() < reorder) {
            long hold = Math.max(maxDelay.toNanos(), REORDER_FLOOR.toNanos());
            return new Flight(delay.plusNanos(random.nextLong(hold, 2 * hold + 1)), true);
        }
        return new Flight(delay, false);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + rate);
        }
    }
}
