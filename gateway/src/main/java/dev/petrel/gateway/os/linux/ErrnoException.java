package dev.petrel.gateway.os.linux;

import java.io.IOException;

/** A system call that failed: which call (with what it acted on) and the errno, with the C library's text for it. */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /** E.g. {@code new ErrnoException("bind(192.0.2.9)", 99)}: "bind(192.0.2.9): Cannot assign requested address (errno 99)". */
    public ErrnoException(String call, int errno) {
        this(call, errno, null);
    }

    /** With what the kernel said besides the errno (a netlink extended acknowledgement), when it said anything. */
    public ErrnoException(String call, int errno, String detail) {
        super(call + ": " + Libc.strerror(errno) + " (errno " + errno + ")" + (detail == null ? "" : ": " + detail));
        this.call = call;
        this.errno = errno;
    }

    /** Returns {@code result}, a {@link Libc} result, when it is not negative; otherwise throws for the errno it holds. */
    public static long check(long result, String call) throws ErrnoException {
        if (result < 0) {
            throw new ErrnoException(call, (int) -result);
        }
        return result;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
