package dev.petrel.gateway.dataplane;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What {@link OuterPort#receive} got, reused per datagram so that receiving allocates nothing: its length, how it
 * came, the sender and the local socket it reached. A raw arrival is the ESP or AH packet without its IP header
 * except for {@link Kind#RAW_IPV4}; on the NAT-T port a datagram starts with the non-ESP marker, an ESP header, or is
 * a keepalive.
 */
public final class Arrival {
    /** How a datagram came in. */
    public enum Kind {
        /** On the IKE port: IKE only. */
        IKE_UDP,
        /** On the NAT-T port: IKE behind the non-ESP marker, ESP, or keepalives (RFC 3948 §2). */
        NAT_T_UDP,
        /** A raw ESP or AH packet alone. */
        RAW,
        /** A raw AH packet over IPv4 with its IPv4 header, which AH's ICV covers. */
        RAW_IPV4
    }

    private final byte[] source = new byte[16];
    private int sourceLength;
    private int sourcePort;
    private int length;
    private Kind kind;
    private int protocol;
    private InetSocketAddress local;

    /**
     * Records one arrival.
     *
     * @param protocol the IP protocol of a raw arrival (ESP or AH); ignored for UDP
     * @param address the sender's address, 4 or 16 octets from {@code addressOffset}
     * @param local our socket's address (a shared instance: the port's own)
     */
    public void set(int length, Kind kind, int protocol, byte[] address, int addressOffset, int addressLength, int port,
                    InetSocketAddress local) {
        this.length = length;
        this.kind = kind;
        this.protocol = protocol;
        System.arraycopy(address, addressOffset, source, 0, addressLength);
        this.sourceLength = addressLength;
        this.sourcePort = port;
        this.local = local;
    }

    public int length() {
        return length;
    }

    public Kind kind() {
        return kind;
    }

    public int protocol() {
        return protocol;
    }

    /** The sender as a socket address (port 0 for raw arrivals); allocates, so only for the rare IKE datagram. */
    public InetSocketAddress source() {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOf(source, sourceLength)), sourcePort);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + sourceLength + " octets", e);
        }
    }

    /** Our socket the datagram reached (port 0 for raw arrivals). */
    public InetSocketAddress local() {
        return local;
    }
}
