package dev.petrel.testkit.interop;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.CommandResult;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.testkit.vectors.ProjectPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real strongSwan 5.9 charon (charon-systemd with the userspace ESP data plane, kernel-libipsec) running in a network
 * namespace, driven through ../shared/interop/strongswan-peer.sh: it generates the peer's strongswan.conf (own VICI
 * socket, own file log, the plugins the harness needs), starts charon, waits for VICI, loads swanctl.conf and checks
 * what swanctl said. Everything lives under {@code workDir/NAMESPACE}; {@link #close()} stops charon by PID and
 * deletes that folder. Needs root; see {@link #unavailableReason()}.
 */
public final class StrongSwanPeer implements AutoCloseable {
    /** charon's file log level unless given: 2 shows the exchanges; 4 also prints keys ({@link #ikeKeys()}). */
    public static final int DEFAULT_LOG_LEVEL = 2;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SWANCTL_TIMEOUT = Duration.ofSeconds(30);
    private static final String SWANCTL_WAIT_SECONDS = "20";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_SOCKET_PATH = 100;
    private static final int LOG_TAIL_LINES = 40;
    private static final String PLUGINS = "/usr/lib/ipsec/plugins/libstrongswan-";

    private final String namespace;
    private final Path workDir;
    private final Path runDir;
    private final ProcessHandle charon;
    private boolean closed;

    private StrongSwanPeer(String namespace, Path workDir, ProcessHandle charon) {
        this.namespace = namespace;
        this.workDir = workDir;
        this.runDir = workDir.resolve(namespace);
        this.charon = charon;
    }

    /** {@link #start(String, Path, String, Map, int)} at {@link #DEFAULT_LOG_LEVEL}. */
    public static StrongSwanPeer start(String namespace, Path workDir, String swanctlConf, Map<String, String> charonSettings)
            throws IOException {
        return start(namespace, workDir, swanctlConf, charonSettings, DEFAULT_LOG_LEVEL);
    }

    /**
     * Starts charon in {@code namespace} with {@code swanctlConf} loaded and returns once it answers on VICI.
     * {@code charonSettings} are strongswan.conf settings in dotted form ({@code charon.cookie_threshold} to
     * {@code "5"}) that override the generated ones. Fails, leaving nothing running, when charon does not start or
     * swanctl reports an error while loading the configuration.
     */
    public static StrongSwanPeer start(String namespace, Path workDir, String swanctlConf, Map<String, String> charonSettings,
            int logLevel) throws IOException {
        return start(namespace, workDir, swanctlConf, Map.of(), charonSettings, logLevel);
    }

    /**
     * As {@link #start(String, Path, String, Map, int)}, with {@code files} (a path relative to the swanctl folder, e.g.
     * {@code x509ca/ca.pem}, to its text) written beside swanctl.conf first, where {@code swanctl --load-all} finds them.
     */
    public static StrongSwanPeer start(String namespace, Path workDir, String swanctlConf, Map<String, String> files,
            Map<String, String> charonSettings, int logLevel) throws IOException {
        if (logLevel < -1 || logLevel > 4) {
            throw new IllegalArgumentException("charon log levels are -1 to 4, got " + logLevel);
        }
        Path work = workDir.toAbsolutePath();
        Path run = work.resolve(namespace);
        if (run.resolve("charon.vici").toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("the VICI socket path under " + run + " is too long for a unix socket");
        }
        Path config = run.resolve("swanctl");
        Files.createDirectories(config);
        Files.writeString(config.resolve("swanctl.conf"), swanctlConf, StandardCharsets.UTF_8);
        SwanctlFolder.write(config, files);
        Files.writeString(config.resolve("strongswan.conf"), StrongSwanSettings.render(charonSettings), StandardCharsets.UTF_8);
        CommandResult started = Commands.run(script("start", namespace, config.toString()),
                Map.of("INTEROP_RUN", work.toString(), "CHARON_LOGLEVEL", Integer.toString(logLevel)), START_TIMEOUT);
        try {
            started.requireSuccess();
            long pid = Long.parseLong(started.stdout().strip().lines().reduce((a, b) -> b).orElse(""));
            ProcessHandle charon = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IOException("charon (pid " + pid + ") exited right after starting"));
            return new StrongSwanPeer(namespace, work, charon);
        } catch (IOException | RuntimeException e) {
            IOException failure = new IOException("strongSwan did not start in " + namespace + logTail(run.resolve("charon.log")), e);
            try {
                // The harness stops charon itself when start fails; this covers output it printed but we cannot read.
                Commands.run(script("stop", namespace), Map.of("INTEROP_RUN", work.toString()), START_TIMEOUT);
                deleteTree(run);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * Why a strongSwan peer cannot run here (no namespaces, no charon-systemd or swanctl, a plugin missing, no TUN,
     * no harness script), or empty when it can.
     */
    public static Optional<String> unavailableReason() {
        Optional<String> network = TestNetwork.unavailableReason();
        if (network.isPresent()) {
            return network;
        }
        List<String> missing = new ArrayList<>();
        Stream.of("/usr/sbin/charon-systemd", "/usr/sbin/swanctl").filter(f -> !Files.isExecutable(Path.of(f))).forEach(missing::add);
        Stream.of("openssl", "kdf", "kernel-libipsec", "vici", "socket-default")
                .map(p -> PLUGINS + p + ".so").filter(f -> !Files.exists(Path.of(f))).forEach(missing::add);
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun");
        }
        try {
            harness();
        } catch (IllegalStateException e) {
            missing.add(e.getMessage());
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("strongSwan is not usable here, missing " + missing
                + " (apt-get install charon-systemd strongswan-swanctl libcharon-extra-plugins libstrongswan-extra-plugins)");
    }

    /** Skips the calling test loudly when {@link #unavailableReason()} says so, and fails it under CI=true. */
    public static void assumeAvailable() {
        Skip.unless(unavailableReason());
    }

    /** The namespace charon runs in. */
    public String namespace() {
        return namespace;
    }

    /** charon's PID. */
    public long pid() {
        return charon.pid();
    }

    /** Runs {@code swanctl ARGS...} against this charon (the harness puts --uri after the command option) and returns its output. */
    public String swanctl(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("swanctl", namespace));
        argv.addAll(List.of(args));
        return Commands.run(script(argv.toArray(String[]::new)), Map.of("INTEROP_RUN", workDir.toString()), SWANCTL_TIMEOUT)
                .requireSuccess();
    }

    /**
     * Replaces the loaded configuration with {@code swanctlConf} ({@code swanctl --load-all}: connections and secrets
     * that it no longer names are unloaded; SAs stay up). Fails when swanctl reports an error or loads no connection.
     */
    public void load(String swanctlConf) throws IOException {
        Files.writeString(runDir.resolve("swanctl/swanctl.conf"), swanctlConf, StandardCharsets.UTF_8);
        String output = swanctl("--load-all");
        boolean failed = output.lines().filter(line -> !line.startsWith("opening directory"))
                .anyMatch(line -> line.matches("(?i).*(syntax error|invalid|failed|error).*"));
        if (failed || output.lines().noneMatch(line -> line.startsWith("loaded connection"))) {
            throw new IOException("swanctl --load-all in " + namespace + " did not load the configuration:\n" + output);
        }
    }

    /** Initiates the CHILD_SA {@code child} (and its IKE_SA if needed), waiting until it is up or failed. */
    public String initiate(String child) throws IOException {
        return swanctl("--initiate", "--child", child, "--timeout", SWANCTL_WAIT_SECONDS);
    }

    /** Initiates the IKE_SA of connection {@code ike} alone, without a CHILD_SA. */
    public String initiateIke(String ike) throws IOException {
        return swanctl("--initiate", "--ike", ike, "--timeout", SWANCTL_WAIT_SECONDS);
    }

    /** Terminates the IKE_SA(s) of connection {@code name} and their CHILD_SAs, waiting for the peer's answer. */
    public String terminateIke(String name) throws IOException {
        return swanctl("--terminate", "--ike", name, "--timeout", SWANCTL_WAIT_SECONDS);
    }

    /** Terminates the CHILD_SA(s) named {@code child}, waiting for the peer's answer; the IKE_SA stays. */
    public String terminateChild(String child) throws IOException {
        return swanctl("--terminate", "--child", child, "--timeout", SWANCTL_WAIT_SECONDS);
    }

    /** The IKE_SAs charon holds now, with their CHILD_SAs. */
    public List<SwanctlIkeSa> listSas() throws IOException {
        return SwanctlIkeSa.parseList(swanctl("--list-sas", "--pretty"));
    }

    /** Polls {@link #listSas()} until an IKE_SA of connection {@code name} is in {@code state}, and returns it. */
    public SwanctlIkeSa awaitIkeState(String name, String state, Duration timeout) throws IOException, TimeoutException {
        List<SwanctlIkeSa> sas = awaitSas(now -> now.stream().anyMatch(sa -> sa.name().equals(name) && sa.state().equals(state)),
                "an IKE_SA " + name + " " + state, timeout);
        return sas.stream().filter(sa -> sa.name().equals(name) && sa.state().equals(state)).findFirst().orElseThrow();
    }

    /**
     * Polls {@link #listSas()} until {@code done} accepts the listing, and returns it; {@code what} describes the
     * awaited listing in the timeout's message.
     */
    public List<SwanctlIkeSa> awaitSas(Predicate<List<SwanctlIkeSa>> done, String what, Duration timeout)
            throws IOException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<SwanctlIkeSa> sas = listSas();
            if (done.test(sas)) {
                return sas;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException("no " + what + " in " + namespace + " within " + timeout + "; IKE_SAs now "
                        + sas.stream().map(sa -> sa.name() + " " + sa.state() + " " + sa.children().size() + " CHILD_SAs")
                        .toList() + logTail(log()));
            }
            sleep();
        }
    }

    /** charon's file log. */
    public Path log() {
        return runDir.resolve("charon.log");
    }

    /** The whole log as text. */
    public String logText() throws IOException {
        return Files.readString(log(), StandardCharsets.UTF_8);
    }

    /** The first IKE_SA's SPIs and keys, from a log written at level 4. */
    public StrongSwanIkeKeys ikeKeys() throws IOException {
        return StrongSwanIkeKeys.parse(log());
    }

    /** The first CHILD_SA's SPIs and keys, from a log written at level 4. */
    public StrongSwanChildKeys childKeys() throws IOException {
        return StrongSwanChildKeys.parse(log());
    }

    /** The SPIs and keys of the CHILD_SA installed last with inbound SPI {@code inboundSpi}, from a level-4 log. */
    public StrongSwanChildKeys childKeys(long inboundSpi) throws IOException {
        return StrongSwanChildKeys.parse(log(), inboundSpi);
    }

    /** Stops charon by PID (SIGTERM, then SIGKILL after a grace period) and deletes its folder. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!Processes.stop(charon, STOP_GRACE)) {
            throw new IOException("charon pid " + charon.pid() + " in " + namespace + " did not stop; its files stay in " + runDir);
        }
        deleteTree(runDir);
    }

    private static List<String> script(String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", harness().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static Path harness() {
        Path script = ProjectPaths.shared().resolve("interop/strongswan-peer.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " (the interop harness)");
        }
        return script;
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "\n(no log at " + log + ")";
        }
    }

    /** Deletes {@code dir} and everything below it. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for charon", e);
        }
    }
}
