package dev.petrel.ike.sim;

import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.ChildLifetime;
import dev.petrel.ike.config.CloseAction;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.IkeLifecycle;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.Peers;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.sim.FaultProfile;
import dev.petrel.testkit.sim.RunResult;
import dev.petrel.testkit.sim.SimulatedNetwork;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One seeded run of two engines with aggressive lifetimes over a faulty network: CHILD_SAs rekeyed every few seconds
 * and IKE SAs every minute by both sides (jitter drawn from the seed, at times none, so that rekeyings collide), dead
 * peer detection with {@code dpd_action = restart}, and maybe a restart of one peer, which loses all its state. After
 * the faulty phase the network heals and the run goes on until both sides settle, or a bound is hit.
 *
 * @param restart which host restarts (null: none) and when
 */
record LifecycleSimulation(long seed, FaultProfile profile, Duration childRand, Duration ikeRand, Restart restart,
        SimulatedNetwork network, EngineHost left, EngineHost right) {
    static final String IKE = "aes128gcm16-prfsha256-x25519";
    static final String ESP = "aes128gcm16";
    /** Fast retransmissions (1 s, ×1.5, 5 tries: a silent peer is given up after about 20 s). */
    static final EngineSettings SETTINGS = new EngineSettings(Duration.ofSeconds(1), 1.5, 5, 10_000, 10,
            Duration.ofSeconds(30), Duration.ofMinutes(2));
    static final Duration CHILD_REKEY = Duration.ofSeconds(15);
    static final Duration CHILD_LIFE = Duration.ofSeconds(60);
    static final Duration IKE_REKEY = Duration.ofSeconds(60);
    static final Duration DPD_DELAY = Duration.ofSeconds(10);
    static final Duration DPD_TIMEOUT = Duration.ofSeconds(30);
    /** The faulty phase, then at most this long for both sides to settle on a healed network. */
    static final Duration FAULTY = Duration.ofMinutes(3);
    static final Duration SETTLE = Duration.ofMinutes(5);
    static final long MAX_EVENTS = 30_000;
    /** Attempts of a host's own initiation (swanctl's keyingtries); the engine restarts what DPD found dead. */
    static final int TRIES = 5;

    record Restart(boolean left, Duration at) {}

    static LifecycleSimulation of(long seed) {
        SplittableRandom draw = new SplittableRandom(seed).split();
        FaultProfile profile = FaultProfile.upTo(0.30, Duration.ofMillis(draw.nextLong(501)), draw);
        List<Duration> rands = List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(3));
        Duration childRand = rands.get(draw.nextInt(rands.size()));
        Duration ikeRand = rands.get(draw.nextInt(rands.size()));
        Restart restart = draw.nextBoolean() ? null
                : new Restart(draw.nextBoolean(), Duration.ofSeconds(30 + draw.nextLong(121)));
        SimulatedNetwork network = new SimulatedNetwork(seed, profile);
        EngineHost left = new EngineHost(engine(Peers.left(IKE, ESP, false), childRand, ikeRand, 4 * seed), network, Peers.LEFT);
        EngineHost right = new EngineHost(engine(Peers.right(IKE, ESP, false), childRand, ikeRand, 4 * seed + 1), network,
                Peers.RIGHT);
        return new LifecycleSimulation(seed, profile, childRand, ikeRand, restart, network, left, right);
    }

    private static IkeEngine engine(IkeConfig base, Duration childRand, Duration ikeRand, long seed) {
        ChildConfig child = base.children().getFirst()
                .withLifetime(new ChildLifetime(CHILD_REKEY, CHILD_LIFE, childRand, 0, 0, 0, 0))
                .withActions(CloseAction.RESTART, CloseAction.RESTART);
        IkeConfig config = base.withChildren(List.of(child)).withLifecycle(new IkeLifecycle(IKE_REKEY, Duration.ZERO,
                Duration.ofSeconds(30), ikeRand, DPD_DELAY, DPD_TIMEOUT));
        return new IkeEngine(SETTINGS, List.of(config), SeededRandom.of(seed));
    }

    /** Left initiates; faults for {@link #FAULTY}, a restart maybe; then a healed network until {@code settled}. */
    RunResult run(BooleanSupplier settled) {
        left.initiate("petrel", "net", Peers.RIGHT, TRIES);
        if (restart != null) {
            EngineHost host = restart.left() ? left : right;
            InetAddress peer = restart.left() ? Peers.RIGHT : Peers.LEFT;
            network.schedule(restart.at(), "restart " + (restart.left() ? "left" : "right"), () -> {
                host.restart(engine(restart.left() ? Peers.left(IKE, ESP, false) : Peers.right(IKE, ESP, false),
                        childRand, ikeRand, 4 * seed + 2));
                host.initiate("petrel", "net", peer, TRIES);
            });
        }
        RunResult faulty = network.run(FAULTY, MAX_EVENTS, () -> false);
        if (faulty.outcome() != RunResult.Outcome.TIME_LIMIT) {
            return faulty;
        }
        network.setProfile(Peers.LEFT, Peers.RIGHT, FaultProfile.NONE);
        network.setProfile(Peers.RIGHT, Peers.LEFT, FaultProfile.NONE);
        return network.run(SETTLE, MAX_EVENTS, settled);
    }

    String describe() {
        return "seed " + seed + " (alone: -Dtest='LifecycleSimulationTest' -Dpetrel.seed=" + seed + "), " + profile
                + ", child rand_time " + childRand + ", IKE rand_time " + ikeRand + ", restart " + restart
                + "\nleft:\n" + left.describe() + "\nright:\n" + right.describe() + "\n" + network.describe();
    }
}
