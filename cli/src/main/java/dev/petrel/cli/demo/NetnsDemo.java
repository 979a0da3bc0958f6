package dev.petrel.cli.demo;

import dev.petrel.cli.control.SaListing;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.ControlClient;
import dev.petrel.gateway.control.ControlException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code petrel demo --netns}: two real Petrel daemons in two network namespaces of their own, joined by a veth
 * (192.0.2.1/24 and 192.0.2.2/24), each with the first address of the network behind it on its loopback
 * (198.51.100.1 and 203.0.113.1). Their swanctl.conf files are written to a temporary folder; the left daemon
 * initiates, {@code ping} crosses the tunnel, both sides' SAs are listed, and then everything is removed again:
 * the daemons by PID, the namespaces, the folder; also when a step fails or on Ctrl-C (a shutdown hook). Needs root.
 * The daemons are child JVMs run with this JVM's {@code java} and class path.
 */
public final class NetnsDemo {
    static final String LEFT_OUTER = "192.0.2.1";
    static final String RIGHT_OUTER = "192.0.2.2";
    static final String LEFT_INNER = "198.51.100.1";
    static final String RIGHT_INNER = "203.0.113.1";
    private static final String CONNECTION = "demo";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final PrintStream out;
    private final String esp;
    private final String left;
    private final String right;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> daemons = new ArrayList<>();
    private final List<Long> daemonPids = new ArrayList<>();
    private Path work;
    private boolean cleanedUp;

    /** A demo that prints to {@code out} and offers {@code esp} (strongSwan's keywords) for the CHILD_SA. */
    public NetnsDemo(PrintStream out, String esp) {
        this.out = out;
        this.esp = esp;
        String id = "petrel-demo-" + ProcessHandle.current().pid();
        this.left = id + "-l";
        this.right = id + "-r";
    }

    /** Why the demo cannot run here (not root, no {@code ip}, no TUN), or empty when it can. */
    public static Optional<String> unavailableReason() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid != 0) {
                return Optional.of("petrel demo --netns needs root (network namespaces, a veth pair, TUN devices,"
                        + " UDP 500); this runs as uid " + uid + ". Try `sudo bin/petrel demo --netns`, or `petrel demo`"
                        + " without --netns, which needs none of that");
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.of("petrel demo --netns needs Linux (cannot read the user id: " + e + ")");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return Optional.of("petrel demo --netns needs /dev/net/tun (TUN devices)");
        }
        try {
            run(List.of("ip", "-V"));
        } catch (IOException e) {
            return Optional.of("petrel demo --netns needs iproute2's ip command: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** The two namespaces' names: {@code petrel-demo-<pid>-l} and {@code -r}. */
    public List<String> namespaceNames() {
        return List.of(left, right);
    }

    /** The PIDs of the daemons this demo started (all stopped once {@link #run()} returned). */
    public synchronized List<Long> daemonPids() {
        return List.copyOf(daemonPids);
    }

    /** The temporary folder with the configurations, sockets and logs (removed once {@link #run()} returned). */
    public synchronized Optional<Path> workDir() {
        return Optional.ofNullable(work);
    }

    /** Runs the demo and removes what it made; whether the tunnel came up and carried the pings. */
    public boolean run() throws IOException, InterruptedException {
        Thread hook = new Thread(this::cleanUpQuietly, "petrel-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return demo();
        } catch (IOException | ControlException e) {
            synchronized (this) {
                if (!cleanedUp) { // else Ctrl-C pulled the floor away: the failure is that, not news
                    out.println("petrel demo --netns: " + e.getMessage());
                }
            }
            return false;
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or ran
            }
        }
    }

    private boolean demo() throws IOException, InterruptedException, ControlException {
        synchronized (this) {
            if (cleanedUp) {
                throw new IOException("interrupted");
            }
            work = Files.createTempDirectory("petrel-demo-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        out.printf("Petrel in two network namespaces: %s (veth %s, behind it %s) <-> %s (veth %s, behind it %s)%n",
                left, LEFT_OUTER, LEFT_INNER, right, RIGHT_OUTER, RIGHT_INNER);
        namespaces();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String psk = HexFormat.of().formatHex(secret);
        Path rightSocket = daemon(right, "right", config(RIGHT_OUTER, LEFT_OUTER, "right", "left", "203.0.113.0/24",
                "198.51.100.0/24", psk));
        Path leftSocket = daemon(left, "left", config(LEFT_OUTER, RIGHT_OUTER, "left", "right", "198.51.100.0/24",
                "203.0.113.0/24", psk));
        out.printf("== left: petrel initiate %s%n", CONNECTION);
        CommandResult initiated = new ControlClient(leftSocket).initiate(CONNECTION);
        initiated.lines().forEach(out::println);
        if (!initiated.ok()) {
            tail("left", leftSocket.resolveSibling("left.log"));
            tail("right", rightSocket.resolveSibling("right.log"));
            return false;
        }
        out.printf("== ping -c 3 %s -> %s through the tunnel%n", LEFT_INNER, RIGHT_INNER);
        Process ping = new ProcessBuilder("ip", "netns", "exec", left, "ping", "-c", "3", "-i", "0.5", "-W", "2",
                "-I", LEFT_INNER, RIGHT_INNER).redirectErrorStream(true).start();
        String pinged = output(ping, COMMAND_TIMEOUT);
        out.print(pinged);
        boolean pingOk = ping.exitValue() == 0;
        listSas("left", leftSocket);
        listSas("right", rightSocket);
        return pingOk;
    }

    private void listSas(String side, Path socket) throws ControlException {
        out.printf("== %s: petrel list-sas%n", side);
        PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
        SaListing.print(new ControlClient(socket).listSas(), writer);
        writer.flush();
    }

    private void namespaces() throws IOException {
        for (String ns : List.of(left, right)) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                throw new IOException("namespace " + ns + " exists already; not touching it");
            }
        }
        String vethLeft = veth(left);
        String vethRight = veth(right);
        for (String ns : List.of(left, right)) {
            synchronized (this) {
                if (cleanedUp) {
                    throw new IOException("interrupted");
                }
                run(List.of("ip", "netns", "add", ns));
                namespaces.add(ns);
            }
            in(ns, "ip", "link", "set", "lo", "up");
        }
        run(List.of("ip", "link", "add", vethLeft, "netns", left, "type", "veth", "peer", "name", vethRight, "netns", right));
        address(left, vethLeft, LEFT_OUTER, LEFT_INNER);
        address(right, vethRight, RIGHT_OUTER, RIGHT_INNER);
        in(left, "ping", "-c", "1", "-W", "2", RIGHT_OUTER);
    }

    /** {@code pdemo<pid>-l}: within the 15 characters of an interface name. */
    private static String veth(String namespace) {
        return "pdemo" + ProcessHandle.current().pid() + namespace.substring(namespace.length() - 2);
    }

    private static void address(String ns, String veth, String outer, String inner) throws IOException {
        in(ns, "ip", "addr", "add", outer + "/24", "dev", veth);
        in(ns, "ip", "addr", "add", inner + "/32", "dev", "lo");
        in(ns, "ip", "link", "set", veth, "up");
    }

    private String config(String local, String remote, String localName, String remoteName, String localTs,
                          String remoteTs, String psk) {
        return """
                # written by petrel demo --netns
                connections {
                  %1$s {
                    version = 2
                    local_addrs = %2$s
                    remote_addrs = %3$s
                    proposals = aes128gcm16-prfsha256-x25519
                    local {
                      auth = psk
                      id = %4$s.demo.petrel.test
                    }
                    remote {
                      auth = psk
                      id = %5$s.demo.petrel.test
                    }
                    children {
                      net {
                        local_ts = %6$s
                        remote_ts = %7$s
                        esp_proposals = %8$s
                      }
                    }
                  }
                }
                secrets {
                  ike-demo {
                    id-left = left.demo.petrel.test
                    id-right = right.demo.petrel.test
                    secret = 0x%9$s
                  }
                }
                """.formatted(CONNECTION, local, remote, localName, remoteName, localTs, remoteTs, esp, psk);
    }

    /** Starts a daemon in {@code ns} with {@code swanctl} as its configuration; its control socket once it answers. */
    private Path daemon(String ns, String side, String swanctl) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(side));
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, swanctl);
        Path socket = work.resolve(side + ".sock");
        Path log = work.resolve(side + ".log");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-Djava.util.logging.SimpleFormatter.format=%1$tT %4$s %3$s: %5$s%6$s%n",
                "-cp", System.getProperty("java.class.path"), "dev.petrel.cli.Petrel",
                "daemon", "--config", conf.toString(), "--socket", socket.toString(), "--tun", "petrel0"));
        Process process;
        synchronized (this) {
            if (cleanedUp) {
                throw new IOException("interrupted");
            }
            // ip netns exec execs java: the process is the daemon itself.
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            daemons.add(process);
            daemonPids.add(process.pid());
        }
        out.printf("%s daemon: pid %d in %s, %s, control socket %s%n", side, process.pid(), ns, conf, socket);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        ControlClient client = new ControlClient(socket, Duration.ofSeconds(2));
        while (true) {
            if (!process.isAlive()) {
                tail(side, log);
                throw new IOException("the " + side + " daemon exited with " + process.exitValue());
            }
            if (Files.exists(socket)) {
                try {
                    client.listConns();
                    return socket;
                } catch (ControlException notYet) {
                    // not listening yet
                }
            }
            if (System.nanoTime() - deadline > 0) {
                tail(side, log);
                throw new IOException("the " + side + " daemon did not answer on " + socket + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private void tail(String side, Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            out.printf("-- %s daemon log (last lines):%n", side);
            lines.subList(Math.max(0, lines.size() - 10), lines.size()).forEach(l -> out.println("   " + l));
        } catch (IOException e) {
            out.printf("-- %s daemon log unreadable: %s%n", side, e.getMessage());
        }
    }

    private void cleanUpQuietly() {
        try {
            cleanUp();
        } catch (RuntimeException e) {
            System.err.println("petrel demo --netns: clean-up: " + e);
        }
    }

    /** Stops the daemons by PID (SIGTERM, then SIGKILL), deletes the namespaces and the folder; once. */
    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        List<String> done = new ArrayList<>();
        for (Process p : daemons.reversed()) {
            p.destroy();
        }
        for (Process p : daemons.reversed()) {
            try {
                if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
                done.add("daemon " + p.pid() + " stopped");
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces.reversed()) {
            try {
                run(List.of("ip", "netns", "delete", ns));
                done.add("namespace " + ns + " deleted");
            } catch (IOException e) {
                out.println("petrel demo --netns: could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                out.println("petrel demo --netns: could not remove " + work + ": " + e.getMessage());
            }
            done.add(work + " removed");
        }
        if (!done.isEmpty()) {
            out.println("== cleaned up: " + String.join(", ", done));
        }
    }

    private static void in(String ns, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        run(full);
    }

    /** Runs {@code command}, waits at most {@link #COMMAND_TIMEOUT}, and fails with its output unless it exits 0. */
    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = output(p, COMMAND_TIMEOUT);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** What {@code p} printed, once it exited; killed after {@code timeout}. */
    private static String output(Process p, Duration timeout) throws IOException, InterruptedException {
        p.getOutputStream().close();
        byte[][] bytes = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                bytes[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                bytes[0] = new byte[0];
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join(1000);
            throw new IOException("timed out after " + timeout.toSeconds() + " s: " + p.info().commandLine().orElse("?"));
        }
        reader.join(timeout.toMillis());
        return bytes[0] == null ? "" : new String(bytes[0], StandardCharsets.UTF_8);
    }
}
