package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Petrel daemons kept across the cases of a test class, one per namespace side asked for, so that a case costs a
 * reload rather than two JVM starts. {@link #use} hands a case daemons with its configuration and nothing else: the
 * running ones after {@code reload} when they are alive, idle (no SA, no Petrel route) and serve the same outer
 * addresses, else fresh ones. A case that fails leaves SAs behind, so the next one starts afresh.
 */
final class Daemons implements AutoCloseable {
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final TestNetwork network;
    private final Path dir;
    private final boolean withRight;
    private DaemonProcess left;
    private DaemonProcess right;
    private Boolean ipv6Outer;
    private int generation;

    /** Daemons in the left namespace, and in the right one too when {@code withRight}. */
    Daemons(TestNetwork network, Path dir, boolean withRight) {
        this.network = network;
        this.dir = dir;
        this.withRight = withRight;
    }

    DaemonProcess left() {
        return left;
    }

    DaemonProcess right() {
        return right;
    }

    /** Daemons with {@code tunnel}'s configuration (left and right side) and no SA; their logs go to {@code logs}. */
    void use(Tunnel tunnel, FailureLogs logs) throws Exception {
        if (left != null && ipv6Outer == tunnel.ipv6Outer() && idle(left) && (!withRight || idle(right))) {
            reload(left, tunnel.leftConf());
            if (withRight) {
                reload(right, tunnel.rightConf());
            }
        } else {
            stop();
            Listings.assertNoPetrelState(network.left());
            if (withRight) {
                Listings.assertNoPetrelState(network.right());
            }
            generation++;
            left = DaemonProcess.launch(network, network.left(), dir, "left-" + generation, tunnel.leftConf(), logs);
            if (withRight) {
                right = DaemonProcess.launch(network, network.right(), dir, "right-" + generation, tunnel.rightConf(), logs);
                right.awaitReady();
            }
            left.awaitReady();
            ipv6Outer = tunnel.ipv6Outer();
        }
        running().forEach(d -> d.showLogIn(logs));
    }

    /**
     * Terminates the tunnel from the left and checks that both sides (each daemon of ours, and {@code others}) drop
     * every SA and Petrel route.
     */
    void terminate(Awaitable... others) throws Exception {
        CommandResult result = left.control().terminate(Tunnel.CONNECTION);
        assertTrue(result.ok(), "terminate: " + result.lines());
        for (DaemonProcess d : running()) {
            d.awaitSas(List::isEmpty, "empty list-sas after terminate", IDLE_WAIT);
            assertEquals("", Listings.petrelRoutes(d.namespace()), "Petrel routes after terminate in " + d.namespace());
        }
        for (Awaitable other : others) {
            other.await();
        }
    }

    /** SIGTERM to every daemon; each must exit with 0 and leave neither its TUN device nor a route behind. */
    void stopAndCheck() throws Exception {
        List<DaemonProcess> all = running();
        left = null;
        right = null;
        for (DaemonProcess d : all) {
            assertEquals(0, d.stop(), "exit code of daemon " + d.name() + " after SIGTERM" + d.logTail());
            Listings.assertNoPetrelState(d.namespace());
        }
    }

    private List<DaemonProcess> running() {
        List<DaemonProcess> all = new ArrayList<>();
        if (left != null) {
            all.add(left);
        }
        if (right != null) {
            all.add(right);
        }
        return all;
    }

    private static boolean idle(DaemonProcess d) throws IOException {
        if (d == null || !d.alive()) {
            return false;
        }
        try {
            return d.control().listSas().isEmpty() && Listings.petrelRoutes(d.namespace()).isEmpty();
        } catch (ControlException e) {
            return false;
        }
    }

    private static void reload(DaemonProcess d, String conf) throws IOException, ControlException {
        d.rewriteConfig(conf);
        CommandResult result = d.control().reload();
        assertTrue(result.ok(), "reload of " + d.name() + ": " + result.lines());
    }

    private void stop() throws IOException {
        IOException failure = null;
        for (DaemonProcess d : running()) {
            try {
                d.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        left = null;
        right = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops whatever still runs (SIGTERM, bounded wait, SIGKILL). */
    @Override
    public void close() throws IOException {
        stop();
    }

    /** A check that waits for a condition, such as a peer's empty SA listing. */
    @FunctionalInterface
    interface Awaitable {
        void await() throws IOException, TimeoutException;
    }
}
