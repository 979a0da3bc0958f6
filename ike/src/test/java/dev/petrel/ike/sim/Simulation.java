package dev.petrel.ike.sim;

import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.Peers;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.sim.FaultProfile;
import dev.petrel.testkit.sim.RunResult;
import dev.petrel.testkit.sim.SimulatedNetwork;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded run: the left engine initiates, the right one responds, across a {@link SimulatedNetwork} whose links
 * both behave as a fault profile drawn from the seed. Everything random (the faults, the engines' SPIs, nonces and
 * key shares, the detours IKE_SA_INIT takes, which side forces NAT-T) comes from the seed, so a run replays exactly.
 */
record Simulation(long seed, FaultProfile profile, Detours detours, NatT natT, SimulatedNetwork network, EngineHost left,
        EngineHost right) {
    /** Curve25519 is the cheapest key exchange, so a thousand seeds stay fast. */
    static final String IKE = "aes128gcm16-prfsha256-x25519";
    /** The initiator's offer when it must change group: its KE payload is ECP-256, which the responder refuses. */
    static final String IKE_ECP_FIRST = "aes128gcm16-prfsha256-ecp256-x25519";
    static final String ESP = "aes128gcm16";
    /** Up to 30% loss, duplication and reordering; delays up to 5 s, so responses cross retransmissions (4 s). */
    static final double MAX_RATE = 0.30;
    static final Duration MAX_DELAY = Duration.ofSeconds(5);
    /** Attempts before the initiator stays down (swanctl's keyingtries); each may time out after 165 s. */
    static final int TRIES = 3;
    /** Three timed-out attempts and the half-open timeout fit in 10 virtual minutes. */
    static final Duration TIME_LIMIT = Duration.ofMinutes(10);
    static final long MAX_EVENTS = 100_000;

    /**
     * The answers that restart IKE_SA_INIT before the responder accepts it: a COOKIE (RFC 7296 §2.6), when the
     * responder demands one from every initiator, and INVALID_KE_PAYLOAD (§1.2), when the initiator's first group is
     * not the responder's.
     */
    record Detours(boolean cookie, boolean keyExchange) {}

    /** Which side forces UDP encapsulation (swanctl's {@code encap = yes}); both then see a NAT. */
    enum NatT {
        NONE, LEFT, RIGHT, BOTH;

        boolean left() {
            return this == LEFT || this == BOTH;
        }

        boolean right() {
            return this == RIGHT || this == BOTH;
        }
    }

    /** Sets up the run of {@code seed}; with {@code forceNatT} one side or both force NAT-T, as the seed says. */
    static Simulation of(long seed, boolean forceNatT) {
        SplittableRandom draw = new SplittableRandom(seed).split();
        FaultProfile profile = FaultProfile.upTo(MAX_RATE, Duration.ofMillis(draw.nextLong(MAX_DELAY.toMillis() + 1)), draw);
        Detours detours = new Detours(draw.nextBoolean(), draw.nextBoolean());
        NatT natT = forceNatT ? List.of(NatT.LEFT, NatT.RIGHT, NatT.BOTH).get(draw.nextInt(3)) : NatT.NONE;
        SimulatedNetwork network = new SimulatedNetwork(seed, profile);
        EngineSettings d = EngineSettings.DEFAULTS;
        EngineSettings responder = detours.cookie() ? new EngineSettings(d.retransmitTimeout(), d.retransmitBase(),
                d.retransmitTries(), d.halfOpenLimit(), 0, d.halfOpenTimeout(), d.cookieSecretLifetime()) : d;
        EngineHost left = new EngineHost(new IkeEngine(d, List.of(Peers.left(detours.keyExchange() ? IKE_ECP_FIRST : IKE,
                ESP, natT.left())), SeededRandom.of(2 * seed)), network, Peers.LEFT);
        EngineHost right = new EngineHost(new IkeEngine(responder, List.of(Peers.right(IKE, ESP, natT.right())),
                SeededRandom.of(2 * seed + 1)), network, Peers.RIGHT);
        return new Simulation(seed, profile, detours, natT, network, left, right);
    }

    /** Left initiates; the network runs until nothing is left to do, or a bound is hit. */
    RunResult run() {
        left.initiate("petrel", "net", Peers.RIGHT, TRIES);
        return network.run(TIME_LIMIT, MAX_EVENTS, () -> false);
    }

    /** How to rerun this seed alone, its profile, both hosts and the network's trace. */
    String describe() {
        return "seed " + seed + " (alone: -Dtest='EngineSimulationTest' -Dpetrel.seed=" + seed + "), " + profile
                + ", " + detours + ", NAT-T forced by " + natT + "\nleft:\n" + left.describe() + "\nright:\n"
                + right.describe() + "\n" + network.describe();
    }
}
