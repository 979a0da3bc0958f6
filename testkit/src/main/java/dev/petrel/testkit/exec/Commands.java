package dev.petrel.testkit.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands with a bounded wait. Both outputs go to temporary files rather than pipes, so a daemon that a
 * command leaves behind (and that inherits its descriptors) cannot keep the caller waiting past the timeout.
 */
public final class Commands {
    private Commands() {}

    /** Runs {@code command} with {@code environment} added to this JVM's, waiting at most {@code timeout}. */
    public static CommandResult run(List<String> command, Map<String, String> environment, Duration timeout) throws IOException {
        Path out = Files.createTempFile("petrel-cmd", ".out");
        Path err = Files.createTempFile("petrel-cmd", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    Processes.stop(process.toHandle(), Duration.ZERO);
                    throw new IOException(String.join(" ", command) + " did not finish within " + timeout
                            + new CommandResult(command, -1, read(out), read(err)).output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Processes.stop(process.toHandle(), Duration.ZERO);
                throw new IOException("interrupted while running " + command.getFirst(), e);
            }
            return new CommandResult(command, process.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@link #run} without extra environment, returning standard output; fails unless the exit code is 0. */
    public static String check(Duration timeout, List<String> command) throws IOException {
        return run(command, Map.of(), timeout).requireSuccess();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
