package dev.petrel.testkit.netns;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.exec.Processes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

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

    private static final Pattern PREFIX = Pattern.compile("[a-z]{1,4}");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int NAME_ATTEMPTS = 100;
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(3);
    private static final Duration READY_POLL = Duration.ofMillis(10);
    private static final int READY_POLLS = 500;
    private static Optional<String> unavailable;

    private final String left;
    private final String right;
    private final List<String> created = new ArrayList<>();
    private final List<ProcessHandle> processes = new ArrayList<>();

    private TestNetwork(String left, String right) {
        this.left = left;
        this.right = right;
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
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1 to 4 lower-case letters: " + prefix);
        }
        String base = prefix + ProcessHandle.current().pid() % 10_000 + "x";
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            String name = base + COUNTER.incrementAndGet() % 10_000;
            if (!Files.exists(file(name + "-l")) && !Files.exists(file(name + "-r"))) {
                TestNetwork network = new TestNetwork(name + "-l", name + "-r");
                try {
                    network.setUp();
                } catch (IOException | RuntimeException e) {
                    network.closeSuppressingInto(e);
                    throw e;
                }
                return network;
            }
        }
        throw new IOException("no free namespace name " + base + "N after " + NAME_ATTEMPTS + " tries");
    }

    /**
     * The namespaces that networks of this JVM made and that still exist: an empty list once every network is closed.
     * For a test's final check that it left nothing behind.
     */
    public static List<String> leftovers() throws IOException {
        Pattern ours = Pattern.compile("[a-z]{1,4}" + ProcessHandle.current().pid() % 10_000 + "x\\d+-[lr]");
        return Ip.run("netns", "list").lines()
                .map(line -> line.split(" ", 2)[0])
                .filter(name -> ours.matcher(name).matches())
                .toList();
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
    public synchronized <P extends Process> P register(P process) {
        processes.add(process.toHandle());
        return process;
    }

    /** Stops the registered processes, then deletes both namespaces; the first failure is thrown, the rest suppressed. */
    @Override
    public synchronized void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (ProcessHandle p : processes) {
            if (!Processes.stop(p, PROCESS_GRACE)) {
                failures.add(new IOException("process " + p.pid() + " did not stop"));
            }
        }
        processes.clear();
        for (String ns : created.reversed()) {
            try {
                Ip.run("netns", "delete", ns);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        created.clear();
        if (!failures.isEmpty()) {
            IOException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void setUp() throws IOException {
        for (String ns : List.of(left, right)) {
            Ip.run("netns", "add", ns);
            created.add(ns);
            // No duplicate address detection on the interfaces to come, link-local addresses included: NDP then works
            // at once instead of after the second or so a tentative link-local address needs.
            Ip.run("netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        }
        Ip.run("link", "add", left, "netns", left, "type", "veth", "peer", "name", right, "netns", right);
        configure(left, LEFT_IPV4, LEFT_IPV6, LEFT_INNER, LEFT_INNER_IPV6);
        configure(right, RIGHT_IPV4, RIGHT_IPV6, RIGHT_INNER, RIGHT_INNER_IPV6);
        awaitReady(left);
        awaitReady(right);
    }

    /**
     * Waits until the veth in {@code ns} is operationally up and no address is tentative. The kernel reports the
     * carrier late (its link watcher is rate-limited), and until then the first datagrams can be lost: a first IPv6
     * neighbour solicitation, for one, is then retried only after a second.
     */
    private static void awaitReady(String ns) throws IOException {
        for (int poll = 0; !ready(ns); poll++) {
            if (poll >= READY_POLLS) {
                throw new IOException("the veth in " + ns + " was not up with settled addresses after "
                        + READY_POLL.multipliedBy(READY_POLLS) + ":\n" + Ip.in(ns, "addr"));
            }
            try {
                Thread.sleep(READY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + ns, e);
            }
        }
    }

    private static boolean ready(String ns) throws IOException {
        String[] link = Ip.in(ns, "-br", "link", "show", "dev", ns).strip().split("\\s+");
        return link.length > 1 && link[1].equals("UP") && Ip.in(ns, "-6", "addr", "show", "tentative").isBlank();
    }

    private static void configure(String ns, InetAddress v4, InetAddress v6, InetAddress inner, InetAddress innerV6)
            throws IOException {
        Ip.in(ns, "link", "set", "lo", "up");
        Ip.in(ns, "addr", "add", inner.getHostAddress() + "/32", "dev", "lo");
        Ip.in(ns, "addr", "add", innerV6.getHostAddress() + "/128", "dev", "lo", "nodad");
        Ip.in(ns, "addr", "add", v4.getHostAddress() + "/24", "dev", ns);
        Ip.in(ns, "addr", "add", v6.getHostAddress() + "/64", "dev", ns, "nodad");
        Ip.in(ns, "link", "set", ns, "up");
    }

    private void closeSuppressingInto(Exception failure) {
        try {
            close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path file(String namespace) {
        return Path.of("/run/netns", namespace);
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
