package dev.petrel.ike.config;

import java.time.Duration;

/**
 * Engine-wide settings, with strongSwan's defaults where it has one.
 *
 * @param retransmitTimeout the first retransmission delay; each next one is {@code retransmitBase} times longer
 *     (RFC 7296 §2.1; strongSwan: 4 s, 1.8, 5 tries)
 * @param retransmitTries retransmissions before the exchange, and the IKE SA, are given up
 * @param halfOpenLimit half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not yet) above which new ones are refused
 * @param cookieThreshold half-open IKE SAs from which the responder demands a COOKIE (RFC 7296 §2.6)
 * @param halfOpenTimeout how long a half-open IKE SA may wait for IKE_AUTH
 * @param cookieSecretLifetime how long a cookie secret is used before it rotates
 */
public record EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries, int halfOpenLimit,
        int cookieThreshold, Duration halfOpenTimeout, Duration cookieSecretLifetime) {
    public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ofSeconds(4), 1.8, 5, 10_000, 10,
            Duration.ofSeconds(30), Duration.ofMinutes(2));

    public EngineSettings {
        if (retransmitTimeout.isNegative() || retransmitTimeout.isZero() || retransmitBase < 1 || retransmitTries < 0
                || halfOpenLimit < 1 || cookieThreshold < 0 || halfOpenTimeout.isNegative()) {
            throw new IllegalArgumentException("bad engine settings " + this);
        }
    }

    /** The delay before retransmission number {@code attempt} (0 for the first transmission's timeout). */
    public Duration retransmitDelay(int attempt) {
        return Duration.ofNanos((long) (retransmitTimeout.toNanos() * Math.pow(retransmitBase, attempt)));
    }
}
