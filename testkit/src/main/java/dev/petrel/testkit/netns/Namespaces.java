package dev.petrel.testkit.netns;

import dev.petrel.testkit.exec.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network namespaces of one test network, made together and named {@code <prefix><pid mod 10000>x<n>-<role>}
 * (prefix: one to four lower-case letters; n: a counter of this JVM), and the processes that run in them: {@link #close()}
 * stops the processes by PID, then deletes the namespaces. The names say which JVM made them, so a JVM can list what it
 * left behind ({@link #leftovers()}) and remove what a JVM that no longer runs left ({@link #removeStale(String)}).
 */
final class Namespaces implements AutoCloseable {
    private static final Pattern PREFIX = Pattern.compile("[a-z]{1,4}");
    private static final Pattern NAME = Pattern.compile("([a-z]{1,4})(\\d{1,4})x\\d+-[a-z0-9]+");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final int NAME_ATTEMPTS = 100;
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(3);

    private final Map<String, String> byRole;
    private final List<String> created = new ArrayList<>();
    private final List<ProcessHandle> processes = new ArrayList<>();

    private Namespaces(Map<String, String> byRole) {
        this.byRole = byRole;
    }

    /** Sets up the links, addresses and routes of namespaces just made. */
    @FunctionalInterface
    interface SetUp {
        void run(Namespaces made) throws IOException;
    }

    /**
     * Makes one namespace per role (lower-case letters and digits), each with its loopback up and duplicate address
     * detection off (IPv6 addresses added later are usable at once), then runs {@code setUp} on them; when anything
     * fails, deletes what it made.
     */
    static Namespaces add(String prefix, List<String> roles, SetUp setUp) throws IOException {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must be 1 to 4 lower-case letters: " + prefix);
        }
        String base = prefix + ProcessHandle.current().pid() % 10_000 + "x";
        for (int i = 0; i < NAME_ATTEMPTS; i++) {
            String name = base + COUNTER.incrementAndGet() % 10_000;
            Map<String, String> byRole = new LinkedHashMap<>();
            roles.forEach(role -> byRole.put(role, name + "-" + role));
            if (byRole.values().stream().noneMatch(ns -> Files.exists(file(ns)))) {
                Namespaces namespaces = new Namespaces(byRole);
                try {
                    namespaces.create();
                    setUp.run(namespaces);
                } catch (IOException | RuntimeException e) {
                    namespaces.closeSuppressingInto(e);
                    throw e;
                }
                return namespaces;
            }
        }
        throw new IOException("no free namespace name " + base + "N after " + NAME_ATTEMPTS + " tries");
    }

    /** The namespace of {@code role}. */
    String name(String role) {
        String name = byRole.get(role);
        if (name == null) {
            throw new IllegalArgumentException("no namespace for role " + role + " among " + byRole.keySet());
        }
        return name;
    }

    synchronized <P extends Process> P register(P process) {
        processes.add(process.toHandle());
        return process;
    }

    /** Stops the registered processes, then deletes the namespaces; the first failure is thrown, the rest suppressed. */
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

    private void closeSuppressingInto(Exception failure) {
        try {
            close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The namespaces that this JVM made and that still exist. */
    static List<String> leftovers() throws IOException {
        long ours = ProcessHandle.current().pid() % 10_000;
        return named().stream().filter(m -> Long.parseLong(m.group(2)) == ours).map(Matcher::group).toList();
    }

    /**
     * Removes the namespaces named with {@code prefix} that a JVM no longer running left behind (a test run that was
     * killed): stops the processes still inside each (charon, iperf3...) by PID, then deletes it. A namespace counts as
     * stale when no running Java process has a PID that the name's number could stand for. Returns the names removed;
     * running it again removes nothing more.
     */
    static List<String> removeStale(String prefix) throws IOException {
        List<String> removed = new ArrayList<>();
        for (Matcher m : named()) {
            if (m.group(1).equals(prefix) && !ownerRuns(Long.parseLong(m.group(2)))) {
                String ns = m.group();
                for (String pid : Ip.run("netns", "pids", ns).split("\\s+")) {
                    Optional<ProcessHandle> process = pid.isBlank() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
                    if (process.isPresent() && !Processes.stop(process.get(), PROCESS_GRACE)) {
                        throw new IOException("process " + pid + " in the stale namespace " + ns + " did not stop");
                    }
                }
                Ip.run("netns", "delete", ns);
                removed.add(ns);
            }
        }
        return removed;
    }

    private void create() throws IOException {
        for (String ns : byRole.values()) {
            Ip.run("netns", "add", ns);
            created.add(ns);
            Ip.run("netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            Ip.in(ns, "link", "set", "lo", "up");
        }
    }

    private static List<Matcher> named() throws IOException {
        return Ip.run("netns", "list").lines()
                .map(line -> NAME.matcher(line.split(" ", 2)[0]))
                .filter(Matcher::matches)
                .toList();
    }

    private static boolean ownerRuns(long pidModulo) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.pid() % 10_000 == pidModulo
                && p.info().command().map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false));
    }

    private static Path file(String namespace) {
        return Path.of("/run/netns", namespace);
    }
}
