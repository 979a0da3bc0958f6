package dev.petrel.testkit.netns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Runs code inside a named network namespace (one made by {@code ip netns add} or {@link TestNetwork}). Sockets the code
 * opens belong to that namespace for their whole life, so they can be returned and used from any thread.
 */
public final class Netns {
    /** How long {@link #call(String, Callable)} waits for the callable. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private Netns() {}

    /** {@link #call(String, Duration, Callable)} with {@link #DEFAULT_TIMEOUT}. */
    public static <T> T call(String namespace, Callable<T> task) throws Exception {
        return call(namespace, DEFAULT_TIMEOUT, task);
    }

    /**
     * Runs {@code task} on a new platform thread that first enters {@code namespace} with setns(2), and returns its
     * result or rethrows what it threw. The thread ends with the call, so no pooled thread ever changes namespace. After
     * {@code timeout} the thread is interrupted and a {@link TimeoutException} thrown.
     */
    public static <T> T call(String namespace, Duration timeout, Callable<T> task) throws Exception {
        if (!NAME.matcher(namespace).matches() || namespace.startsWith(".")) {
            throw new IllegalArgumentException("not a namespace name: " + namespace);
        }
        Path file = Path.of("/run/netns", namespace);
        FutureTask<T> future = new FutureTask<>(() -> {
            NativeNetns.enter(file);
            return task.call();
        });
        Thread.ofPlatform().name("netns-" + namespace).daemon().start(future);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException("the call in network namespace " + namespace + " did not finish within " + timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }
}
