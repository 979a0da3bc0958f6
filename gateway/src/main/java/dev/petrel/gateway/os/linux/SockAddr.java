package dev.petrel.gateway.os.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A socket address as the kernel takes it: a {@code struct sockaddr_in} (16 octets) or {@code sockaddr_in6} (28),
 * encoded once, so that a destination kept per SA costs nothing per packet. Immutable.
 */
public final class SockAddr {
    /** sizeof(struct sockaddr_in6), room for either family. */
    public static final int MAX_LENGTH = 28;
    private static final int IN_LENGTH = 16;
    private static final int PORT_OFFSET = 2;
    private static final int IN_ADDR_OFFSET = 4;
    private static final int IN6_ADDR_OFFSET = 8;
    private static final int IN6_SCOPE_OFFSET = 24;

    private final byte[] bytes;

    private SockAddr(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SockAddr of(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved: " + address);
        }
        return of(address.getAddress(), address.getPort());
    }

    /** {@code address} and {@code port} (0 for raw sockets); an IPv6 address keeps its scope id. */
    public static SockAddr of(InetAddress address, int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        byte[] a = address.getAddress();
        boolean v6 = a.length == 16;
        byte[] b = new byte[v6 ? MAX_LENGTH : IN_LENGTH];
        MemorySegment s = MemorySegment.ofArray(b);
        s.set(JAVA_SHORT_UNALIGNED, 0, (short) (v6 ? Libc.AF_INET6 : Libc.AF_INET));
        s.set(JAVA_BYTE, PORT_OFFSET, (byte) (port >>> 8));
        s.set(JAVA_BYTE, PORT_OFFSET + 1, (byte) port);
        MemorySegment.copy(a, 0, s, JAVA_BYTE, v6 ? IN6_ADDR_OFFSET : IN_ADDR_OFFSET, a.length);
        if (v6) {
            s.set(JAVA_INT_UNALIGNED, IN6_SCOPE_OFFSET, ((Inet6Address) address).getScopeId());
        }
        return new SockAddr(b);
    }

    /** The address the kernel wrote at {@code offset} in {@code memory}, {@code length} octets of it. */
    public static SockAddr read(MemorySegment memory, long offset, int length) {
        byte[] b = new byte[length];
        MemorySegment.copy(memory, JAVA_BYTE, offset, b, 0, length);
        SockAddr address = new SockAddr(b);
        if (length != IN_LENGTH && length != MAX_LENGTH
                || address.family() != (length == IN_LENGTH ? Libc.AF_INET : Libc.AF_INET6)) {
            throw new IllegalArgumentException("not a sockaddr_in or sockaddr_in6: " + length + " octets");
        }
        return address;
    }

    /** AF_INET or AF_INET6. */
    /** Copies the address of the sockaddr at {@code memory[offset, +length)} into {@code dst}; returns 4 or 16. */
    public static int copyAddress(MemorySegment memory, long offset, int length, byte[] dst) {
        boolean v6 = length > IN_LENGTH;
        int octets = v6 ? 16 : 4;
        MemorySegment.copy(memory, JAVA_BYTE, offset + (v6 ? IN6_ADDR_OFFSET : IN_ADDR_OFFSET), dst, 0, octets);
        return octets;
    }

    /** The port of the sockaddr at {@code memory[offset...]}. */
    public static int port(MemorySegment memory, long offset) {
        return ((memory.get(JAVA_BYTE, offset + PORT_OFFSET) & 0xff) << 8) | (memory.get(JAVA_BYTE, offset + PORT_OFFSET + 1) & 0xff);
    }

    public int family() {
        return segment().get(JAVA_SHORT_UNALIGNED, 0);
    }

    public int port() {
        return (bytes[PORT_OFFSET] & 0xff) << 8 | bytes[PORT_OFFSET + 1] & 0xff;
    }

    public InetAddress address() {
        try {
            if (family() == Libc.AF_INET) {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, IN_ADDR_OFFSET, IN_ADDR_OFFSET + 4));
            }
            int scope = segment().get(JAVA_INT_UNALIGNED, IN6_SCOPE_OFFSET);
            byte[] a = Arrays.copyOfRange(bytes, IN6_ADDR_OFFSET, IN6_ADDR_OFFSET + 16);
            return scope == 0 ? InetAddress.getByAddress(a) : Inet6Address.getByAddress(null, a, scope);
        } catch (UnknownHostException e) {
            throw new AssertionError("an address of 4 or 16 octets", e);
        }
    }

    public InetSocketAddress toInetSocketAddress() {
        return new InetSocketAddress(address(), port());
    }

    /** sizeof the structure: 16 or 28. */
    public int length() {
        return bytes.length;
    }

    /** The structure as a heap segment, for critical calls (which only read it). */
    MemorySegment segment() {
        return MemorySegment.ofArray(bytes);
    }

    /** Copies the structure to {@code offset} in {@code memory}. */
    public void copyTo(MemorySegment memory, long offset) {
        MemorySegment.copy(bytes, 0, memory, JAVA_BYTE, offset, bytes.length);
    }

    /** Whether the {@code length} octets at {@code offset} in {@code memory} are this structure; allocates nothing. */
    public boolean matches(MemorySegment memory, long offset, int length) {
        if (length != bytes.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (memory.get(JAVA_BYTE, offset + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SockAddr other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        InetAddress a = address();
        String host = a.getHostAddress();
        return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port();
    }
}
