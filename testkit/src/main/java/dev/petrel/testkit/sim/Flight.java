package dev.petrel.testkit.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * One copy of a datagram that a {@link FaultProfile} lets through: its time in flight, and whether that includes the
 * hold-back of a copy picked for reordering.
 */
public record Flight(Duration delay, boolean reordered) {

    public Flight {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
    }
}
