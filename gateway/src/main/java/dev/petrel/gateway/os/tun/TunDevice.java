package dev.petrel.gateway.os.tun;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.WakeableFd;
import dev.petrel.gateway.os.netlink.Interfaces;
import dev.petrel.gateway.os.netlink.RtNetlink;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TUN device (IFF_TUN | IFF_NO_PI) in the network namespace of the thread that opened it, with its queues and an
 * rtnetlink socket for its configuration (MTU, up, addresses), so that it can be configured from any thread.
 * Not persistent: closing it, or the death of the process, removes it. Thread-safe.
 */
public final class TunDevice implements AutoCloseable {
    private static final String CLONE_DEVICE = "/dev/net/tun";
    /** _IOW('T', 202, int). */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final short IFF_MULTI_QUEUE = 0x0100;
    private static final int IFF_VNET_HDR = 0x4000;
    /** _IOW('T', 208, unsigned int): the offloads the reader takes (its argument is the value itself). */
    private static final long TUNSETOFFLOAD = 0x400454d0L;
    /** _IOW('T', 216, int). */
    private static final long TUNSETVNETHDRSZ = 0x400454d8L;
    private static final int TUN_F_CSUM = 0x01;
    private static final int TUN_F_TSO4 = 0x02;
    private static final int TUN_F_TSO6 = 0x04;
    /** struct ifreq: the name (IFNAMSIZ octets with its NUL), then a union whose ifr_flags TUNSETIFF reads. */
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;

    private final String name;
    private final int index;
    private final List<TunQueue> queues;
    private final RtNetlink netlink;

    private final boolean offloads;

    private TunDevice(String name, int index, List<TunQueue> queues, RtNetlink netlink, boolean offloads) {
        this.offloads = offloads;
        this.name = name;
        this.index = index;
        this.queues = List.copyOf(queues);
        this.netlink = netlink;
    }

    /**
     * Creates a device with one queue. {@code name} is a name (up to 15 characters) or a template in which the
     * kernel replaces {@code %d} with the first free number, e.g. {@code petrel%d}.
     */
    public static TunDevice open(String name) throws IOException {
        return open(name, IFF_TUN | IFF_NO_PI, 1);
    }

    /**
     * Creates a device whose packets carry a {@link VirtioNetHeader} both ways (IFF_VNET_HDR) and that hands the reader
     * TCP segments of up to 64 KiB with their checksums left to it (TUN_F_TSO4, TUN_F_TSO6, TUN_F_CSUM): one read
     * brings what would take dozens, and {@link TcpSegmenter} cuts them to size.
     */
    public static TunDevice openWithOffloads(String name) throws IOException {
        return open(name, IFF_TUN | IFF_NO_PI | IFF_VNET_HDR, 1);
    }

    /**
     * Creates a device with IFF_MULTI_QUEUE and {@code queues} queues (the kernel spreads packets over them by flow),
     * e.g. one per reading thread.
     */
    public static TunDevice openMultiQueue(String name, int queues) throws IOException {
        if (queues < 1) {
            throw new IllegalArgumentException("queues: " + queues);
        }
        return open(name, IFF_TUN | IFF_NO_PI | IFF_MULTI_QUEUE, queues);
    }

    private static TunDevice open(String requested, int flags, int count) throws IOException {
        if (requested.isEmpty() || requested.length() >= IFNAMSIZ || !StandardCharsets.US_ASCII.newEncoder().canEncode(requested)) {
            throw new IllegalArgumentException("not an interface name (1 to 15 ASCII characters): " + requested);
        }
        List<TunQueue> queues = new ArrayList<>();
        try {
            String name = requested;
            for (int i = 0; i < count; i++) { // the first creates the device, the others attach to it by its name
                WakeableFd fd = WakeableFd.of((int) ErrnoException.check(
                        Libc.open(CLONE_DEVICE, Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC), "open(" + CLONE_DEVICE + ")"));
                try {
                    name = setIff(fd.fd(), name, flags);
                    if ((flags & IFF_VNET_HDR) != 0) {
                        offload(fd.fd(), name);
                    }
                } catch (IOException | RuntimeException e) {
                    closeAll(List.of(fd), e);
                    throw e;
                }
                queues.add(new TunQueue(name, fd));
            }
            RtNetlink netlink = RtNetlink.open();
            try {
                return new TunDevice(name, Interfaces.link(netlink, name).index(), queues, netlink, (flags & IFF_VNET_HDR) != 0);
            } catch (IOException | RuntimeException e) {
                closeAll(List.of(netlink), e);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            closeAll(queues.stream().<AutoCloseable>map(q -> q::close).toList(), e);
            throw e;
        }
    }

    /** TUNSETIFF: creates or attaches to the device; returns its name (the template's number filled in). */
    private static String setIff(int fd, String name, int flags) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ifreq = arena.allocate(IFREQ_SIZE);
            ifreq.setString(0, name, StandardCharsets.US_ASCII);
            ifreq.set(JAVA_SHORT, IFNAMSIZ, (short) flags);
            ErrnoException.check(Libc.ioctl(fd, TUNSETIFF, ifreq), "TUNSETIFF(" + name + ")");
            return ifreq.getString(0, StandardCharsets.US_ASCII);
        }
    }

    /** Sets the virtio header to its 10-octet form and takes TCP segmentation and checksum offloads. */
    private static void offload(int fd, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_INT);
            size.set(JAVA_INT, 0, VirtioNetHeader.LENGTH);
            ErrnoException.check(Libc.ioctl(fd, TUNSETVNETHDRSZ, size), "TUNSETVNETHDRSZ(" + name + ")");
        }
        // TUNSETOFFLOAD takes its flags by value where the call passes a pointer: the same register on x86-64 and arm64
        ErrnoException.check(Libc.ioctl(fd, TUNSETOFFLOAD, MemorySegment.ofAddress(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)),
                "TUNSETOFFLOAD(" + name + ")");
    }

    /** Whether packets carry a {@link VirtioNetHeader} both ways ({@link #openWithOffloads}). */
    public boolean offloads() {
        return offloads;
    }

    /** The device's name, e.g. petrel0. */
    public String name() {
        return name;
    }

    /** The device's interface index, e.g. for {@link dev.petrel.gateway.os.route.Routes}. */
    public int index() {
        return index;
    }

    public int queueCount() {
        return queues.size();
    }

    /** Queue {@code i}, from 0 to {@link #queueCount()} - 1. */
    public TunQueue queue(int i) {
        return queues.get(i);
    }

    public int mtu() throws IOException {
        return Interfaces.link(netlink, index).mtu();
    }

    public void setMtu(int mtu) throws IOException {
        Interfaces.setMtu(netlink, index, mtu);
    }

    /** Lets {@code packets} wait for the device's readers (the kernel drops beyond; a TUN device starts with 500). */
    public void setTransmitQueueLength(int packets) throws IOException {
        Interfaces.setTransmitQueueLength(netlink, index, packets);
    }

    /** Brings the device up (IFF_UP). */
    public void up() throws IOException {
        Interfaces.setUp(netlink, index, true);
    }

    /** Adds {@code address}/{@code prefixLength} (IPv4 or IPv6) to the device. */
    public void addAddress(InetAddress address, int prefixLength) throws IOException {
        Interfaces.addAddress(netlink, index, address, prefixLength);
    }

    /** Removes {@code address}/{@code prefixLength} from the device, e.g. a virtual IP whose IKE SA is gone. */
    public void removeAddress(InetAddress address, int prefixLength) throws IOException {
        Interfaces.removeAddress(netlink, index, address, prefixLength);
    }

    /**
     * Closes every queue (blocked reads end with {@link java.nio.channels.AsynchronousCloseException}) and the
     * netlink socket. The kernel removes the device once the last queue's descriptor is closed: at once, or as soon
     * as the calls still running have returned.
     */
    @Override
    public void close() throws IOException {
        IOException failure = new IOException("closing " + name);
        List<AutoCloseable> all = new ArrayList<>();
        queues.forEach(q -> all.add(q::close));
        all.add(netlink);
        closeAll(all, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Closes each of {@code resources}, adding what they throw to {@code failure}. */
    private static void closeAll(List<? extends AutoCloseable> resources, Exception failure) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
