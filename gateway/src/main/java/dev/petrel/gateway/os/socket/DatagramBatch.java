package dev.petrel.gateway.os.socket;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.SockAddr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.Objects;

/**
 * Up to {@link #capacity()} datagrams with their peers, in native memory laid out for recvmmsg(2) and sendmmsg(2):
 * one {@code struct mmsghdr}, one iovec, one sockaddr and one buffer of {@link #slotSize()} octets per datagram, all
 * allocated once. A {@link BatchSocket} receives into it or sends from it; the caller fills it with {@link #add}
 * and reads it with {@link #length}, {@link #copy}, {@link #octet} and {@link #peerEquals}, none of which allocates.
 * Not thread-safe: one batch per thread.
 */
public final class DatagramBatch {
    /** struct msghdr on LP64 Linux. */
    private static final StructLayout MSGHDR = MemoryLayout.structLayout(
            ADDRESS.withName("msg_name"), JAVA_INT.withName("msg_namelen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("msg_iov"), JAVA_LONG.withName("msg_iovlen"),
            ADDRESS.withName("msg_control"), JAVA_LONG.withName("msg_controllen"),
            JAVA_INT.withName("msg_flags"), MemoryLayout.paddingLayout(4));
    private static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("msg_hdr"), JAVA_INT.withName("msg_len"), MemoryLayout.paddingLayout(4));
    private static final StructLayout IOVEC = MemoryLayout.structLayout(ADDRESS.withName("iov_base"), JAVA_LONG.withName("iov_len"));
    private static final long NAME = offset("msg_name");
    private static final long NAMELEN = offset("msg_namelen");
    private static final long IOV = offset("msg_iov");
    private static final long IOVLEN = offset("msg_iovlen");
    private static final long FLAGS = offset("msg_flags");
    private static final long MSG_LEN = MMSGHDR.byteOffset(groupElement("msg_len"));
    private static final long IOV_BASE = IOVEC.byteOffset(groupElement("iov_base"));
    private static final long IOV_LEN = IOVEC.byteOffset(groupElement("iov_len"));

    private final int capacity;
    private final int slotSize;
    private final MemorySegment headers;
    private final MemorySegment iovecs;
    private final MemorySegment names;
    private final MemorySegment buffers;
    /** Where each datagram starts in its slot: 0, or past an IPv4 header a raw socket delivered. */
    private final int[] start;
    private final int[] length;
    private final int[] nameLength;
    private final int[] flags;
    private final int[] error;
    private int count;

    /** Room for {@code capacity} datagrams of up to {@code slotSize} octets each. */
    public DatagramBatch(int capacity, int slotSize) {
        if (capacity < 1 || slotSize < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", slot size " + slotSize);
        }
        this.capacity = capacity;
        this.slotSize = slotSize;
        Arena arena = Arena.ofAuto();
        headers = arena.allocate(MMSGHDR, capacity);
        iovecs = arena.allocate(IOVEC, capacity);
        names = arena.allocate((long) SockAddr.MAX_LENGTH * capacity, Long.BYTES);
        buffers = arena.allocate((long) slotSize * capacity, Long.BYTES);
        start = new int[capacity];
        length = new int[capacity];
        nameLength = new int[capacity];
        flags = new int[capacity];
        error = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            long h = header(i);
            headers.set(ADDRESS, h + NAME, names.asSlice(name(i)));
            headers.set(ADDRESS, h + IOV, iovecs.asSlice(IOVEC.byteSize() * i));
            headers.set(JAVA_LONG, h + IOVLEN, 1);
        }
    }

    public int capacity() {
        return capacity;
    }

    public int slotSize() {
        return slotSize;
    }

    /** How many datagrams the batch holds: as received, or as added for sending. */
    public int count() {
        return count;
    }

    /** Empties the batch, to add datagrams to send. */
    public void clear() {
        count = 0;
    }

    /**
     * Adds a copy of {@code b[off, off+len)} to send to {@code to}; returns its index. Throws
     * {@link IllegalStateException} when the batch is full.
     */
    public int add(byte[] b, int off, int len, SockAddr to) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > slotSize) {
            throw new IllegalArgumentException("a datagram of " + len + " octets in slots of " + slotSize);
        }
        if (count == capacity) {
            throw new IllegalStateException("the batch is full: " + capacity);
        }
        int i = count++;
        MemorySegment.copy(b, off, buffers, JAVA_BYTE, slot(i), len);
        to.copyTo(names, name(i));
        start[i] = 0;
        length[i] = len;
        nameLength[i] = to.length();
        flags[i] = 0;
        error[i] = 0;
        return i;
    }

    /** The length of datagram {@code i}. */
    public int length(int i) {
        return length[Objects.checkIndex(i, count)];
    }

    /** Octet {@code index} of datagram {@code i}, e.g. to classify it before copying it. */
    public byte octet(int i, int index) {
        return buffers.get(JAVA_BYTE, slot(i) + start[i] + Objects.checkIndex(index, length(i)));
    }

    /** Copies datagram {@code i} to {@code dst[off...]}; returns its length. */
    public int copy(int i, byte[] dst, int off) {
        int len = length(i);
        MemorySegment.copy(buffers, JAVA_BYTE, slot(i) + start[i], dst, off, len);
        return len;
    }

    /** Datagram {@code i} in native memory, valid until the batch is used again. */
    public MemorySegment data(int i) {
        return buffers.asSlice(slot(i) + start[i], length(i));
    }

    /** Whether datagram {@code i} was longer than a slot and cut short (MSG_TRUNC). */
    public boolean truncated(int i) {
        return (flags[Objects.checkIndex(i, count)] & Libc.MSG_TRUNC) != 0;
    }

    /** Where datagram {@code i} came from (received) or goes (added). Allocates: for new peers, not per packet. */
    public SockAddr peer(int i) {
        return SockAddr.read(names, name(Objects.checkIndex(i, count)), nameLength[i]);
    }

    /**
     * Copies the address of datagram {@code i}'s peer (4 or 16 octets) into {@code dst} and returns its length;
     * allocates nothing.
     */
    public int peerAddress(int i, byte[] dst) {
        return SockAddr.copyAddress(names, name(Objects.checkIndex(i, count)), nameLength[i], dst);
    }

    /** The port of datagram {@code i}'s peer (0 for raw sockets); allocates nothing. */
    public int peerPort(int i) {
        return SockAddr.port(names, name(Objects.checkIndex(i, count)));
    }

    /** Whether datagram {@code i}'s peer is {@code address}; allocates nothing. */
    public boolean peerEquals(int i, SockAddr address) {
        return address.matches(names, name(Objects.checkIndex(i, count)), nameLength[i]);
    }

    /** After a send: 0 when datagram {@code i} was sent, else the errno the kernel refused it with. */
    public int error(int i) {
        return error[Objects.checkIndex(i, count)];
    }

    /** The mmsghdr array from datagram {@code from} on (without a new segment when from the start). */
    MemorySegment headers(int from) {
        return from == 0 ? headers : headers.asSlice(header(from));
    }

    /** Readies every slot for recvmmsg: whole buffers, room for either sockaddr. */
    void prepareReceive() {
        for (int i = 0; i < capacity; i++) {
            long h = header(i);
            headers.set(JAVA_INT, h + NAMELEN, SockAddr.MAX_LENGTH);
            iovec(i, 0, slotSize);
        }
    }

    /** Takes in what recvmmsg wrote for the first {@code n} slots. */
    void received(int n) {
        count = n;
        for (int i = 0; i < n; i++) {
            long h = header(i);
            start[i] = 0;
            length[i] = Math.min(headers.get(JAVA_INT, h + MSG_LEN), slotSize);
            nameLength[i] = headers.get(JAVA_INT, h + NAMELEN);
            flags[i] = headers.get(JAVA_INT, h + FLAGS);
            error[i] = 0;
        }
    }

    /** Drops the first {@code octets} of datagram {@code i} (a raw IPv4 socket's IP header). */
    void skip(int i, int octets) {
        int n = Math.min(octets, length(i));
        start[i] += n;
        length[i] -= n;
    }

    /** Readies the datagrams held for sendmmsg. */
    void prepareSend() {
        for (int i = 0; i < count; i++) {
            headers.set(JAVA_INT, header(i) + NAMELEN, nameLength[i]);
            iovec(i, start[i], length[i]);
            error[i] = 0;
        }
    }

    void refused(int i, int errno) {
        error[i] = errno;
    }

    private void iovec(int i, int from, int len) {
        long v = IOVEC.byteSize() * i;
        iovecs.set(JAVA_LONG, v + IOV_BASE, buffers.address() + slot(i) + from); // a pointer, without a segment for it
        iovecs.set(JAVA_LONG, v + IOV_LEN, len);
    }

    private long header(int i) {
        return MMSGHDR.byteSize() * i;
    }

    private long slot(int i) {
        return (long) slotSize * i;
    }

    private static long name(int i) {
        return (long) SockAddr.MAX_LENGTH * i;
    }

    private static long offset(String field) {
        return MMSGHDR.byteOffset(groupElement("msg_hdr"), groupElement(field));
    }
}
