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
 * @param ports the IKE port and the NAT-T port IKE floats to (strongSwan's {@code charon.port} and
 *     {@code charon.port_nat_t}; 500 and 4500)
 */
public record EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries, int halfOpenLimit,
        int cookieThreshold, Duration halfOpenTimeout, Duration cookieSecretLifetime, Ports ports) {
    public static final EngineSettings DEFAULTS = new EngineSettings(Duration.ofSeconds(4), 1.8, 5, 10_000, 10,
            Duration.ofSeconds(30), Duration.ofMinutes(2));

    /** The two UDP ports of RFC 7296 §2.23 and RFC 3948. */
    public record Ports(int ike, int natTraversal) {
        public static final Ports STANDARD = new Ports(500, 4500);

        public Ports {
            if (ike < 1 || ike > 65_535 || natTraversal < 1 || natTraversal > 65_535 || ike == natTraversal) {
                throw new IllegalArgumentException("IKE and NAT-T need two different ports, got " + ike + " and " + natTraversal);
            }
        }
    }

    /** Settings on the standard ports. */
    public EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries, int halfOpenLimit,
                          int cookieThreshold, Duration halfOpenTimeout, Duration cookieSecretLifetime) {
        this(retransmitTimeout, retransmitBase, retransmitTries, halfOpenLimit, cookieThreshold, halfOpenTimeout,
                cookieSecretLifetime, Ports.STANDARD);
    }

    /** The same settings on other ports. */
    public EngineSettings withPorts(Ports other) {
        return new EngineSettings(retransmitTimeout, retransmitBase, retransmitTries, halfOpenLimit, cookieThreshold,
                halfOpenTimeout, cookieSecretLifetime, other);
    }

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
