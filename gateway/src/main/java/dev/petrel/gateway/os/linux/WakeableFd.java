package dev.petrel.gateway.os.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking file descriptor that calls can wait on, and that {@link #close()} wakes from any thread. A call
 * brackets its use of {@link #fd()} with {@link #enter()} and {@link #exit()}, and waits with {@link #await}: poll(2)
 * on the descriptor and on an eventfd that close() signals, after which the wait throws
 * {@link AsynchronousCloseException}. The descriptor is closed when the last call has left, so its number is never
 * reused under a running call.
 *
 * <p>The usual call: {@code while ((n = op()) == -EAGAIN && fd.await(events, deadline)) {}}; n is still -EAGAIN
 * when the deadline passed.
 */
public final class WakeableFd implements AutoCloseable {
    /** A deadline that never comes. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final int POLLFD_SIZE = 8;
    /** Each thread's two pollfd structures: the descriptor, then the eventfd. */
    private static final ThreadLocal<MemorySegment> POLL_FDS =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(2 * POLLFD_SIZE, Integer.BYTES));
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;

    private final int fd;
    private final int wake;
    /** Twice the calls inside, plus one once closed. */
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private WakeableFd(int fd, int wake) {
        this.fd = fd;
        this.wake = wake;
    }

    /** Takes {@code fd} (opened non-blocking) and makes its eventfd; on failure closes {@code fd} and throws. */
    public static WakeableFd of(int fd) throws ErrnoException {
        int wake = Libc.eventfd(EFD_NONBLOCK | EFD_CLOEXEC);
        if (wake < 0) {
            Libc.close(fd);
            throw new ErrnoException("eventfd", -wake);
        }
        return new WakeableFd(fd, wake);
    }

    /** The System.nanoTime() at which a wait of {@code timeout} ends; {@link #NO_DEADLINE} for null. */
    public static long deadline(Duration timeout) {
        if (timeout == null) {
            return NO_DEADLINE;
        }
        long nanos = Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)); // saturates
        return nanos > Long.MAX_VALUE / 2 ? NO_DEADLINE : System.nanoTime() + nanos;
    }

    /** The descriptor, valid between {@link #enter()} and {@link #exit()}. */
    public int fd() {
        return fd;
    }

    /** Starts a call; throws {@link ClosedChannelException} once {@link #close()} was called. */
    public void enter() throws ClosedChannelException {
        if ((state.getAndAdd(2) & 1) != 0) {
            exit();
            throw new ClosedChannelException();
        }
    }

    /** Ends a call; the last one out after close() closes the descriptor. */
    public void exit() {
        if (state.addAndGet(-2) == 1) {
            release();
        }
    }

    /**
     * Waits until the descriptor is ready for {@code events} (POLLIN, POLLOUT), a signal arrives or the
     * {@code deadline} (System.nanoTime()) passes. Returns false when the deadline has passed already, true otherwise
     * (the caller tries its call again). Throws {@link AsynchronousCloseException} when {@link #close()} was called.
     */
    public boolean await(short events, long deadline) throws IOException {
        int timeout = pollTimeout(deadline);
        if (timeout == PASSED) {
            return false;
        }
        MemorySegment fds = POLL_FDS.get();
        fds.set(JAVA_INT, 0, fd);
        fds.set(JAVA_SHORT, 4, events);
        fds.set(JAVA_SHORT, 6, (short) 0);
        fds.set(JAVA_INT, 8, wake);
        fds.set(JAVA_SHORT, 12, Libc.POLLIN);
        fds.set(JAVA_SHORT, 14, (short) 0);
        int r = Libc.poll(fds, 2, timeout);
        if (r < 0 && r != -Libc.EINTR) {
            throw new ErrnoException("poll", -r);
        }
        if (fds.get(JAVA_SHORT, 14) != 0) {
            throw new AsynchronousCloseException();
        }
        return true;
    }

    private static final int PASSED = Integer.MIN_VALUE;

    /** poll(2)'s timeout until {@code deadline}, rounded up to whole milliseconds: -1 for none, PASSED when it has. */
    private static int pollTimeout(long deadline) {
        if (deadline == NO_DEADLINE) {
            return -1;
        }
        long left = deadline - System.nanoTime();
        return left <= 0 ? PASSED : (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
    }

    /** Descriptors {@link #awaitAny} waits on at most. */
    public static final int MAX_WAIT_SET = 64;
    private static final ThreadLocal<MemorySegment> POLL_SET =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(2L * MAX_WAIT_SET * POLLFD_SIZE, Integer.BYTES));

    /**
     * As {@link #await}, on several descriptors at once: waits at most {@code timeoutMillis} (0: not at all, -1: for
     * ever) until some of {@code fds} are ready for {@code events} or a signal arrives, and marks in {@code ready}
     * which are (an error or hang-up counts, so that the next call reports it). The caller has {@link #enter() entered}
     * each. Returns how many are ready; throws {@link AsynchronousCloseException} when one of them was closed.
     */
    public static int awaitAny(WakeableFd[] fds, short events, int timeoutMillis, boolean[] ready) throws IOException {
        if (fds.length > MAX_WAIT_SET) {
            throw new IllegalArgumentException("at most " + MAX_WAIT_SET + " descriptors, got " + fds.length);
        }
        MemorySegment set = POLL_SET.get();
        for (int i = 0; i < fds.length; i++) {
            long at = 2L * i * POLLFD_SIZE;
            set.set(JAVA_INT, at, fds[i].fd);
            set.set(JAVA_SHORT, at + 4, events);
            set.set(JAVA_SHORT, at + 6, (short) 0);
            set.set(JAVA_INT, at + 8, fds[i].wake);
            set.set(JAVA_SHORT, at + 12, Libc.POLLIN);
            set.set(JAVA_SHORT, at + 14, (short) 0);
        }
        int r = Libc.poll(set, 2 * fds.length, timeoutMillis);
        if (r < 0 && r != -Libc.EINTR) {
            throw new ErrnoException("poll", -r);
        }
        int count = 0;
        for (int i = 0; i < fds.length; i++) {
            if (set.get(JAVA_SHORT, 2L * i * POLLFD_SIZE + 14) != 0) {
                throw new AsynchronousCloseException();
            }
            ready[i] = r > 0 && set.get(JAVA_SHORT, 2L * i * POLLFD_SIZE + 6) != 0;
            count += ready[i] ? 1 : 0;
        }
        return count;
    }

    /**
     * Wakes every waiting call (they throw {@link AsynchronousCloseException}), refuses new ones, and closes the
     * descriptor now or when the last call leaves. Idempotent.
     */
    @Override
    public void close() throws ErrnoException {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // Signal before marking closed: until marked, no call can release the eventfd under this write.
        int signalled = Libc.eventfdWrite(wake, 1);
        if ((state.getAndUpdate(s -> s | 1) >> 1) == 0) {
            release();
        }
        ErrnoException.check(signalled, "eventfd_write");
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            // close(2) frees the descriptor even when it reports an error, and nothing is left to do about one.
            Libc.close(fd);
            Libc.close(wake);
        }
    }
}
