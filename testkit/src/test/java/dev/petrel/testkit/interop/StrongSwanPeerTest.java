package dev.petrel.testkit.interop;

import dev.petrel.testkit.netns.UsesNamespaces;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.testkit.vectors.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real strongSwan peers, one in each namespace of a {@link TestNetwork}, with the harness's psk configuration:
 * what {@link StrongSwanPeer} parses on one side must agree with the other side.
 */
@UsesNamespaces(strongSwan = true)
class StrongSwanPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;


    /** The harness's psk swanctl.conf for {@code side}, with the addresses of {@link TestNetwork}. */
    private static String config(String side) throws IOException {
        boolean left = side.equals("left");
        String local = (left ? TestNetwork.LEFT_IPV4 : TestNetwork.RIGHT_IPV4).getHostAddress();
        String remote = (left ? TestNetwork.RIGHT_IPV4 : TestNetwork.LEFT_IPV4).getHostAddress();
        return Files.readString(ProjectPaths.shared().resolve("interop/conf/psk/" + side + "/swanctl.conf"))
                .replaceAll("local_addrs = .*", "local_addrs = " + local)
                .replaceAll("remote_addrs = .*", "remote_addrs = " + remote);
    }

    @Test
    void bothSidesAgreeOnTheSasTheyNegotiated() throws Exception {
        long[] pids = new long[2];
        try (TestNetwork net = TestNetwork.create();
             StrongSwanPeer right = StrongSwanPeer.start(net.right(), dir, config("right"), Map.of(), 4);
             StrongSwanPeer left = StrongSwanPeer.start(net.left(), dir, config("left"),
                     Map.of("charon.send_vendor_id", "yes", "charon.cookie_threshold", "100"), 4)) {
            pids[0] = left.pid();
            pids[1] = right.pid();
            left.initiate("net");
            SwanctlIkeSa l = left.awaitIkeState("petrel", "ESTABLISHED", WAIT);
            SwanctlIkeSa r = right.awaitIkeState("petrel", "ESTABLISHED", WAIT);

            assertTrue(l.initiator() && !r.initiator());
            assertEquals(l.initiatorSpi(), r.initiatorSpi());
            assertEquals(l.responderSpi(), r.responderSpi());
            assertEquals(l.localSpi(), r.remoteSpi());
            assertEquals(List.of("AES_GCM_16", "", "PRF_HMAC_SHA2_256", "CURVE_25519"),
                    List.of(l.encryption(), l.integrity(), l.prf(), l.dhGroup()));
            assertEquals(List.of(r.encryption(), r.integrity(), r.prf(), r.dhGroup()),
                    List.of(l.encryption(), l.integrity(), l.prf(), l.dhGroup()));
            assertEquals(128, l.encryptionKeySize());
            assertEquals(r.encryptionKeySize(), l.encryptionKeySize());
            assertEquals(List.of("192.0.2.1", "192.0.2.2"), List.of(l.localHost(), l.remoteHost()));

            SwanctlChildSa lc = l.children().getFirst();
            SwanctlChildSa rc = r.children().getFirst();
            assertEquals(List.of("net", "INSTALLED", "TUNNEL", "ESP", "AES_GCM_16"),
                    List.of(lc.name(), lc.state(), lc.mode(), lc.protocol(), lc.encryption()));
            assertEquals(List.of(rc.name(), rc.state(), rc.mode(), rc.protocol(), rc.encryption(), rc.integrity()),
                    List.of(lc.name(), lc.state(), lc.mode(), lc.protocol(), lc.encryption(), lc.integrity()));
            assertEquals(lc.spiIn(), rc.spiOut());
            assertEquals(lc.spiOut(), rc.spiIn());
            assertEquals(List.of("198.51.100.0/24"), lc.localTs());
            assertEquals(lc.localTs(), rc.remoteTs());
            assertEquals(lc.remoteTs(), rc.localTs());

            StrongSwanIkeKeys lk = left.ikeKeys();
            StrongSwanIkeKeys rk = right.ikeKeys();
            assertEquals(List.of(l.initiatorSpi(), l.responderSpi()), List.of(lk.initiatorSpi(), lk.responderSpi()));
            assertEquals(List.of(lk.initiatorSpi(), lk.responderSpi()), List.of(rk.initiatorSpi(), rk.responderSpi()));
            assertArrayEquals(lk.skD(), rk.skD());
            assertArrayEquals(lk.skEi(), rk.skEi());
            assertArrayEquals(lk.skPr(), rk.skPr());
            assertEquals(20, lk.skEi().length, "AES-GCM-128 key plus 4-byte salt");

            StrongSwanChildKeys lck = left.childKeys();
            StrongSwanChildKeys rck = right.childKeys();
            assertEquals(List.of(lc.spiIn(), lc.spiOut()), List.of(lck.inboundSpi(), lck.outboundSpi()));
            assertEquals(lck.inboundSpi(), rck.outboundSpi());
            assertArrayEquals(lck.encryptionInitiator(), rck.encryptionInitiator());

            assertTrue(right.logText().contains("received strongSwan vendor ID"), "the left peer's charon settings applied");

            left.terminateIke("petrel");
            assertTrue(left.listSas().isEmpty());
            right.awaitSas(List::isEmpty, "empty listing", WAIT);
        }
        for (long pid : pids) {
            assertTrue(ProcessHandle.of(pid).map(Processes::exited).orElse(true), "charon " + pid + " still runs");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the peers' folders are removed");
        }
    }

    @Test
    void ikeOnlyInitiationThenAChild() throws Exception {
        try (TestNetwork net = TestNetwork.create();
             StrongSwanPeer right = StrongSwanPeer.start(net.right(), dir, config("right"), Map.of());
             StrongSwanPeer left = StrongSwanPeer.start(net.left(), dir, config("left"), Map.of())) {
            assertThrows(TimeoutException.class, () -> left.awaitIkeState("petrel", "ESTABLISHED", Duration.ofMillis(300)));
            assertThrows(IOException.class, () -> left.load("connections {\n  petrel {\n"), "a broken reload is refused");
            left.load(config("left"));
            left.initiateIke("petrel");
            assertEquals(List.of(), right.awaitIkeState("petrel", "ESTABLISHED", WAIT).children());
            left.initiate("net");
            assertEquals("INSTALLED", left.awaitIkeState("petrel", "ESTABLISHED", WAIT).children().getFirst().state());
            assertThrows(IOException.class, left::ikeKeys, "level 2 logs no keys");
        }
    }

    @Test
    void aBrokenConfigurationFailsTheStartAndLeavesNothingRunning() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            IOException e = assertThrows(IOException.class,
                    () -> StrongSwanPeer.start(net.left(), dir, "connections {\n  petrel {\n", Map.of()));
            assertTrue(e.getMessage().contains("strongSwan did not start"), e.getMessage());
            assertFalse(Files.exists(dir.resolve(net.left())), "the failed peer's folder is removed");
        }
    }
}
