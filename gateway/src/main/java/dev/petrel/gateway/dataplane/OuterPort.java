package dev.petrel.gateway.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network side of the data plane: the NAT-T UDP socket (ESP in UDP, RFC 3948, and the IKE messages that share
 * it) and raw IP sockets for ESP and AH. {@link #receive} is called by the inbound worker only; the send methods
 * from any thread; the queue methods and {@link #flush} by the outbound worker only, which queues a burst of
 * protected packets and sends them with one system call where the port can.
 */
public interface OuterPort {
    /**
     * Receives one datagram into {@code buf[off, off+max)}, waiting at most {@code timeoutMillis}, and says in
     * {@code out} what it was and where it came from.
     *
     * @return false when none came in time
     */
    boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException;

    /** Sends {@code buf[off, off+len)} as a UDP datagram from our NAT-T port to {@code peer}. */
    void sendUdp(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException;

    /** Sends {@code buf[off, off+len)}, an ESP or AH packet without IP header, as IP protocol {@code protocol}. */
    void sendRaw(InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException;

    /** Queues {@code buf[off, off+len)} (copied) to go to {@code peer} in UDP at the next {@link #flush}; by default sends it now. */
    default void queueUdp(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        sendUdp(peer, buf, off, len);
    }

    /** Queues a raw ESP or AH packet (copied) for the next {@link #flush}; by default sends it now. */
    default void queueRaw(InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException {
        sendRaw(peer, protocol, buf, off, len);
    }

    /** Sends what was queued. */
    default void flush() throws IOException {
    }
}
