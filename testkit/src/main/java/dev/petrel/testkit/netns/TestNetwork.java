package dev.petrel.testkit.netns;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.Commands;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Two fresh network namespaces, "left" and "right", joined by a veth pair: 192.0.2.1/24 and 2001:db8::1/64 on the
 * left, 192.0.2.2/24 and 2001:db8::2/64 on the right (IPv6 without duplicate address detection, so usable at once),
 * links and loopback up. Each veth end is named like its namespace. As in the interop harness (../shared/interop/lib.sh),
 * each side's loopback also holds the first address of the network behind it, 198.51.100.1/32 on the left and
 * 203.0.113.1/32 on the right, and of an IPv6 network behind it, 2001:db8:1::1/128 and 2001:db8:2::1/128, with no
 * route between them: only a tunnel connects those. {@link #close()} stops the processes handed to
 * {@link #register} and deletes both namespaces. Needs root; see {@link #unavailableReason()}.
 */
public final class TestNetwork implements AutoCloseable {
    public static final InetAddress LEFT_IPV4 = InetAddress.ofLiteral("192.0.2.1");
    public static final InetAddress RIGHT_IPV4 = InetAddress.ofLiteral("192.0.2.2");
    public static final InetAddress LEFT_IPV6 = InetAddress.ofLiteral("2001:db8::1");
    public static final InetAddress RIGHT_IPV6 = InetAddress.ofLiteral("2001:db8::2");

    /** The left end of the veth in one family. */
    public static InetAddress leftAddress(boolean ipv6) {
        return ipv6 ? LEFT_IPV6 : LEFT_IPV4;
    }

    /** The right end of the veth in one family. */
    public static InetAddress rightAddress(boolean ipv6) {
        return ipv6 ? RIGHT_IPV6 : RIGHT_IPV4;
    }
    /** On the left loopback: the left side's protected network is 198.51.100.0/24. */
    public static final InetAddress LEFT_INNER = InetAddress.ofLiteral("198.51.100.1");
    /** On the right loopback: the right side's protected network is 203.0.113.0/24. */
    public static final InetAddress RIGHT_INNER = InetAddress.ofLiteral("203.0.113.1");
    /** On the left loopback: the left side's protected IPv6 network is 2001:db8:1::/48. */
    public static final InetAddress LEFT_INNER_IPV6 = InetAddress.ofLiteral("2001:db8:1::1");
    /** On the right loopback: the right side's protected IPv6 network is 2001:db8:2::/48. */
    public static final InetAddress RIGHT_INNER_IPV6 = InetAddress.ofLiteral("2001:db8:2::1");

    private static Optional<String> unavailable;

    private final Namespaces namespaces;
    private final String left;
    private final String right;

    private TestNetwork(Namespaces namespaces) {
        this.namespaces = namespaces;
        this.left = namespaces.name("l");
        this.right = namespaces.name("r");
    }

    /** A network with namespaces named {@code pk<pid mod 10000>x<n>-l} and {@code ...-r}. */
    public static TestNetwork create() throws IOException {
        return create("pk");
    }

    /**
     * A network whose namespace names start with {@code prefix} (one to four lower-case letters), then the JVM's PID
     * modulo 10000 and a counter, so that they stay within the 15 characters of an interface name.
     */
    public static TestNetwork create(String prefix) throws IOException {
        return new TestNetwork(Namespaces.add(prefix, List.of("l", "r"), made -> new TestNetwork(made).setUp()));
    }

    /**
     * The namespaces that test networks of this JVM (this class's and {@link RoadWarriorNetwork}'s) made and that still
     * exist: an empty list once every network is closed. For a test's final check that it left nothing behind.
     */
    public static List<String> leftovers() throws IOException {
        return Namespaces.leftovers();
    }

    /**
     * Why namespaces cannot be used here (not root, no {@code ip}, creating or entering one refused), or empty when they
     * can. Probed once per JVM by building and removing a network.
     */
    public static synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            unavailable = probe();
        }
        return unavailable;
    }

    /** Skips the calling test loudly when {@link #unavailableReason()} says so, and fails it under CI=true. */
    public static void assumeAvailable() {
        Skip.unless(unavailableReason().map(r -> r + "; the test needs network namespaces"));
    }

    /** The left namespace's name (also its veth's name). */
    public String left() {
        return left;
    }

    /** The right namespace's name (also its veth's name). */
    public String right() {
        return right;
    }

    /** Has {@link #close()} stop {@code process} (and its descendants) by PID before it deletes the namespaces. */
    public <P extends Process> P register(P process) {
        return namespaces.register(process);
    }

    /** Stops the registered processes, then deletes both namespaces; the first failure is thrown, the rest suppressed. */
    @Override
    public void close() throws IOException {
        namespaces.close();
    }

    private void setUp() throws IOException {
        Ip.run("link", "add", left, "netns", left, "type", "veth", "peer", "name", right, "netns", right);
        configure(left, LEFT_IPV4, LEFT_IPV6, LEFT_INNER, LEFT_INNER_IPV6);
        configure(right, RIGHT_IPV4, RIGHT_IPV6, RIGHT_INNER, RIGHT_INNER_IPV6);
        Ip.awaitUp(left, left);
        Ip.awaitUp(right, right);
    }

    private static void configure(String ns, InetAddress v4, InetAddress v6, InetAddress inner, InetAddress innerV6)
            throws IOException {
        Ip.in(ns, "addr", "add", inner.getHostAddress() + "/32", "dev", "lo");
        Ip.in(ns, "addr", "add", innerV6.getHostAddress() + "/128", "dev", "lo", "nodad");
        Ip.in(ns, "addr", "add", v4.getHostAddress() + "/24", "dev", ns);
        Ip.in(ns, "addr", "add", v6.getHostAddress() + "/64", "dev", ns, "nodad");
        Ip.in(ns, "link", "set", ns, "up");
    }

    /** The availability check behind {@link #unavailableReason()} (not in a static initializer: it runs code on another thread). */
    private static Optional<String> probe() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid != 0) {
                return Optional.of("network namespaces need root, this JVM runs as uid " + uid);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot tell the user id (not Linux?): " + e);
        }
        try {
            Commands.check(Ip.TIMEOUT, List.of("ip", "-V"));
        } catch (IOException e) {
            return Optional.of("iproute2's ip command does not run (apt-get install iproute2): " + e.getMessage());
        }
        try (TestNetwork probe = create("pkp")) {
            Netns.call(probe.left(), () -> null);
        } catch (Exception e) {
            return Optional.of("cannot create or enter a network namespace: " + e);
        }
        return Optional.empty();
    }
}
