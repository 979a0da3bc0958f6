package dev.petrel.ike.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.ChildLifetime;
import dev.petrel.ike.config.CloseAction;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.IkeLifecycle;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.Peers;
import dev.petrel.ike.engine.TrapChild;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.testing.SeededRandom;
import dev.petrel.testkit.sim.FaultProfile;
import dev.petrel.testkit.sim.SimulatedNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One lifecycle behaviour at a time, on a perfect simulated network: reauthentication make-before-break, dead peer
 * detection with each {@code dpd_action}, a CHILD_SA's hard lifetime with the peer's {@code close_action}, and a
 * byte limit reported by the data plane (RFC 7296 §2.4, §2.8, §2.8.3; RFC 4301 §4.4.2.1).
 */
class LifecycleScenariosTest {
    private static final String IKE = LifecycleSimulation.IKE;
    private static final String ESP = LifecycleSimulation.ESP;

    private final SimulatedNetwork network = new SimulatedNetwork(1, FaultProfile.NONE);

    private EngineHost host(IkeConfig config, java.net.InetAddress address, long seed) {
        return new EngineHost(new IkeEngine(LifecycleSimulation.SETTINGS, List.of(config), SeededRandom.of(seed)), network,
                address);
    }

    private static IkeConfig config(IkeConfig base, UnaryOperator<ChildConfig> child, IkeLifecycle lifecycle) {
        return base.withChildren(List.of(child.apply(base.children().getFirst()))).withLifecycle(lifecycle);
    }

    private static IkeLifecycle dpd(Duration delay, Duration timeout) {
        return IkeLifecycle.NONE.withDpd(delay, timeout);
    }

    private void runFor(Duration d) {
        network.run(d, 100_000, () -> false);
    }

    private static IkeSaView only(EngineHost host) {
        List<IkeSaView> sas = host.engine().sas();
        assertEquals(1, sas.size(), host::describe);
        return sas.getFirst();
    }

    @Test
    void reauthenticationMakesTheNewIkeSaBeforeDeletingTheOld() {
        IkeLifecycle reauth = new IkeLifecycle(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ZERO, Duration.ZERO, Duration.ZERO);
        EngineHost left = host(config(Peers.left(IKE, ESP, false), c -> c, reauth), Peers.LEFT, 1);
        EngineHost right = host(Peers.right(IKE, ESP, false), Peers.RIGHT, 2);
        left.initiate("petrel", "net", Peers.RIGHT, 1);
        runFor(Duration.ofSeconds(10));
        IkeSaView first = only(left);
        runFor(Duration.ofSeconds(25));
        IkeSaView second = only(left);
        assertNotEquals(first.initiatorSpi(), second.initiatorSpi(), left::describe);
        assertEquals(second.initiatorSpi(), only(right).initiatorSpi(), right::describe);
        assertEquals(1, second.children().size());
        assertEquals(left.sending().iterator().next(), second.children().getFirst().inboundSpi());
        assertTrue(left.breach().isEmpty() && right.breach().isEmpty(), left::describe);
        // the new CHILD_SA sent before the old one left: never a moment without one that sends
        assertTrue(left.events().stream().noneMatch(e -> e instanceof NegotiationFailed), left::describe);
    }

    @Test
    void deadPeerIsDetectedWithinDpdDelayAndTimeoutAndRestarted() {
        Duration delay = Duration.ofSeconds(10);
        Duration timeout = Duration.ofSeconds(15);
        EngineHost left = host(config(Peers.left(IKE, ESP, false), c -> c.withActions(CloseAction.RESTART, CloseAction.CLEAR),
                dpd(delay, timeout)), Peers.LEFT, 1);
        EngineHost right = host(Peers.right(IKE, ESP, false), Peers.RIGHT, 2);
        left.initiate("petrel", "net", Peers.RIGHT, 1);
        runFor(Duration.ofSeconds(5));
        long before = only(left).initiatorSpi();
        Instant cut = network.now();
        network.partition(Peers.LEFT, Peers.RIGHT, Duration.ofSeconds(60));
        network.run(Duration.ofSeconds(60), 100_000,
                () -> left.engine().sas().stream().noneMatch(sa -> sa.initiatorSpi() == before));
        Duration detected = Duration.between(cut, network.now());
        assertTrue(detected.compareTo(delay.plus(timeout)) <= 0, () -> "detected after " + detected);
        assertTrue(left.events().stream().anyMatch(e -> e instanceof NegotiationFailed f
                && f.failure() == NegotiationFailed.Failure.TIMEOUT), left::describe);
        runFor(Duration.ofSeconds(90));
        // restarted once the link healed: a new IKE SA with its CHILD_SA; the stale one went by INITIAL_CONTACT
        IkeSaView after = only(left);
        assertNotEquals(before, after.initiatorSpi());
        assertEquals(1, after.children().size());
        assertEquals(after.initiatorSpi(), only(right).initiatorSpi(), right::describe);
        assertTrue(left.breach().isEmpty() && right.breach().isEmpty(), left::describe);
    }

    @Test
    void deadPeerWithTrapInstallsATrapPolicy() {
        EngineHost left = host(config(Peers.left(IKE, ESP, false), c -> c.withActions(CloseAction.TRAP, CloseAction.CLEAR),
                dpd(Duration.ofSeconds(10), Duration.ofSeconds(15))), Peers.LEFT, 1);
        host(Peers.right(IKE, ESP, false), Peers.RIGHT, 2);
        left.initiate("petrel", "net", Peers.RIGHT, 1);
        runFor(Duration.ofSeconds(5));
        network.partition(Peers.LEFT, Peers.RIGHT, Duration.ofMinutes(5));
        runFor(Duration.ofSeconds(60));
        assertEquals(List.of(new TrapChild("petrel", "net")), left.traps(), left::describe);
        assertTrue(left.engine().sas().isEmpty(), left::describe);
    }

    @Test
    void hardLifetimeDeletesTheChildSaAndThePeersCloseActionRestartsIt() {
        ChildLifetime lifeOnly = new ChildLifetime(Duration.ZERO, Duration.ofSeconds(20), Duration.ZERO, 0, 0, 0, 0);
        EngineHost left = host(config(Peers.left(IKE, ESP, false), c -> c.withLifetime(lifeOnly), IkeLifecycle.NONE),
                Peers.LEFT, 1);
        EngineHost right = host(config(Peers.right(IKE, ESP, false),
                c -> c.withActions(CloseAction.CLEAR, CloseAction.RESTART), IkeLifecycle.NONE), Peers.RIGHT, 2);
        left.initiate("petrel", "net", Peers.RIGHT, 1);
        runFor(Duration.ofSeconds(5));
        int first = only(left).children().getFirst().inboundSpi();
        runFor(Duration.ofSeconds(18));
        IkeSaView after = only(left);
        assertEquals(1, after.children().size(), left::describe);
        assertNotEquals(first, after.children().getFirst().inboundSpi());
        assertEquals(1, only(right).children().size(), right::describe);
    }

    @Test
    void softByteLimitFromTheDataPlaneRekeys() {
        EngineHost left = host(Peers.left(IKE, ESP, false), Peers.LEFT, 1);
        EngineHost right = host(Peers.right(IKE, ESP, false), Peers.RIGHT, 2);
        left.initiate("petrel", "net", Peers.RIGHT, 1);
        runFor(Duration.ofSeconds(5));
        int first = only(left).children().getFirst().inboundSpi();
        left.apply(left.engine().onLifetime(first, false, network.now()));
        runFor(Duration.ofSeconds(10));
        IkeSaView after = only(left);
        assertEquals(1, after.children().size(), left::describe);
        assertNotEquals(first, after.children().getFirst().inboundSpi());
        assertEquals(Set.of(after.children().getFirst().inboundSpi()), left.sending());
        assertEquals(after.children().getFirst().outboundSpi(), only(right).children().getFirst().inboundSpi());
    }
}
