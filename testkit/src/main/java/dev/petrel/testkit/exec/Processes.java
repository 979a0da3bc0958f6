package dev.petrel.testkit.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Stops processes by their handle (PID plus start time, so a reused PID is never hit). */
public final class Processes {
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(10);

    private Processes() {}

    /**
     * Sends SIGTERM to {@code process} and its descendants, waits up to {@code grace} for it to exit, SIGKILLs whatever
     * is still alive and waits a few seconds more. Returns whether the process is gone.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> all = Stream.concat(Stream.of(process), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        if (!grace.isZero() && awaitExit(process, grace)) {
            return true;
        }
        all.stream().filter(p -> !exited(p)).forEach(ProcessHandle::destroyForcibly);
        return awaitExit(process, KILL_WAIT);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!exited(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return exited(process);
            }
        }
        return true;
    }

    /**
     * Whether {@code process} is gone or a zombie. A daemon that has exited stays a zombie until init reaps it, which
     * in some sandboxes takes seconds, and {@link ProcessHandle#isAlive()} still says true meanwhile.
     */
    public static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int comm = stat.lastIndexOf(')');
            return comm > 0 && comm + 2 < stat.length() && stat.charAt(comm + 2) == 'Z';
        } catch (IOException e) {
            return !process.isAlive();
        }
    }
}
