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
 * links and loopback up. Each veth end is named like its namespace. {@link #close()} stops the processes handed to
 * {@link #register} and deletes both namespaces. Needs root; see {@link #unavailableReason()}.
 */
public final class TestNetwork implements AutoCloseable {
    public static final InetAddress LEFT_IPV4 = InetAddress.ofLiteral("192.0.2.1");
    public static final InetAddress RIGHT_IPV4 = InetAddress.ofLiteral("192.0.2.2");
    public static final InetAddress LEFT_IPV6 = InetAddress.ofLiteral("2001:db8::1");
    public static final InetAddress RIGHT_IPV6 = InetAddress.ofLiteral("2001:db8::2");

    private static final Pattern PREFIX = Pattern.compile("[a-z]{1,4}");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int NAME_ATTEMPTS = 100;
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(3);
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
        String base = basePrefix(prefix);
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

    /** The start of every namespace name {@link #create(String)} gives this JVM, e.g. {@code pk1234x}. */
    public static String basePrefix(String prefix) {
        return prefix + ProcessHandle.current().pid() % 10_000 + "x";
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
        }
        Ip.run("link", "add", left, "netns", left, "type", "veth", "peer", "name", right, "netns", right);
        configure(left, LEFT_IPV4, LEFT_IPV6);
        configure(right, RIGHT_IPV4, RIGHT_IPV6);
    }

    private static void configure(String ns, InetAddress v4, InetAddress v6) throws IOException {
        Ip.in(ns, "link", "set", "lo", "up");
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
