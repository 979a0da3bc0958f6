package dev.petrel.gateway.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The network side of the data plane: the NAT-T UDP socket (ESP in UDP, RFC 3948, and the IKE messages that share
 * it) and raw IP sockets for ESP and AH. {@link #receive} is called by the inbound worker only; the send methods
 * from any thread.
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
}
