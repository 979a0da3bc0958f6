package dev.petrel.testkit.relay;

import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.sim.FaultProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link FaultRelay} in a JVM of its own, for tests that put real daemons on both sides of it: started with
 * {@link #start}, driven through its standard input (each method sends one {@link RelayCommand} and waits for the
 * answer), and stopped by PID with {@link #close()}. Its standard error goes to a temporary file, shown in every
 * failure and removed at {@link #close()}.
 */
public final class RelayProcess implements AutoCloseable {
    /** How long {@link #start} waits for the {@code ready} line (a JVM start on a busy machine). */
    public static final Duration READY_WAIT = Duration.ofSeconds(30);
    /** How long a command waits for its answer. */
    public static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    /** How long {@link #close()} waits after SIGTERM before SIGKILL, and {@link #quit()} for the exit. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** How long a failure message waits to tell how the relay exited. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final int ANSWERS = 64;
    private static final int ERROR_TAIL = 4_000;

    private final Process process;
    private final Path errors;
    private final Writer commands;
    /** The relay's output lines, then an empty one for the end of its output. */
    private final BlockingQueue<Optional<String>> answers = new ArrayBlockingQueue<>(ANSWERS);
    private final String ready;

    private RelayProcess(Process process, Path errors) throws IOException {
        this.process = process;
        this.errors = errors;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofPlatform().name("relay-answers-" + process.pid()).daemon().start(this::readAnswers);
        this.ready = awaitLine(READY_WAIT, "the ready line");
        if (!ready.startsWith("ready")) {
            throw new IOException("relay (pid " + process.pid() + ") printed '" + ready + "' instead of ready" + errorTail());
        }
    }

    /** The command line of a relay with {@code options}. */
    public static List<String> command(RelayOptions options) {
        return command(options.toArgs());
    }

    /** The command line of a relay with {@code args} as given: this JVM's java, and the class path that holds the relay. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m", "-cp", classPath().toString(),
                FaultRelay.class.getName()));
        command.addAll(args);
        return command;
    }

    /** {@link #start(List, RelayOptions, Consumer)} on this host, nothing to register with. */
    public static RelayProcess start(RelayOptions options) throws IOException {
        return start(List.of(), options, p -> {});
    }

    /**
     * Starts a relay with {@code options} behind {@code launcher} (empty, or e.g. {@code ip netns exec NS}, which execs,
     * so the PID stays the JVM's), hands the process to {@code register} (a {@code TestNetwork} that stops it if the
     * test does not), and returns once it printed {@code ready}. Fails with its exit code and standard error when it
     * exits first (bad options, a port it cannot bind), and stops it when it is not ready in {@link #READY_WAIT}.
     */
    public static RelayProcess start(List<String> launcher, RelayOptions options, Consumer<? super Process> register)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(command(options));
        Path errors = Files.createTempFile("petrel-relay", ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
        register.accept(process);
        try {
            return new RelayProcess(process, errors);
        } catch (IOException | RuntimeException e) {
            Processes.stop(process.toHandle(), Duration.ZERO);
            Files.deleteIfExists(errors);
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The {@code ready} line, which names the addresses, ports and seed. */
    public String ready() {
        return ready;
    }

    public boolean alive() {
        return !Processes.exited(process.toHandle());
    }

    /** Sets both directions' profile (delays in whole milliseconds). */
    public void profile(FaultProfile both) throws IOException {
        expectOk(new RelayCommand.SetProfile(Optional.empty(), both));
    }

    /** Sets one direction's profile (delays in whole milliseconds). */
    public void profile(Direction direction, FaultProfile profile) throws IOException {
        expectOk(new RelayCommand.SetProfile(Optional.of(direction), profile));
    }

    /** Drops everything both ways until {@link #heal()}: the peers look dead to each other. */
    public void cut() throws IOException {
        expectOk(RelayCommand.Word.CUT);
    }

    public void heal() throws IOException {
        expectOk(RelayCommand.Word.HEAL);
    }

    public RelayStats stats() throws IOException {
        String line = send(RelayCommand.Word.STATS);
        try {
            return RelayStats.parse(line);
        } catch (IllegalArgumentException e) {
            throw new IOException("relay (pid " + pid() + ") answered stats with: " + e.getMessage(), e);
        }
    }

    /** Asks the relay to exit and waits for it; returns its exit code (0 when it closed cleanly). */
    public int quit() throws IOException {
        expectOk(RelayCommand.Word.QUIT);
        try {
            if (process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the relay (pid " + pid() + ") to quit", e);
        }
        throw new IOException("relay (pid " + pid() + ") did not exit within " + STOP_WAIT + " of quit" + errorTail());
    }

    /** What the relay wrote on standard error so far. */
    public String errors() throws IOException {
        return Files.readString(errors, StandardCharsets.UTF_8);
    }

    /** Stops the relay by PID (SIGTERM, then SIGKILL after {@link #STOP_WAIT}) unless it has exited; fails if it lives on. */
    @Override
    public void close() throws IOException {
        try {
            if (!Processes.exited(process.toHandle()) && !Processes.stop(process.toHandle(), STOP_WAIT)) {
                throw new IOException("relay (pid " + pid() + ") did not stop");
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private void expectOk(RelayCommand command) throws IOException {
        String answer = send(command);
        if (!answer.equals("ok")) {
            throw new IOException("relay (pid " + pid() + ") answered '" + command.line() + "' with '" + answer + "'");
        }
    }

    /** Sends one command and returns its answer; an {@code error} answer fails with the relay's reason. */
    private synchronized String send(RelayCommand command) throws IOException {
        try {
            commands.write(command.line() + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new IOException("relay (pid " + pid() + ") does not take commands any more" + exitState() + errorTail(), e);
        }
        String answer = awaitLine(ANSWER_WAIT, "an answer to '" + command.line() + "'");
        if (answer.startsWith("error ")) {
            throw new IOException("relay (pid " + pid() + ") refused '" + command.line() + "': " + answer.substring(6));
        }
        return answer;
    }

    private String awaitLine(Duration wait, String what) throws IOException {
        try {
            Optional<String> line = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (line != null && line.isPresent()) {
                return line.get();
            }
            if (line != null) {
                answers.put(line);
                throw new IOException("the relay (pid " + pid() + ") ended its output before " + what + exitState()
                        + errorTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what + " from the relay (pid " + pid() + ")", e);
        }
        throw new IOException("no " + what + " from the relay (pid " + pid() + ") within " + wait + exitState() + errorTail());
    }

    /** Moves the relay's standard output into {@link #answers}, line by line, and marks its end. */
    private void readAnswers() {
        try (BufferedReader out = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                answers.put(Optional.of(line));
            }
        } catch (IOException e) {
            // the relay is gone: the end is marked below, and a waiting command reports how it exited
        } catch (InterruptedException e) {
            return;
        }
        try {
            answers.put(Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitState() {
        try {
            return process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS) ? " (it exited with " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String errorTail() {
        try {
            String text = errors().strip();
            return text.isEmpty() ? "" : "\n--- relay stderr ---\n" + text.substring(Math.max(0, text.length() - ERROR_TAIL));
        } catch (IOException e) {
            return "";
        }
    }

    /** The folder or jar this class was loaded from: the testkit, all that the relay needs. */
    private static Path classPath() {
        try {
            return Path.of(FaultRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the testkit's location is not a path", e);
        }
    }
}
