package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.ChildSaState;
import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.exec.CommandResult;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The SA lifecycle between two {@code petrel daemon}s in the namespaces of a {@link TestNetwork}: CHILD_SAs rekeyed
 * every few seconds, and the IKE SA on {@code petrel rekey}, under a ping flood that loses nothing (make-before-break,
 * RFC 7296 §2.8); and a child with {@code start_action = trap} that the first ping brings up, and again after it was
 * terminated. Each test starts its own daemons and ends with SIGTERM, exit code 0 and nothing of Petrel's left.
 */
@Execution(ExecutionMode.CONCURRENT)
class SaLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Tunnel TUNNEL = Tunnel.ipv4("aes128gcm16");
    private static final int FLOOD = 2000;
    private static TestNetwork network;

    @TempDir
    static Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    private DaemonProcess left;
    private DaemonProcess right;

    @BeforeAll
    static void network() throws Exception {
        TestNetwork.assumeAvailable();
        Traffic.assumeToolsInstalled();
        network = Networks.create("lgw");
    }

    @AfterAll
    static void removeNetwork() throws Exception {
        Networks.close(network, "lgw");
    }

    private void start(String leftChild, String rightChild) throws IOException, TimeoutException {
        String run = "-" + System.nanoTime();
        left = DaemonProcess.launch(network, network.left(), dir, "left" + run, TUNNEL.leftConf(leftChild), logs);
        right = DaemonProcess.launch(network, network.right(), dir, "right" + run, TUNNEL.rightConf(rightChild), logs);
        left.awaitReady();
        right.awaitReady();
    }

    /** SIGTERM to both daemons: exit code 0, and neither a TUN device nor a route (a trap's included) left behind. */
    @AfterEach
    void stopDaemons() throws Exception {
        for (DaemonProcess d : new DaemonProcess[] {left, right}) {
            if (d != null) {
                try (d) {
                    assertEquals(0, d.stop(), "exit code of daemon " + d.name() + " after SIGTERM" + d.logTail());
                }
                Listings.assertNoPetrelState(d.namespace());
            }
        }
        left = null;
        right = null;
    }

    /**
     * Both sides rekey the CHILD_SA every 4 to 5 s (rekey_time 5s, so life_time 6s and rand_time 1s), and the IKE SA is
     * rekeyed on command halfway, while 2000 pings go out 10 ms apart: every one is answered, the left's listing shows
     * one inbound SPI after another, and in the end one IKE SA, a new one, with one installed CHILD_SA on each side (and
     * maybe the last one it replaced, REKEYED for its last seconds).
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void rekeyingUnderAPingFloodLosesNoPacket() throws Exception {
        String child = "rekey_time = 5s\n        start_action = none";
        start(child, child);
        var initiated = left.control().initiate(Tunnel.CONNECTION);
        assertTrue(initiated.ok(), "initiate: " + initiated.lines());
        IkeSaStatus first = Listings.established(left.control().listSas());

        Set<String> spis = ConcurrentHashMap.newKeySet();
        CompletableFuture<CommandResult> flood = CompletableFuture.supplyAsync(() -> ping(FLOOD, "0.01", true));
        boolean ikeRekeyed = false;
        while (!flood.isDone()) {
            installed(left.control().listSas()).forEach(c -> spis.add(c.spiIn()));
            if (spis.size() >= 3 && !ikeRekeyed) {
                var rekeyed = left.control().rekeyIke(Tunnel.CONNECTION, false);
                assertTrue(rekeyed.ok(), "rekey --ike: " + rekeyed.lines());
                ikeRekeyed = true;
            }
            DaemonProcess.sleep(Duration.ofMillis(100));
        }
        CommandResult ping = flood.join();
        assertTrue(ping.stdout().contains(FLOOD + " packets transmitted, " + FLOOD + " received"),
                "every ping answered across the rekeyings:" + ping.output());
        assertTrue(spis.size() >= 4, "inbound SPIs the left listed during the flood: " + spis + left.logTail());

        for (DaemonProcess d : List.of(left, right)) {
            List<IkeSaStatus> sas = d.awaitSas(s -> s.size() == 1 && installed(s).size() == 1,
                    "one IKE SA with one installed CHILD_SA, the replaced IKE SA gone", WAIT);
            assertNotEquals(first.initiatorSpi() + first.responderSpi(),
                    sas.getFirst().initiatorSpi() + sas.getFirst().responderSpi(), d.name() + ": the IKE SA was rekeyed");
        }
        assertTrue(left.log().contains("rekeyed: #"), "the IKE SA's rekeying logged" + left.logTail());
    }

    /**
     * With start_action = trap the left has no SA, only the trap's route, until the first ping: it is held while the
     * tunnel comes up and answered like the rest. After terminate the trap stays, and the next ping brings the tunnel
     * up again.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void theFirstPacketBringsATrappedChildUpAndAgainAfterItWent() throws Exception {
        start("rekey_time = 0\n        start_action = trap", "rekey_time = 0\n        start_action = none");
        assertEquals(List.of(), left.control().listSas(), "no SA before any traffic");
        assertTrue(Listings.petrelRoutes(network.left()).contains("203.0.113.0/24"),
                "the trap's route: " + Listings.petrelRoutes(network.left()));

        for (int round = 1; round <= 2; round++) {
            CommandResult ping = ping(3, "0.5", false);
            // ping sends on until 3 are answered: the first, held by the trap while the tunnel came up, among them
            // (the trap holds 8 packets; a slow handshake on a loaded machine may see later ones dropped)
            assertTrue(ping.stdout().contains(" icmp_seq=1 "),
                    "round " + round + ": the first ping held until the tunnel was up:" + ping.output() + left.logTail());
            Listings.carriedTraffic(left.control().listSas(), "left");
            var terminated = left.control().terminate(Tunnel.CONNECTION);
            assertTrue(terminated.ok(), "terminate: " + terminated.lines());
            left.awaitSas(List::isEmpty, "no SA after terminate", WAIT);
            right.awaitSas(List::isEmpty, "no SA after terminate", WAIT);
            assertTrue(Listings.petrelRoutes(network.left()).contains("203.0.113.0/24"), "the trap's route stays");
        }
    }

    /** The installed CHILD_SAs {@link Tunnel#CHILD} of every IKE SA in a listing. */
    private static List<ChildSaStatus> installed(List<IkeSaStatus> sas) {
        return sas.stream().flatMap(sa -> sa.children().stream())
                .filter(c -> c.name().equals(Tunnel.CHILD) && c.state() == ChildSaState.INSTALLED).toList();
    }

    /**
     * {@code count} pings {@code interval} seconds apart from the left inner address to the right one, until as many
     * were answered or a minute passed; each answer with its time unless {@code quiet}.
     */
    private CommandResult ping(int count, String interval, boolean quiet) {
        try {
            return Commands.run(List.of("ip", "netns", "exec", network.left(), "ping", "-n", quiet ? "-q" : "-D", "-c",
                    Integer.toString(count), "-i", interval, "-w", "60", "-I", TUNNEL.leftInner().getHostAddress(),
                    TUNNEL.rightInner().getHostAddress()), Map.of(), Duration.ofSeconds(70));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
