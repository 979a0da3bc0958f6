package dev.petrel.gateway.os.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * libc calls through the FFM API. Each returns what the call returns, or minus errno when it fails (the kernel's own
 * convention), so that a caller can tell EAGAIN from a failure without an exception; {@link ErrnoException#check}
 * turns the rest into exceptions. errno is captured into native memory of the calling thread.
 *
 * <p>Calls marked critical run without a thread-state transition and may take heap segments (a {@code byte[]}
 * through {@link MemorySegment#ofArray}): only short calls that never block are marked so.
 */
@SuppressWarnings("restricted")
public final class Libc {
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;

    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = O_NONBLOCK;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPV6_V6ONLY = 26;
    public static final int MSG_TRUNC = 0x20;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    // open(2) and ioctl(2) are variadic; the calls pass exactly their fixed arguments and one pointer.
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL = downcall("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
            ERRNO_OPTION, CRITICAL);
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
            ERRNO_OPTION, CRITICAL);
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
            ERRNO_OPTION);
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT),
            ERRNO_OPTION);
    private static final MethodHandle EVENTFD_WRITE = downcall("eventfd_write", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG),
            ERRNO_OPTION);
    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            ERRNO_OPTION);
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
            ERRNO_OPTION, CRITICAL);
    private static final MethodHandle GETSOCKNAME = downcall("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERRNO_OPTION, CRITICAL);
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPTION, CRITICAL);
    private static final MethodHandle SENDTO = downcall("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), ERRNO_OPTION, CRITICAL);
    private static final MethodHandle SEND = downcall("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
            ERRNO_OPTION);
    private static final MethodHandle RECV = downcall("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
            ERRNO_OPTION);
    private static final MethodHandle RECVMMSG = downcall("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), ERRNO_OPTION);
    private static final MethodHandle SENDMMSG = downcall("sendmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), ERRNO_OPTION);
    private static final MethodHandle STRERROR = downcall("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {}

    /** open(2) without a mode. */
    public static int open(String path, int flags) {
        MemorySegment state = STATE.get();
        try (Arena arena = Arena.ofConfined()) {
            return result((int) OPEN.invokeExact(state, arena.allocateFrom(path), flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** ioctl(2) with a pointer argument (native memory: the call may sleep, e.g. when it creates a device). */
    public static int ioctl(int fd, long request, MemorySegment argument) {
        MemorySegment state = STATE.get();
        try {
            return result((int) IOCTL.invokeExact(state, fd, request, argument), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** close(2): not critical, closing the last descriptor of a device can take a while. */
    public static int close(int fd) {
        MemorySegment state = STATE.get();
        try {
            return result((int) CLOSE.invokeExact(state, fd), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** read(2) of up to {@code count} octets into {@code buffer} (heap or native); critical: non-blocking descriptors only. */
    public static long read(int fd, MemorySegment buffer, long count) {
        Objects.checkFromIndexSize(0, count, buffer.byteSize());
        MemorySegment state = STATE.get();
        try {
            return result((long) READ.invokeExact(state, fd, buffer, count), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(2) of the first {@code count} octets of {@code buffer} (heap or native); critical: non-blocking descriptors only. */
    public static long write(int fd, MemorySegment buffer, long count) {
        Objects.checkFromIndexSize(0, count, buffer.byteSize());
        MemorySegment state = STATE.get();
        try {
            return result((long) WRITE.invokeExact(state, fd, buffer, count), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** poll(2) over {@code count} pollfd structures (8 octets each: int fd, short events, short revents). */
    public static int poll(MemorySegment fds, int count, int timeoutMillis) {
        MemorySegment state = STATE.get();
        try {
            return result((int) POLL.invokeExact(state, fds, (long) count, timeoutMillis), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** eventfd(2) starting at zero. */
    public static int eventfd(int flags) {
        MemorySegment state = STATE.get();
        try {
            return result((int) EVENTFD.invokeExact(state, 0, flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** eventfd_write(3): adds {@code value} to the counter. */
    public static int eventfdWrite(int fd, long value) {
        MemorySegment state = STATE.get();
        try {
            return result((int) EVENTFD_WRITE.invokeExact(state, fd, value), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** socket(2). */
    public static int socket(int domain, int type, int protocol) {
        MemorySegment state = STATE.get();
        try {
            return result((int) SOCKET.invokeExact(state, domain, type, protocol), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** bind(2) to {@code address}; critical. */
    public static int bind(int fd, SockAddr address) {
        MemorySegment state = STATE.get();
        try {
            return result((int) BIND.invokeExact(state, fd, address.segment(), address.length()), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getsockname(2): {@code length} holds a socklen_t, the size of {@code address} in, the address's size out; critical. */
    public static int getsockname(int fd, MemorySegment address, MemorySegment length) {
        MemorySegment state = STATE.get();
        try {
            return result((int) GETSOCKNAME.invokeExact(state, fd, address, length), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** setsockopt(2) of an int option; critical. */
    public static int setsockopt(int fd, int level, int option, int value) {
        MemorySegment state = STATE.get();
        try {
            MemorySegment v = MemorySegment.ofArray(new int[] {value});
            return result((int) SETSOCKOPT.invokeExact(state, fd, level, option, v, Integer.BYTES), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** sendto(2) of {@code b[off, off+len)} to {@code to}; critical. */
    public static long sendto(int fd, byte[] b, int off, int len, int flags, SockAddr to) {
        MemorySegment state = STATE.get();
        try {
            return result((long) SENDTO.invokeExact(state, fd, MemorySegment.ofArray(b).asSlice(off, len), (long) len, flags,
                    to.segment(), to.length()), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** send(2) of all of {@code buffer} (native). */
    public static long send(int fd, MemorySegment buffer, int flags) {
        MemorySegment state = STATE.get();
        try {
            return result((long) SEND.invokeExact(state, fd, buffer, buffer.byteSize(), flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** recv(2) into all of {@code buffer} (native). */
    public static long recv(int fd, MemorySegment buffer, int flags) {
        MemorySegment state = STATE.get();
        try {
            return result((long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** recvmmsg(2) into {@code count} mmsghdr structures (native), without a timeout. */
    public static int recvmmsg(int fd, MemorySegment messages, int count, int flags) {
        MemorySegment state = STATE.get();
        try {
            return result((int) RECVMMSG.invokeExact(state, fd, messages, count, flags, MemorySegment.NULL), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** sendmmsg(2) of {@code count} mmsghdr structures (native). */
    public static int sendmmsg(int fd, MemorySegment messages, int count, int flags) {
        MemorySegment state = STATE.get();
        try {
            return result((int) SENDMMSG.invokeExact(state, fd, messages, count, flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** strerror(3): the C library's text for {@code errno}. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int result(int r, MemorySegment state) {
        return r < 0 ? -(int) ERRNO.get(state, 0L) : r;
    }

    private static long result(long r, MemorySegment state) {
        return r < 0 ? -(int) ERRNO.get(state, 0L) : r;
    }

    /** Downcalls throw nothing checked: what invokeExact declares is rethrown as it is, or wrapped. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException("native call failed", t);
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, options);
    }
}
