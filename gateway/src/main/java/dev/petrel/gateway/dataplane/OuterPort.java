package dev.petrel.gateway.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network side of the data plane: the UDP sockets of the IKE port and the NAT-T port (ESP in UDP, RFC 3948, and
 * the IKE messages that share it) and raw IP sockets for ESP. {@link #receive} is called by the inbound worker only;
 * {@link #sendIke} from any thread; the queue methods and {@link #flush} by the outbound worker only, which queues a
 * burst of protected packets and sends them with one system call where the port can.
 */
public interface OuterPort {
    /**
     * Receives one datagram into {@code buf[off, off+max)}, waiting at most {@code timeoutMillis} (0: not at all),
     * and says in {@code out} what it was and where it came from.
     *
     * @return false when none came in time
     */
    boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException;

    /** Sends an IKE datagram (with the non-ESP marker on the NAT-T port) from our UDP endpoint {@code local}. */
    void sendIke(InetSocketAddress local, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException;

    /**
     * Queues {@code buf[off, off+len)} (copied) to go from the NAT-T port of our address {@code local} to {@code peer}
     * at the next {@link #flush}.
     */
    void queueUdp(InetAddress local, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException;

    /**
     * Queues a raw ESP or AH packet (copied) for the next {@link #flush}: without its IP header, except AH over IPv4,
     * which keeps the header its ICV covers.
     */
    void queueRaw(InetAddress local, InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException;

    /** Sends what was queued. */
    void flush() throws IOException;
}
