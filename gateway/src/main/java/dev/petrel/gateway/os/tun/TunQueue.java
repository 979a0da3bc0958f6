package dev.petrel.gateway.os.tun;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.WakeableFd;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

/**
 * One queue of a {@link TunDevice}: a descriptor of /dev/net/tun attached to the device, through which whole IP
 * packets go, one per read or write, with no header before them (IFF_NO_PI). Nothing is allocated per packet. A
 * segment (heap or native) goes straight to the kernel, through a critical downcall, so a caller that keeps its
 * segments (say {@code MemorySegment.ofArray(buffer).asSlice(headroom)}, made once) has no copy either; an array
 * goes through a native buffer of the calling thread and costs one copy: making a segment for it per call would
 * allocate whenever the JIT fails to keep that segment off the heap, which it does now and then.
 *
 * <p>A packet longer than the room given is cut to it, so give at least the device's MTU. Any number of threads may
 * read and write; the kernel hands each packet to one reader. Blocked reads end with
 * {@link java.nio.channels.AsynchronousCloseException} when the device is closed.
 */
public final class TunQueue {
    /** The longest IPv4 packet; longer IPv6 jumbograms do not cross a TUN device. */
    private static final int MAX_PACKET = 65_535;
    /** Each thread's native buffer for packets to and from arrays. */
    private static final ThreadLocal<MemorySegment> BOUNCE = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(MAX_PACKET));

    private final String device;
    private final WakeableFd fd;

    TunQueue(String device, WakeableFd fd) {
        this.device = device;
        this.fd = fd;
    }

    /** Reads the next packet into {@code b[off, off+len)}, waiting for one; returns its length. */
    public int read(byte[] b, int off, int len) throws IOException {
        return read(b, off, len, (Duration) null);
    }

    /** As {@link #read(byte[], int, int)}, waiting at most {@code timeout} (null: no limit): 0 when no packet came. */
    public int read(byte[] b, int off, int len, Duration timeout) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        MemorySegment bounce = BOUNCE.get();
        int n = read(bounce, Math.min(len, MAX_PACKET), WakeableFd.deadline(timeout));
        MemorySegment.copy(bounce, JAVA_BYTE, 0, b, off, n);
        return n;
    }

    /** Reads the next packet into {@code buffer}, waiting at most {@code timeout} (null: no limit): 0 when none came. */
    public int read(MemorySegment buffer, Duration timeout) throws IOException {
        return read(buffer, buffer.byteSize(), WakeableFd.deadline(timeout));
    }

    /** Writes the IPv4 or IPv6 packet {@code b[off, off+len)}: the kernel receives it as if from a link. */
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > MAX_PACKET) {
            throw new IllegalArgumentException("an IP packet of " + len + " octets");
        }
        MemorySegment bounce = BOUNCE.get();
        MemorySegment.copy(b, off, bounce, JAVA_BYTE, 0, len);
        write(bounce, len);
    }

    /** Writes the IPv4 or IPv6 packet that is all of {@code packet}. */
    public void write(MemorySegment packet) throws IOException {
        write(packet, packet.byteSize());
    }

    private int read(MemorySegment buffer, long count, long deadline) throws IOException {
        fd.enter();
        try {
            long n;
            while ((n = Libc.read(fd.fd(), buffer, count)) == -Libc.EAGAIN && fd.await(Libc.POLLIN, deadline)) { }
            if (n == -Libc.EAGAIN) {
                return 0;
            }
            if (n < 0) {
                throw new ErrnoException("read(" + device + ")", (int) -n);
            }
            return (int) n;
        } finally {
            fd.exit();
        }
    }

    private void write(MemorySegment packet, long count) throws IOException {
        fd.enter();
        try {
            long n;
            while ((n = Libc.write(fd.fd(), packet, count)) == -Libc.EAGAIN && fd.await(Libc.POLLOUT, WakeableFd.NO_DEADLINE)) { }
            if (n < 0) {
                throw new ErrnoException("write(" + device + ")", (int) -n);
            }
        } finally {
            fd.exit();
        }
    }

    void close() throws IOException {
        fd.close();
    }
}
