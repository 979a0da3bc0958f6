package dev.petrel.gateway.os.socket;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.SockAddr;
import dev.petrel.gateway.os.linux.WakeableFd;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * A bound, non-blocking datagram socket that receives and sends {@link DatagramBatch}es. Any number of threads may
 * use it, each with its own batch. {@link #close()} from any thread ends blocked calls with
 * {@link java.nio.channels.AsynchronousCloseException}.
 */
public abstract sealed class BatchSocket implements AutoCloseable permits UdpSocket, RawIpSocket {
    private final WakeableFd fd;
    private final SockAddr local;

    /** socket(2) of {@code local}'s family, {@code type} and {@code protocol}, bound to {@code local}. */
    BatchSocket(int type, int protocol, SockAddr local) throws IOException {
        String what = (type == Libc.SOCK_DGRAM ? "udp " : "raw " + protocol + " ") + local;
        int s = (int) ErrnoException.check(Libc.socket(local.family(), type | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, protocol),
                "socket(" + what + ")");
        fd = WakeableFd.of(s);
        try {
            if (local.family() == Libc.AF_INET6 && type == Libc.SOCK_DGRAM) {
                // One socket per family: an IPv6 socket bound to :: takes no IPv4 datagrams.
                ErrnoException.check(Libc.setsockopt(s, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, 1), "setsockopt(IPV6_V6ONLY)");
            }
            ErrnoException.check(Libc.bind(s, local), "bind(" + what + ")");
            MemorySegment bound = MemorySegment.ofArray(new byte[SockAddr.MAX_LENGTH]);
            MemorySegment length = MemorySegment.ofArray(new int[] {SockAddr.MAX_LENGTH});
            ErrnoException.check(Libc.getsockname(s, bound, length), "getsockname(" + what + ")");
            this.local = SockAddr.read(bound, 0, length.get(JAVA_INT, 0));
        } catch (IOException | RuntimeException e) {
            try {
                fd.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The address bound, with the port the kernel chose if asked for port 0. */
    public SockAddr localAddress() {
        return local;
    }

    /** Receives into {@code batch} as many datagrams as are waiting, up to its capacity, waiting for one; returns how many. */
    public int receive(DatagramBatch batch) throws IOException {
        return receive(batch, WakeableFd.NO_DEADLINE);
    }

    /** As {@link #receive(DatagramBatch)}, waiting at most {@code timeout}: 0 when nothing came. */
    public int receive(DatagramBatch batch, Duration timeout) throws IOException {
        return receive(batch, WakeableFd.deadline(timeout));
    }

    /**
     * Sends the datagrams in {@code batch}, waiting for room in the socket's buffer as needed. A datagram the kernel
     * refuses (no route, too long ...) is skipped and its errno kept in {@link DatagramBatch#error}; returns how many
     * were sent.
     */
    public int send(DatagramBatch batch) throws IOException {
        fd.enter();
        try {
            batch.prepareSend();
            int sent = 0;
            int next = 0;
            while (next < batch.count()) { // each round sends or refuses a datagram, or waits for room
                int n = Libc.sendmmsg(fd.fd(), batch.headers(next), batch.count() - next, 0);
                if (n > 0) {
                    next += n;
                    sent += n;
                } else if (n == -Libc.EAGAIN || n == -Libc.EINTR) {
                    fd.await(Libc.POLLOUT, WakeableFd.NO_DEADLINE);
                } else {
                    // sendmmsg reports the error of the first datagram it could not send
                    batch.refused(next++, -n);
                }
            }
            return sent;
        } finally {
            fd.exit();
        }
    }

    /**
     * Sends one datagram, {@code b[off, off+len)}, to {@code to}, straight from the array: for IKE messages and other
     * single datagrams (the data plane sends batches). Throws an {@link ErrnoException} when the kernel refuses it.
     */
    public void send(byte[] b, int off, int len, SockAddr to) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        fd.enter();
        try {
            long n;
            while ((n = Libc.sendto(fd.fd(), b, off, len, 0, to)) == -Libc.EAGAIN && fd.await(Libc.POLLOUT, WakeableFd.NO_DEADLINE)) { }
            if (n < 0) {
                throw new ErrnoException("sendto(" + to + ")", (int) -n);
            }
        } finally {
            fd.exit();
        }
    }

    /**
     * Asks for socket buffers of {@code bytes} each way, so that bursts wait instead of being dropped: beyond the
     * system's limit when the process may (CAP_NET_ADMIN), else up to that limit.
     */
    public void bufferSizes(int bytes) throws IOException {
        for (int[] option : new int[][] {{Libc.SO_RCVBUFFORCE, Libc.SO_RCVBUF}, {Libc.SO_SNDBUFFORCE, Libc.SO_SNDBUF}}) {
            try {
                option(Libc.SOL_SOCKET, option[0], bytes, "buffer size");
            } catch (ErrnoException notPermitted) {
                option(Libc.SOL_SOCKET, option[1], bytes, "buffer size");
            }
        }
    }

    /** setsockopt(2) of an int option; {@code what} names it in the error. */
    final void option(int level, int option, int value, String what) throws IOException {
        fd.enter();
        try {
            ErrnoException.check(Libc.setsockopt(fd.fd(), level, option, value), "setsockopt(" + what + ")");
        } finally {
            fd.exit();
        }
    }

    /**
     * Binds the socket to a network device (SO_BINDTODEVICE, socket(7)): what it sends leaves by that device, whatever
     * more specific routes elsewhere say. The gateway's own IKE and ESP thus never enter its TUN device, even when a
     * tunnel's remote selectors cover the peer's address (transport mode, or a tunnel to 0.0.0.0/0).
     */
    public void bindToDevice(String device) throws IOException {
        byte[] name = (device + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        fd.enter();
        try {
            ErrnoException.check(Libc.setsockopt(fd.fd(), Libc.SOL_SOCKET, Libc.SO_BINDTODEVICE, MemorySegment.ofArray(name)),
                    "setsockopt(SO_BINDTODEVICE " + device + ")");
        } finally {
            fd.exit();
        }
    }

    /** The descriptor, for a {@link SocketSet} to wait on. */
    final WakeableFd descriptor() {
        return fd;
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }

    /** What a subclass does to datagrams just received. */
    abstract void received(DatagramBatch batch);

    private int receive(DatagramBatch batch, long deadline) throws IOException {
        fd.enter();
        try {
            batch.prepareReceive();
            int n;
            while ((n = Libc.recvmmsg(fd.fd(), batch.headers(0), batch.capacity(), 0)) == -Libc.EAGAIN && fd.await(Libc.POLLIN, deadline)) { }
            if (n == -Libc.EAGAIN) {
                n = 0;
            } else if (n < 0) {
                throw new ErrnoException("recvmmsg(" + local + ")", -n);
            }
            batch.received(n);
            received(batch);
            return n;
        } finally {
            fd.exit();
        }
    }
}
