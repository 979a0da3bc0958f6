package dev.petrel.testkit.exec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Stops processes by their handle (PID plus start time, so a reused PID is never hit). */
public final class Processes {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private Processes() {}

    /**
     * Sends SIGTERM to {@code process} and its descendants, waits up to {@code grace} for it to exit, SIGKILLs whatever
     * is still alive and waits a few seconds more. Returns whether the process is gone.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> all = Stream.concat(Stream.of(process), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        if (!grace.isZero()) {
            awaitExit(process, grace);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return awaitExit(process, KILL_WAIT);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
