package dev.petrel.gateway.control;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bound on every blocking step of the control socket. Unix-domain channels have no read timeout, so a step
 * that has not finished in time has its channel closed under it, which ends the step with an exception on virtual
 * and platform threads alike; that exception is then reported as a {@link SocketTimeoutException}.
 */
final class Watchdog {
    /** A blocking step on a channel that yields a value. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    /** A blocking step on a channel that yields nothing. */
    @FunctionalInterface
    interface VoidStep {
        void run() throws IOException;
    }

    private Watchdog() { }

    /** Runs {@code step}, closing {@code channel} if it has not finished within {@code timeout}. */
    static <T> T within(Duration timeout, Channel channel, Step<T> step) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        CompletableFuture<Void> timer = CompletableFuture.runAsync(() -> {
            expired.set(true);
            closeQuietly(channel);
        }, CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS));
        try {
            return step.run();
        } catch (IOException e) {
            if (expired.get()) {
                SocketTimeoutException timedOut = new SocketTimeoutException("timed out after " + describe(timeout));
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /** Runs {@code step}, closing {@code channel} if it has not finished within {@code timeout}. */
    static void within(Duration timeout, Channel channel, VoidStep step) throws IOException {
        within(timeout, channel, () -> {
            step.run();
            return null;
        });
    }

    /** {@code 5 s}, {@code 250 ms}. */
    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that was wanted; a channel that fails to close is closed enough
        }
    }
}
