package dev.petrel.cli.e2e;

import dev.petrel.gateway.control.ControlClient;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.interop.SwanctlFolder;
import dev.petrel.testkit.netns.TestNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code petrel daemon} in its own JVM inside one namespace of a {@link TestNetwork}: started with {@code ip netns exec}
 * (which execs, so the PID is the JVM's) on the test JVM's class path, its output in {@code NAME.log} beside its
 * configuration {@code NAME.conf} and control socket {@code NAME.sock}, controlled in-process through
 * {@link ControlClient}. The network stops it too if a test does not.
 */
final class DaemonProcess implements AutoCloseable {
    static final String TUN = "petrel0";
    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int LOG_TAIL_LINES = 80;

    private final String name;
    private final String namespace;
    private final Path config;
    private final Path socket;
    private final Path log;
    private final Process process;
    private final ControlClient control;

    private DaemonProcess(String name, String namespace, Path config, Path socket, Path log, Process process) {
        this.name = name;
        this.namespace = namespace;
        this.config = config;
        this.socket = socket;
        this.log = log;
        this.process = process;
        this.control = new ControlClient(socket, CONTROL_TIMEOUT);
    }

    /**
     * Writes {@code swanctlConf} to {@code dir/NAME.conf} and starts a daemon with it in {@code namespace}, without
     * waiting for it ({@link #awaitReady()}); {@code logs} will show its output if the test fails.
     */
    static DaemonProcess launch(TestNetwork network, String namespace, Path dir, String name, String swanctlConf,
            FailureLogs logs) throws IOException {
        return launch(network::register, namespace, dir, name, swanctlConf, logs);
    }

    /** {@link #launch}, the process handed to {@code register}: the network that stops it if the test does not. */
    static DaemonProcess launch(Consumer<Process> register, String namespace, Path dir, String name, String swanctlConf,
            FailureLogs logs) throws IOException {
        Path config = dir.resolve(name + ".conf");
        Path socket = dir.resolve(name + ".sock");
        Path log = dir.resolve(name + ".log");
        Files.writeString(config, swanctlConf, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "dev.petrel.cli.Petrel", "daemon", "--config", config.toString(), "--socket", socket.toString(),
                "--tun", TUN));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        register.accept(process);
        DaemonProcess daemon = new DaemonProcess(name, namespace, config, socket, log, process);
        daemon.showLogIn(logs);
        return daemon;
    }

    /**
     * {@link #launch} and {@link #awaitReady()} in a folder {@code dir/NAME} of its own, {@code files} (a path relative
     * to the swanctl folder, e.g. {@code x509ca/ca.pem}, to its text) written there first beside the configuration.
     */
    static DaemonProcess start(Consumer<Process> register, String namespace, Path dir, String name, String swanctlConf,
            Map<String, String> files, FailureLogs logs) throws IOException, TimeoutException {
        Path folder = dir.resolve(name);
        SwanctlFolder.write(folder, files);
        return launch(register, namespace, folder, name, swanctlConf, logs).awaitReady();
    }

    /** {@link #launch} and {@link #awaitReady()}. */
    static DaemonProcess start(TestNetwork network, String namespace, Path dir, String name, String swanctlConf,
            FailureLogs logs) throws IOException, TimeoutException {
        return launch(network, namespace, dir, name, swanctlConf, logs).awaitReady();
    }

    /** Waits until the control socket answers; fails with the log when the daemon exits or does not answer in time. */
    DaemonProcess awaitReady() throws IOException, TimeoutException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        ControlException last = null;
        while (System.nanoTime() - deadline < 0) {
            if (Processes.exited(process.toHandle())) {
                throw new IOException("daemon " + name + " exited" + exitCode() + " before its control socket answered" + logTail());
            }
            if (Files.exists(socket)) {
                try {
                    control.listConns();
                    return this;
                } catch (ControlException e) {
                    last = e;
                }
            }
            sleep(POLL);
        }
        throw new TimeoutException("daemon " + name + " did not answer on " + socket + " within " + READY_WAIT
                + (last == null ? "" : " (" + last.getMessage() + ")") + logTail());
    }

    /** Has {@code logs} print this daemon's output if the test fails. */
    void showLogIn(FailureLogs logs) {
        logs.add("daemon " + name + " (" + namespace + ", pid " + process.pid() + ")", log);
    }

    ControlClient control() {
        return control;
    }

    String name() {
        return name;
    }

    String namespace() {
        return namespace;
    }

    Path socket() {
        return socket;
    }

    Path config() {
        return config;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return !Processes.exited(process.toHandle());
    }

    /** The daemon's output so far. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Replaces the configuration file (for a reload). */
    void rewriteConfig(String swanctlConf) throws IOException {
        Files.writeString(config, swanctlConf, StandardCharsets.UTF_8);
    }

    /** Sends {@code signal} (HUP, TERM, KILL...) to the daemon's JVM with kill(1). */
    void signal(String signal) throws IOException {
        Commands.check(Duration.ofSeconds(5), List.of("kill", "-" + signal, Long.toString(process.pid())));
    }

    /** SIGTERM, then waits for the exit; returns the exit code. Fails (after SIGKILL) when it does not exit in time. */
    int stop() throws IOException {
        if (!alive()) {
            return process.exitValue();
        }
        process.toHandle().destroy();
        return awaitExit("SIGTERM");
    }

    /** SIGKILL, then waits for the exit; returns the exit code. */
    int kill() throws IOException {
        process.toHandle().destroyForcibly();
        return awaitExit("SIGKILL");
    }

    private int awaitExit(String after) throws IOException {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (!Processes.exited(process.toHandle())) {
            if (System.nanoTime() - deadline >= 0) {
                Processes.stop(process.toHandle(), Duration.ZERO);
                throw new IOException("daemon " + name + " did not exit within " + STOP_WAIT + " after " + after + logTail());
            }
            sleep(POLL);
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for daemon " + name, e);
        }
    }

    /** Polls list-sas until {@code done} accepts it, and returns it; fails with the listing and log tail otherwise. */
    List<IkeSaStatus> awaitSas(Predicate<List<IkeSaStatus>> done, String what, Duration timeout)
            throws ControlException, IOException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<IkeSaStatus> sas = control.listSas();
            if (done.test(sas)) {
                return sas;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException("no " + what + " at daemon " + name + " within " + timeout + "; list-sas: " + sas
                        + logTail());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private String exitCode() {
        return process.isAlive() ? "" : " with " + process.exitValue();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "\n(no log at " + log + ")";
        }
    }

    /** Stops the daemon if it still runs (SIGTERM, bounded wait, SIGKILL). */
    @Override
    public void close() throws IOException {
        if (alive() && !Processes.stop(process.toHandle(), STOP_WAIT)) {
            throw new IOException("daemon " + name + " (pid " + process.pid() + ") did not stop");
        }
    }

    static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
