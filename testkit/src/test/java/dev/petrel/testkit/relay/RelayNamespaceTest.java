package dev.petrel.testkit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.testkit.netns.UsesNamespaces;
import dev.petrel.testkit.sim.FaultProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A relay process in the left namespace of a {@link TestNetwork} at the left veth address, ports 500 and 4500, passing
 * to the right veth address: a client on the left loopback's inner address talks through it to echoing sockets on the
 * right, as an IKE peer would through 10% loss each way, retransmitting what goes unanswered.
 */
@UsesNamespaces
class RelayNamespaceTest {
    private static final List<Integer> IKE_PORTS = List.of(500, 4500);
    private static final int EXCHANGES = 40;
    private static final Duration RETRANSMIT = Duration.ofMillis(100);
    private static final int TRIES = 20;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ikePortsCrossTheVethThroughTheRelayUnderLossAndACut(boolean ipv6) throws Exception {
        InetAddress listen = TestNetwork.leftAddress(ipv6);
        InetAddress target = TestNetwork.rightAddress(ipv6);
        InetAddress clientAddress = ipv6 ? TestNetwork.LEFT_INNER_IPV6 : TestNetwork.LEFT_INNER;
        List<Peer> echoes = new ArrayList<>();
        try (TestNetwork net = TestNetwork.create("rly")) {
            try (RelayProcess relay = RelayProcess.start(List.of("ip", "netns", "exec", net.left()),
                    RelayOptions.of(listen, target, IKE_PORTS, new FaultProfile(0.1, 0, 0, Duration.ZERO, Duration.ofMillis(5)))
                            .withSeed(6), net::register);
                 Peer client = Netns.call(net.left(), () -> Peer.bind(new InetSocketAddress(clientAddress, 500)))) {
                for (int port : IKE_PORTS) {
                    echoes.add(Netns.call(net.right(), () -> Peer.bind(new InetSocketAddress(target, port))));
                }
                echoes.forEach(RelayNamespaceTest::echo);
                for (int port : IKE_PORTS) {
                    InetSocketAddress relayPort = new InetSocketAddress(listen, port);
                    for (int n = 0; n < EXCHANGES; n++) {
                        Optional<InetSocketAddress> from = exchange(client, relayPort, port * 1_000 + n);
                        if (!from.equals(Optional.of(relayPort))) {
                            fail("exchange " + n + " on port " + port + " answered from " + from + "; "
                                    + relay.stats().line());
                        }
                    }
                }
                RelayStats stats = relay.stats();
                assertTrue(stats.forward().dropped() > 0 && stats.backward().dropped() > 0, stats.line());

                relay.cut();
                assertEquals(Optional.empty(), exchange(client, new InetSocketAddress(listen, 500), -1));
                relay.heal();
                assertEquals(Optional.of(new InetSocketAddress(listen, 4500)),
                        exchange(client, new InetSocketAddress(listen, 4500), -2));
            } finally {
                for (Peer echo : echoes) {
                    echo.close();
                }
            }
        }
    }

    /**
     * Sends {@code number} to {@code to} until the echo of it comes back, at most {@link #TRIES} times; returns where the
     * echo came from, or empty when none came.
     */
    private static Optional<InetSocketAddress> exchange(Peer client, InetSocketAddress to, int number) throws IOException {
        for (int i = 0; i < TRIES; i++) {
            client.send(to, number);
            for (Optional<Peer.Received> r = client.receive(RETRANSMIT); r.isPresent(); r = client.receive(RETRANSMIT)) {
                if (r.get().number() == number) {
                    return Optional.of(r.get().from());
                }
            }
        }
        return Optional.empty();
    }

    /** Answers every datagram with itself, on a thread that ends when {@code peer} is closed. */
    private static void echo(Peer peer) {
        Thread.ofPlatform().daemon().name("rly-echo").start(() -> {
            try {
                while (true) {
                    Optional<Peer.Received> r = peer.receive(Duration.ofSeconds(1));
                    if (r.isPresent()) {
                        peer.send(r.get().from(), r.get().payload());
                    }
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        });
    }
}
