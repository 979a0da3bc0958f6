package dev.petrel.cli.load;

import dev.petrel.ike.engine.Endpoint;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How much load, from where, for how long; every part bounded.
 *
 * @param target the responder's IKE address and port
 * @param natTraversalPort the responder's NAT-T port, which IKE floats to when a NAT is detected (RFC 7296 §2.23)
 * @param sources the addresses to send from, one socket per address and port; empty: the one the kernel picks
 * @param count handshakes to start in all
 * @param concurrency IKE SAs under way at once, being set up or (after success) deleted
 * @param duration no handshake starts later than this after the first; those still under way then are unfinished
 * @param timeout how long one handshake, and then its DELETE exchange, may take
 * @param keep keep the IKE SAs instead of deleting each as soon as it is up, so that the responder accumulates them
 * @param hold with keep, how long to hold them after the last one is up, answering the responder, before they are
 *     deleted
 */
record LoadPlan(Endpoint target, int natTraversalPort, List<InetAddress> sources, PortRange ports, int count,
        int concurrency, Duration duration, Duration timeout, boolean keep, Duration hold) {
    static final int MAX_COUNT = 10_000_000;
    static final int MAX_CONCURRENCY = 10_000;
    static final int MAX_SOCKETS = 1024;

    LoadPlan {
        Objects.requireNonNull(target, "target");
        sources = List.copyOf(sources);
        Objects.requireNonNull(ports, "ports");
        if (natTraversalPort < 1 || natTraversalPort > 65_535 || natTraversalPort == target.port()) {
            throw new IllegalArgumentException("the NAT-T port must be a port other than the IKE port " + target.port()
                    + ", got " + natTraversalPort);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("--count must be 1 to " + MAX_COUNT + ", got " + count);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency must be 1 to " + MAX_CONCURRENCY + ", got " + concurrency);
        }
        positive("--duration", duration);
        positive("--timeout", timeout);
        if (hold.isNegative()) {
            throw new IllegalArgumentException("--hold must not be negative, got " + hold);
        }
        if (!keep && !hold.isZero()) {
            throw new IllegalArgumentException("--hold needs --keep: without it each IKE SA is deleted once it is up");
        }
        if ((long) Math.max(1, sources.size()) * ports.size() > MAX_SOCKETS) {
            throw new IllegalArgumentException(Math.max(1, sources.size()) + " addresses × " + ports.size()
                    + " ports is more than " + MAX_SOCKETS + " sockets");
        }
    }

    private static void positive(String option, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be positive, got " + d);
        }
    }
}
