package dev.petrel.ike.config;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The timed life of an IKE SA (swanctl's connection settings): rekeying by CREATE_CHILD_SA after {@code rekeyTime}
 * (RFC 7296 §2.18), reauthentication from scratch after {@code reauthTime} (§2.8.3), a hard end {@code overTime}
 * after the later of the two, jitter up to {@code randTime}, and dead peer detection (§2.4): a liveness check after
 * {@code dpdDelay} without anything from the peer, which fails when unanswered after the retransmissions or after
 * {@code dpdTimeout}, if that is shorter. Zero turns each off.
 */
public record IkeLifecycle(Duration rekeyTime, Duration reauthTime, Duration overTime, Duration randTime,
        Duration dpdDelay, Duration dpdTimeout) {
    /** Nothing timed: the IKE SA lives until deleted, and the peer is trusted to be alive. */
    public static final IkeLifecycle NONE = new IkeLifecycle(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    public IkeLifecycle {
        for (Duration d : new Duration[] {rekeyTime, reauthTime, overTime, randTime, dpdDelay, dpdTimeout}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative IKE SA time in " + this);
            }
        }
    }

    /** When, after it was established, the IKE SA starts its rekeying (zero: never). */
    public Duration rekeyDelay(RandomGenerator random) {
        return ChildLifetime.jittered(rekeyTime, randTime, random);
    }

    /** When, after it was established, the IKE SA starts its reauthentication (zero: never). */
    public Duration reauthDelay(RandomGenerator random) {
        return ChildLifetime.jittered(reauthTime, randTime, random);
    }

    /** How long the IKE SA may live at most (zero: for ever): {@code overTime} past its rekey or reauth time. */
    public Duration hardLife() {
        Duration later = rekeyTime.compareTo(reauthTime) >= 0 ? rekeyTime : reauthTime;
        return later.isZero() || overTime.isZero() ? Duration.ZERO : later.plus(overTime);
    }

    public IkeLifecycle withDpd(Duration delay, Duration timeout) {
        return new IkeLifecycle(rekeyTime, reauthTime, overTime, randTime, delay, timeout);
    }
}
