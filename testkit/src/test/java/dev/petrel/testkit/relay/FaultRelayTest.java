package dev.petrel.testkit.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.sim.FaultProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FaultRelay} in this JVM on loopback: the relay at 127.0.61.1, a client at 127.0.61.3 and the target at
 * 127.0.61.2 on two ports the system picks for the target (so nothing else on the machine holds them).
 */
class FaultRelayTest {
    static final InetAddress LISTEN = InetAddress.ofLiteral("127.0.61.1");
    static final InetAddress TARGET = InetAddress.ofLiteral("127.0.61.2");
    static final InetAddress CLIENT = InetAddress.ofLiteral("127.0.61.3");
    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration MS = Duration.ofMillis(1);

    private final List<Peer> targets = new ArrayList<>();
    private Peer client;
    private FaultRelay relay;

    @BeforeEach
    void bind() throws IOException {
        for (int i = 0; i < 2; i++) {
            targets.add(Peer.bind(new InetSocketAddress(TARGET, 0)));
        }
        client = Peer.bind(new InetSocketAddress(CLIENT, 0));
    }

    @AfterEach
    void close() throws IOException {
        if (relay != null) {
            relay.close();
        }
        client.close();
        for (Peer t : targets) {
            t.close();
        }
    }

    @Test
    void datagramsPassBothWaysAsThroughANatWithFixedPorts() throws IOException {
        start(FaultProfile.NONE);
        for (Peer target : targets) {
            InetSocketAddress relayPort = new InetSocketAddress(LISTEN, target.port());
            client.send(relayPort, target.port());
            Peer.Received there = target.receive(WAIT).orElseThrow();
            assertEquals(relayPort, there.from());
            assertEquals(target.port(), there.number());
            target.send(relayPort, -target.port());
            Peer.Received back = client.receive(WAIT).orElseThrow();
            assertEquals(relayPort, back.from());
            assertEquals(-target.port(), back.number());
        }
        TrafficStats two = new TrafficStats(2, 2, 0, 0, 0, 0, 0, 0);
        awaitStats(s -> s.forward().equals(two) && s.backward().equals(two));
    }

    @Test
    void aDatagramOfAlmost64KiBPassesWhole() throws IOException {
        start(FaultProfile.NONE);
        byte[] big = new byte[65_507];
        new SplittableRandom(5).nextBytes(big);
        client.send(relayPort(0), big);
        assertArrayEquals(big, targets.getFirst().receive(WAIT).orElseThrow().payload());
    }

    @Test
    void lossOfOneLetsNothingThroughEitherWay() throws IOException {
        start(FaultProfile.NONE);
        client.send(relayPort(0), 0);
        targets.getFirst().receive(WAIT).orElseThrow();
        relay.profile(FaultProfile.DROP_ALL);
        for (int i = 1; i <= 100; i++) {
            client.send(relayPort(0), i);
            targets.getFirst().send(relayPort(0), -i);
        }
        awaitStats(s -> s.forward().equals(new TrafficStats(101, 1, 100, 0, 0, 0, 0, 0))
                && s.backward().equals(new TrafficStats(100, 0, 100, 0, 0, 0, 0, 0)));
        assertEquals(List.of(), targets.getFirst().receive(1, QUIET));
        assertEquals(List.of(), client.receive(1, QUIET));
    }

    /**
     * With 30% loss, about 700 of 1,000 datagrams pass: within five standard deviations (about 14.5 each) of 700. The
     * same seed lets the same datagrams through; another seed, others.
     */
    @Test
    void lossOfThirtyPercentPassesAsManyAsItShouldAndTheSameOnesForTheSameSeed() throws IOException {
        FaultProfile lossy = new FaultProfile(0.3, 0, 0, Duration.ZERO, Duration.ZERO);
        Set<Integer> first = passed(lossy, 7);
        assertTrue(first.size() >= 628 && first.size() <= 772, "passed " + first.size());
        assertEquals(first, passed(lossy, 7));
        assertNotEquals(first, passed(lossy, 8));
    }

    @Test
    void duplicationSendsEveryDatagramTwice() throws IOException {
        start(new FaultProfile(0, 1, 0, Duration.ZERO, Duration.ZERO));
        for (int i = 0; i < 50; i++) {
            client.send(relayPort(0), i);
        }
        Map<Integer, Long> copies = targets.getFirst().receive(100, QUIET).stream()
                .collect(Collectors.groupingBy(Peer.Received::number, Collectors.counting()));
        assertEquals(50, copies.size());
        assertTrue(copies.values().stream().allMatch(n -> n == 2), copies::toString);
        awaitStats(s -> s.forward().equals(new TrafficStats(50, 100, 0, 50, 0, 0, 0, 0)));
    }

    @Test
    void reorderingLetsLaterDatagramsOvertake() throws IOException, InterruptedException {
        start(new FaultProfile(0, 0, 0.3, Duration.ZERO, MS.multipliedBy(10)));
        for (int i = 0; i < 100; i++) {
            client.send(relayPort(0), i);
            Thread.sleep(1);
        }
        List<Integer> order = targets.getFirst().receive(100, QUIET).stream().map(Peer.Received::number).toList();
        assertEquals(100, new TreeSet<>(order).size(), order::toString);
        long overtaken = 0;
        for (int i = 1; i < order.size(); i++) {
            overtaken += order.get(i) < order.get(i - 1) ? 1 : 0;
        }
        assertTrue(overtaken > 0, order::toString);
        TrafficStats stats = awaitStats(s -> s.forward().forwarded() == 100).forward();
        assertTrue(stats.reordered() > 10 && stats.reordered() < 50, stats::toString);
        assertEquals(100, stats.delayed());
    }

    @Test
    void aDelayHoldsEachDatagramThatLong() throws IOException {
        start(new FaultProfile(0, 0, 0, MS.multipliedBy(200), MS.multipliedBy(200)));
        long sent = System.nanoTime();
        client.send(relayPort(0), 1);
        targets.getFirst().receive(WAIT).orElseThrow();
        long took = System.nanoTime() - sent;
        assertTrue(took >= MS.multipliedBy(199).toNanos(), took + " ns");
        awaitStats(s -> s.forward().equals(new TrafficStats(1, 1, 0, 0, 0, 1, 0, 0)));
    }

    @Test
    void cutDropsEverythingBothWaysAlsoWhatIsInFlightUntilHeal() throws IOException {
        start(FaultProfile.NONE);
        client.send(relayPort(1), 1);
        targets.get(1).receive(WAIT).orElseThrow();

        relay.profile(new FaultProfile(0, 0, 0, MS.multipliedBy(200), MS.multipliedBy(200)));
        client.send(relayPort(1), 2);
        awaitStats(s -> s.forward().delayed() == 1);
        relay.cut();
        client.send(relayPort(1), 3);
        targets.get(1).send(relayPort(1), -3);
        assertEquals(List.of(), targets.get(1).receive(1, QUIET));
        assertEquals(List.of(), client.receive(1, QUIET));
        awaitStats(s -> s.forward().dropped() == 2 && s.backward().dropped() == 1);

        relay.heal();
        relay.profile(FaultProfile.NONE);
        client.send(relayPort(1), 4);
        assertEquals(4, targets.get(1).receive(WAIT).orElseThrow().number());
        targets.get(1).send(relayPort(1), -4);
        assertEquals(-4, client.receive(WAIT).orElseThrow().number());
    }

    @Test
    void aFullDelayLineDropsAndCounts() throws IOException {
        relay = FaultRelay.start(options(new FaultProfile(0, 0, 0, MS.multipliedBy(500), MS.multipliedBy(500)), 1)
                .withQueue(10));
        for (int i = 0; i < 30; i++) {
            client.send(relayPort(0), i);
        }
        awaitStats(s -> s.forward().equals(new TrafficStats(30, 0, 0, 0, 0, 10, 20, 0)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                targets.getFirst().receive(30, Duration.ofSeconds(1)).stream().map(Peer.Received::number).toList());
        awaitStats(s -> s.forward().forwarded() == 10);
    }

    @Test
    void eachDirectionHasItsOwnProfile() throws IOException {
        start(FaultProfile.NONE);
        client.send(relayPort(0), 1);
        targets.getFirst().receive(WAIT).orElseThrow();
        relay.profile(Direction.FORWARD, FaultProfile.DROP_ALL);
        client.send(relayPort(0), 2);
        targets.getFirst().send(relayPort(0), -2);
        assertEquals(-2, client.receive(WAIT).orElseThrow().number());
        assertEquals(List.of(), targets.getFirst().receive(1, QUIET));
        assertEquals(FaultProfile.NONE, relay.profile(Direction.BACKWARD));
    }

    @Test
    void whatTheTargetSendsBeforeAnyClientHasNowhereToGo() throws IOException {
        start(FaultProfile.NONE);
        targets.getFirst().send(relayPort(0), 1);
        awaitStats(s -> s.unrouted() == 1);
        assertEquals(0, relay.stats().backward().received());
        assertEquals(List.of(), client.receive(1, QUIET));
    }

    @Test
    void aPortThatIsTakenFailsTheStartNamingItAndLeavesNothingBound() throws IOException {
        int port = targets.getFirst().port();
        try (Peer squatter = Peer.bind(new InetSocketAddress(LISTEN, targets.get(1).port()))) {
            IOException e = assertThrows(IOException.class,
                    () -> FaultRelay.start(options(FaultProfile.NONE, 1)));
            assertTrue(e.getMessage().startsWith("cannot bind /127.0.61.1:" + targets.get(1).port()), e.getMessage());
        }
        Peer.bind(new InetSocketAddress(LISTEN, port)).close();
    }

    /** The numbers of 1,000 datagrams that pass a fresh relay with {@code profile} and {@code seed}. */
    private Set<Integer> passed(FaultProfile profile, long seed) throws IOException {
        try (FaultRelay r = FaultRelay.start(options(profile, seed))) {
            relay = r;
            Set<Integer> passed = new TreeSet<>();
            // In rounds of 100, each drained before the next, so that no socket buffer overflows on the way.
            for (int round = 0; round < 10; round++) {
                for (int i = round * 100; i < (round + 1) * 100; i++) {
                    client.send(relayPort(0), i);
                }
                int sent = (round + 1) * 100;
                RelayStats stats = awaitStats(s -> s.forward().forwarded() + s.forward().dropped() == sent);
                targets.getFirst().receive(Math.toIntExact(stats.forward().forwarded()) - passed.size(), WAIT)
                        .forEach(d -> passed.add(d.number()));
                assertEquals(stats.forward().forwarded(), passed.size(), stats::line);
            }
            assertEquals(1_000, r.stats().forward().dropped() + passed.size());
            return passed;
        } finally {
            relay = null;
        }
    }

    private void start(FaultProfile both) throws IOException {
        relay = FaultRelay.start(options(both, 1));
    }

    private RelayOptions options(FaultProfile both, long seed) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (Peer t : targets) {
            ports.add(t.port());
        }
        return RelayOptions.of(LISTEN, TARGET, ports, both).withSeed(seed);
    }

    private InetSocketAddress relayPort(int index) throws IOException {
        return new InetSocketAddress(LISTEN, targets.get(index).port());
    }

    /** Polls the relay's counters until {@code done} holds; fails with the last ones after {@link #WAIT}. */
    private RelayStats awaitStats(Predicate<RelayStats> done) {
        return await(relay::stats, done);
    }

    static RelayStats await(ThrowingSupplier stats, Predicate<RelayStats> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            RelayStats now;
            try {
                now = stats.get();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            if (done.test(now)) {
                return now;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the relay's counters did not get there within " + WAIT + ": " + now.line());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Counters from an in-process relay or a relay process. */
    interface ThrowingSupplier {
        RelayStats get() throws IOException;
    }
}
