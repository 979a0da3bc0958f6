package dev.petrel.gateway.os.socket;

import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.SockAddr;
import java.io.IOException;
import java.net.InetAddress;

/**
 * A raw socket of one IP protocol, bound to a local address: it receives every packet of that protocol sent to the
 * address, and sends them to peers. Needs CAP_NET_RAW.
 * <ul>
 * <li>ESP ({@link #esp}): the kernel builds the outer IP header; received datagrams are the ESP packets alone (the
 *     IPv4 header a raw IPv4 socket gets is skipped).</li>
 * <li>AH ({@link #ah}): over IPv4 the caller's packets include their IPv4 header (IP_HDRINCL) and received ones keep
 *     theirs, because AH's ICV covers the header's immutable fields, the identification among them (RFC 4302
 *     §3.3.3.1.1.1), which the kernel would otherwise choose; IPv6 raw sockets carry the AH packet alone both ways.</li>
 * </ul>
 * The peer of a received datagram is the outer source address, port 0.
 */
public final class RawIpSocket extends BatchSocket {
    public static final int IPPROTO_ESP = 50;
    public static final int IPPROTO_AH = 51;
    private static final int IPPROTO_IP = 0;
    private static final int IP_HDRINCL = 3;

    private final boolean skipIpv4Header;

    private RawIpSocket(int protocol, SockAddr local) throws IOException {
        super(Libc.SOCK_RAW, protocol, local);
        boolean ipv4 = local.family() == Libc.AF_INET;
        this.skipIpv4Header = ipv4 && protocol == IPPROTO_ESP;
        if (ipv4 && protocol == IPPROTO_AH) {
            includeHeader();
        }
    }

    /** A raw ESP socket on {@code local}. */
    public static RawIpSocket esp(InetAddress local) throws IOException {
        return new RawIpSocket(IPPROTO_ESP, SockAddr.of(local, 0));
    }

    /** A raw AH socket on {@code local}; over IPv4, packets come and go with their IPv4 header. */
    public static RawIpSocket ah(InetAddress local) throws IOException {
        return new RawIpSocket(IPPROTO_AH, SockAddr.of(local, 0));
    }

    /** Whether datagrams carry their IPv4 header both ways (AH over IPv4). */
    public boolean includesHeader() {
        return localAddress().family() == Libc.AF_INET && !skipIpv4Header;
    }

    /** The destination of {@link #send(byte[], int, int, SockAddr)} and {@link DatagramBatch#add} for {@code peer}. */
    public static SockAddr peer(InetAddress peer) {
        return SockAddr.of(peer, 0);
    }

    private void includeHeader() throws IOException {
        try {
            option(IPPROTO_IP, IP_HDRINCL, 1, "IP_HDRINCL");
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    void received(DatagramBatch batch) {
        if (skipIpv4Header) {
            for (int i = 0; i < batch.count(); i++) {
                if (batch.length(i) > 0) {
                    batch.skip(i, (batch.octet(i, 0) & 0x0f) * 4); // IHL, in 32-bit words
                }
            }
        }
    }
}
