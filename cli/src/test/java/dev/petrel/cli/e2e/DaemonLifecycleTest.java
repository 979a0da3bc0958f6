package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.ControlClient;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The daemon's life as an operator sees it: SIGKILL and a restart, SIGTERM, and configuration reloads (the control
 * command and SIGHUP) with an unchanged, a changed and a broken file. One network and one peer daemon for
 * the class, a fresh daemon under test in every test; each test ends with nothing of Petrel's left on the left and an
 * idle peer.
 */
@Execution(ExecutionMode.CONCURRENT)
class DaemonLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Tunnel TUNNEL = Tunnel.ipv4("aes128gcm16");
    /** The peer accepts the left's first proposal and the one a reload changes it to. */
    private static final String RIGHT_CONF = TUNNEL.withEsp("aes128gcm16, aes256gcm16").rightConf();
    private static TestNetwork network;
    /** The peer, kept across tests while it is idle between them. */
    private static DaemonProcess right;

    @TempDir
    static Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    /** The daemon under test, a fresh one in each test. */
    private DaemonProcess left;

    @BeforeAll
    static void network() throws Exception {
        TestNetwork.assumeAvailable();
        Traffic.assumeToolsInstalled();
        network = Networks.create("plc");
    }

    @AfterAll
    static void removeNetwork() throws Exception {
        try (DaemonProcess r = right) {
            if (r != null) {
                right = null;
                assertEquals(0, r.stop(), "the peer's exit code after SIGTERM" + r.logTail());
                Listings.assertNoPetrelState(network.right());
            }
        } finally {
            Networks.close(network, "plc");
        }
    }

    /** No daemon on the left yet, and an idle peer on the right (a fresh one unless the last test left it idle). */
    @BeforeEach
    void idlePeer() throws Exception {
        Listings.assertNoPetrelState(network.left());
        if (right != null && !(right.alive() && right.control().listSas().isEmpty()
                && Listings.petrelRoutes(network.right()).isEmpty())) {
            right.close();
            right = null;
        }
        if (right == null) {
            Listings.assertNoPetrelState(network.right());
            right = DaemonProcess.launch(network, network.right(), dir, "right-" + System.nanoTime(), RIGHT_CONF, logs);
        }
        right.showLogIn(logs);
    }

    /** Stops the left daemon; its SIGTERM must leave the peer idle and nothing of Petrel's on the left. */
    @AfterEach
    void stopDaemon() throws Exception {
        DaemonProcess l = left;
        left = null;
        if (l != null) {
            l.close();
        }
        Listings.assertNoPetrelState(network.left());
        right.awaitSas(List::isEmpty, "an idle peer after the test", WAIT);
    }

    /**
     * A daemon killed with SIGKILL deletes nothing, but its TUN device (not persistent) and the routes through it go
     * with the process; a new daemon in the same namespace removes any Petrel route still there (one is planted on the
     * veth) and has none before it has an SA, and the tunnel comes up again (the new IKE SA's INITIAL_CONTACT makes
     * the peer drop the old one).
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void sigkillLeavesNoTunAndARestartBringsTheTunnelBack() throws Exception {
        IkeSaStatus first = tunnelUp();
        assertTrue(Listings.hasLink(network.left(), DaemonProcess.TUN), "the daemon's TUN device");
        assertNotEquals("", Listings.petrelRoutes(network.left()), "the tunnel's route");

        left.kill();
        awaitNoTun(network.left());
        assertEquals("", Listings.petrelRoutes(network.left()), "Petrel routes after SIGKILL");
        // A route of a dead daemon that outlived it, on a device that stays (as after a crash mid-update).
        Ip.in(network.left(), "route", "add", "203.0.113.99/32", "dev", network.left(), "proto", "80");

        left = DaemonProcess.start(network, network.left(), dir, "left-restarted-" + System.nanoTime(), TUNNEL.leftConf(), logs);
        assertTrue(Listings.hasLink(network.left(), DaemonProcess.TUN), "the restarted daemon's TUN device");
        assertEquals("", Listings.petrelRoutes(network.left()), "Petrel routes of the restarted daemon before any SA");
        assertTrue(left.log().contains("removed 1 routes a previous daemon left behind"), "the stale route flushed" + left.logTail());
        assertEquals(List.of(), left.control().listSas(), "SAs of the restarted daemon");

        IkeSaStatus second = tunnelUp();
        assertNotEquals(first.initiatorSpi(), second.initiatorSpi(), "a new IKE SA");
        right.awaitSas(sas -> sas.size() == 1 && sas.getFirst().initiatorSpi().equals(second.initiatorSpi()),
                "only the new IKE SA (the old one dropped on INITIAL_CONTACT)", WAIT);
    }

    /** SIGTERM deletes the IKE SA (the peer is told and lists nothing), the daemon exits with 0 and removes its TUN. */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void sigtermDeletesTheIkeSaAtThePeer() throws Exception {
        tunnelUp();
        int deletes = count(right.log(), "deleted by the peer");
        assertEquals(0, left.stop(), "exit code after SIGTERM" + left.logTail());
        right.awaitSas(List::isEmpty, "empty list-sas after the peer's SIGTERM", WAIT);
        assertEquals("", Listings.petrelRoutes(network.right()), "the peer's routes after the delete");
        assertFalse(Listings.hasLink(network.left(), DaemonProcess.TUN), "TUN device after SIGTERM");
        assertTrue(left.log().contains("deleted"), "the daemon logs the delete" + left.logTail());
        awaitLog(right, "deleted by the peer", deletes + 1);
    }

    /**
     * SIGTERM while an IKE SA is still connecting (its peer does not answer: nothing listens on the right's IPv6
     * address) ends the daemon cleanly too, with exit code 0 and its TUN device gone.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void sigtermWhileAnIkeSaIsConnectingExitsCleanly() throws Exception {
        left = DaemonProcess.start(network, network.left(), dir, "left-" + System.nanoTime(),
                new Tunnel("aes128gcm16", true, false).leftConf(), logs);
        try {
            new ControlClient(left.socket(), Duration.ofMillis(300)).initiate(Tunnel.CONNECTION);
        } catch (ControlException expected) {
            // the initiation waits for an answer that does not come
        }
        left.awaitSas(sas -> sas.size() == 1 && sas.getFirst().state() == IkeSaState.CONNECTING, "a connecting IKE SA", WAIT);
        assertEquals(0, left.stop(), "exit code after SIGTERM" + left.logTail());
        assertFalse(Listings.hasLink(network.left(), DaemonProcess.TUN), "TUN device after SIGTERM");
        assertFalse(left.log().contains("Exception"), "exceptions in the log" + left.logTail());
    }

    /** reload, then SIGHUP, with the file unchanged: the same IKE SA and CHILD_SA stay up and carry traffic. */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void reloadAndSighupWithAnUnchangedFileKeepTheIkeSa() throws Exception {
        IkeSaStatus before = tunnelUp();

        CommandResult reloaded = left.control().reload();
        assertTrue(reloaded.ok(), "reload: " + reloaded.lines());
        assertSameSa(before);
        new Traffic(network, TUNNEL, dir, logs).ping();

        int hups = count(left.log(), "reload completed successfully");
        left.signal("HUP");
        awaitLog(left, "reload completed successfully", hups + 1);
        assertSameSa(before);
        new Traffic(network, TUNNEL, dir, logs).ping();
    }

    /**
     * A reload that changes the child's ESP proposal deletes the connection's IKE SA (the peer is told); initiating
     * again negotiates the new proposal.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void reloadWithAChangedChildProposalDeletesTheIkeSa() throws Exception {
        IkeSaStatus before = tunnelUp();
        assertEquals(128, child(before).algorithms().keySize(), "the first proposal: " + before);

        left.rewriteConfig(TUNNEL.withEsp("aes256gcm16").leftConf());
        CommandResult reloaded = left.control().reload();
        assertTrue(reloaded.ok(), "reload: " + reloaded.lines());
        left.awaitSas(List::isEmpty, "the changed connection's IKE SA deleted", WAIT);
        right.awaitSas(List::isEmpty, "the IKE SA deleted at the peer", WAIT);

        IkeSaStatus after = tunnelUp();
        assertNotEquals(before.initiatorSpi(), after.initiatorSpi(), "a new IKE SA");
        assertEquals(256, child(after).algorithms().keySize(), "the new proposal: " + after);
    }

    /**
     * A reload of a file with an error fails, names the file, the line and the key, and leaves the running
     * configuration and the tunnel alone; so does SIGHUP.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void reloadOfABrokenFileFailsAndTheTunnelStays() throws Exception {
        IkeSaStatus before = tunnelUp();
        String broken = TUNNEL.withEsp("aes999gcm16").leftConf();
        int line = broken.lines().toList().indexOf(broken.lines().filter(l -> l.contains("esp_proposals")).findFirst().orElseThrow()) + 1;
        left.rewriteConfig(broken);

        CommandResult reloaded = left.control().reload();
        assertFalse(reloaded.ok(), "reload of a broken file: " + reloaded.lines());
        String message = String.join("\n", reloaded.lines());
        assertTrue(message.contains(left.config() + ":" + line + ":"), "names file and line " + line + ": " + message);
        assertTrue(message.contains("connections.petrel.children.net.esp_proposals"), "names the key: " + message);
        assertSameSa(before);
        new Traffic(network, TUNNEL, dir, logs).ping();

        int failed = count(left.log(), left.config() + ":" + line + ":");
        left.signal("HUP");
        awaitLog(left, left.config() + ":" + line + ":", failed + 1);
        assertSameSa(before);
        new Traffic(network, TUNNEL, dir, logs).ping();
    }

    /** Starts whichever daemon is missing, initiates from the left, pings, and returns the left's IKE SA. */
    private IkeSaStatus tunnelUp() throws Exception {
        if (left == null) {
            left = DaemonProcess.launch(network, network.left(), dir, "left-" + System.nanoTime(), TUNNEL.leftConf(), logs);
        }
        left.awaitReady();
        right.awaitReady();
        CommandResult initiated = left.control().initiate(Tunnel.CONNECTION);
        assertTrue(initiated.ok(), "initiate: " + initiated.lines());
        new Traffic(network, TUNNEL, dir, logs).ping();
        return Listings.established(left.control().listSas());
    }

    private void assertSameSa(IkeSaStatus before) throws Exception {
        IkeSaStatus now = Listings.established(left.control().listSas());
        assertEquals(List.of(before.initiatorSpi(), before.responderSpi(), before.uniqueId()),
                List.of(now.initiatorSpi(), now.responderSpi(), now.uniqueId()), "the IKE SA after the reload: " + now);
        assertEquals(List.of(child(before).spiIn(), child(before).spiOut()), List.of(child(now).spiIn(), child(now).spiOut()),
                "the CHILD_SA after the reload: " + now);
        assertEquals(1, right.control().listSas().size(), "the peer's IKE SAs");
    }

    private static ChildSaStatus child(IkeSaStatus sa) {
        assertEquals(1, sa.children().size(), "CHILD_SAs: " + sa);
        return sa.children().getFirst();
    }

    private static void awaitNoTun(String namespace) throws IOException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Listings.hasLink(namespace, DaemonProcess.TUN)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException(DaemonProcess.TUN + " still exists in " + namespace + " after the daemon died");
            }
            DaemonProcess.sleep(Duration.ofMillis(20));
        }
    }

    private static void awaitLog(DaemonProcess daemon, String text, int times) throws IOException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count(daemon.log(), text) < times) {
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException("'" + text + "' not logged " + times + " times" + daemon.logTail());
            }
            DaemonProcess.sleep(Duration.ofMillis(20));
        }
    }

    private static int count(String log, String text) {
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
