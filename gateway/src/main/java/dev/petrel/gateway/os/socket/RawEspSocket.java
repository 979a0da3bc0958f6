package dev.petrel.gateway.os.socket;

import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.SockAddr;
import java.io.IOException;
import java.net.InetAddress;

/**
 * A raw socket of IP protocol 50 (ESP without UDP encapsulation), bound to a local address: it receives every ESP
 * packet sent to that address, and sends ESP to a peer with the kernel building the outer IP header. Received
 * datagrams are the ESP packets alone in either family (a raw IPv4 socket gets the IP header too; it is skipped) and
 * their peer is the outer source address, port 0. Needs CAP_NET_RAW.
 */
public final class RawEspSocket extends BatchSocket {
    public static final int IPPROTO_ESP = 50;

    private final boolean ipv4;

    private RawEspSocket(SockAddr local) throws IOException {
        super(Libc.SOCK_RAW, IPPROTO_ESP, local);
        this.ipv4 = local.family() == Libc.AF_INET;
    }

    public static RawEspSocket bind(InetAddress local) throws IOException {
        return new RawEspSocket(SockAddr.of(local, 0));
    }

    /** The destination of {@link #send(byte[], int, int, SockAddr)} and {@link DatagramBatch#add} for {@code peer}. */
    public static SockAddr peer(InetAddress peer) {
        return SockAddr.of(peer, 0);
    }

    @Override
    void received(DatagramBatch batch) {
        if (ipv4) {
            for (int i = 0; i < batch.count(); i++) {
                if (batch.length(i) > 0) {
                    batch.skip(i, (batch.octet(i, 0) & 0x0f) * 4); // IHL, in 32-bit words
                }
            }
        }
    }
}
