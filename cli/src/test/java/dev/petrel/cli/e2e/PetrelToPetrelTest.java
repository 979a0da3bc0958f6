package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.testkit.netns.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two {@code petrel daemon} processes, one in each namespace of a {@link TestNetwork}, bring up a tunnel on
 * {@code petrel initiate} from the left, and real traffic (ping, iperf3 TCP) crosses it as ESP (raw or in UDP) or AH,
 * in tunnel and transport mode. One network for
 * the class; the daemons stay between cases that share the outer address family, each case loading its own
 * configuration with {@code reload} and ending with {@code terminate} and nothing left on either side ({@link Daemons}).
 * At the end SIGTERM must stop both with exit code 0 and leave neither a TUN device nor a route behind.
 */
@Execution(ExecutionMode.CONCURRENT)
class PetrelToPetrelTest {
    private static TestNetwork network;
    private static Daemons daemons;

    @TempDir
    static Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    @BeforeAll
    static void network() throws Exception {
        TestNetwork.assumeAvailable();
        Traffic.assumeToolsInstalled();
        network = Networks.create("ptp");
        daemons = new Daemons(network, dir, true);
    }

    @AfterAll
    static void removeNetwork() throws Exception {
        try (Daemons d = daemons) {
            if (d != null) {
                d.stopAndCheck();
            }
        } finally {
            Networks.close(network, "ptp");
        }
    }

    /** Grouped by outer address family: the daemons serve one local address, so a change of family restarts them. */
    static Stream<Arguments> tunnels() {
        return Stream.of(
                Arguments.of(Tunnel.ipv4("aes128gcm16"), "AES_GCM_16", 128, ""),
                Arguments.of(Tunnel.ipv4("aes256gcm16"), "AES_GCM_16", 256, ""),
                Arguments.of(Tunnel.ipv4("chacha20poly1305"), "CHACHA20_POLY1305", -1, ""),
                Arguments.of(Tunnel.ipv4("aes128-sha256"), "AES_CBC", 128, "HMAC_SHA2_256_128"),
                Arguments.of(new Tunnel("aes256gcm16", false, true), "AES_GCM_16", 256, ""),
                Arguments.of(Tunnel.raw("aes128gcm16", false, false), "AES_GCM_16", 128, ""),
                Arguments.of(Tunnel.transport("aes256gcm16", false), "AES_GCM_16", 256, ""),
                Arguments.of(Tunnel.ah("sha256", false, false), "", -1, "HMAC_SHA2_256_128"),
                Arguments.of(Tunnel.ah("sha256", false, true), "", -1, "HMAC_SHA2_256_128"),
                Arguments.of(new Tunnel("aes128gcm16", true, true), "AES_GCM_16", 128, ""),
                Arguments.of(Tunnel.raw("chacha20poly1305", true, true), "CHACHA20_POLY1305", -1, ""),
                Arguments.of(Tunnel.transport("aes128-sha256", true), "AES_CBC", 128, "HMAC_SHA2_256_128"),
                Arguments.of(Tunnel.ah("sha512", true, true), "", -1, "HMAC_SHA2_512_256"));
    }

    /**
     * The left daemon initiates, ping and iperf3 between the inner addresses (the hosts' own in transport mode) cross
     * as ESP, raw or in UDP 4500, or as AH, and never in the clear, both listings count packets both ways with the expected transforms, selectors and matching
     * SPIs, and terminate leaves no SA and no route on either side.
     */
    @Execution(ExecutionMode.SAME_THREAD)
    @ParameterizedTest(name = "{0}")
    @MethodSource("tunnels")
    void tunnelCarriesTraffic(Tunnel tunnel, String encryption, int keySize, String integrity) throws Exception {
        daemons.use(tunnel, logs);
        DaemonProcess left = daemons.left();
        DaemonProcess right = daemons.right();
        CommandResult initiated = left.control().initiate(Tunnel.CONNECTION);
        assertTrue(initiated.ok(), "initiate: " + initiated.lines());

        Traffic traffic = new Traffic(network, tunnel, dir, logs);
        traffic.watch(() -> {
            traffic.ping();
            traffic.iperf();
        });

        ChildSaStatus ours = Listings.carriedTraffic(left.control().listSas(), "left");
        ChildSaStatus theirs = Listings.carriedTraffic(right.control().listSas(), "right");
        for (ChildSaStatus child : List.of(ours, theirs)) {
            assertEquals(encryption, child.algorithms().encryption(), "ESP encryption: " + child);
            if (keySize > 0) {
                assertEquals(keySize, child.algorithms().keySize(), "ESP key size: " + child);
            }
            assertEquals(integrity, child.algorithms().integrity(), "ESP integrity: " + child);
            assertEquals(tunnel.transport() ? "TRANSPORT" : "TUNNEL", child.mode(), "mode: " + child);
            assertEquals(tunnel.ah() ? "AH" : "ESP", child.protocol(), "protocol: " + child);
            assertEquals(tunnel.encap(), child.udpEncap(), "UDP encapsulation: " + child);
            List<String> leftTs = child == ours ? child.localTs() : child.remoteTs();
            List<String> rightTs = child == ours ? child.remoteTs() : child.localTs();
            assertTrue(leftTs.size() == 1 && Listings.sameSubnet(leftTs.getFirst(), tunnel.leftNet())
                    && rightTs.size() == 1 && Listings.sameSubnet(rightTs.getFirst(), tunnel.rightNet()), "selectors: " + child);
        }
        assertEquals(ours.spiIn(), theirs.spiOut(), "SPIs: left " + ours + ", right " + theirs);
        assertEquals(ours.spiOut(), theirs.spiIn(), "SPIs: left " + ours + ", right " + theirs);

        daemons.terminate();
    }
}
