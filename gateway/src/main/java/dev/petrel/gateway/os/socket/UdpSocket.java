package dev.petrel.gateway.os.socket;

import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.SockAddr;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A UDP socket for the ESP-in-UDP hot path (RFC 3948), batched. Meant as the single owner of its port: on port 4500
 * it receives IKE (non-ESP marker), ESP and keepalives alike, and its user hands the IKE messages on (see
 * {@link dev.petrel.gateway.udp.NonEspMarker}); no SO_REUSEADDR, so it cannot share the port with the JDK channel the
 * IKE endpoint binds today. One socket per address family (IPV6_V6ONLY).
 */
public final class UdpSocket extends BatchSocket {
    private UdpSocket(SockAddr local) throws IOException {
        super(Libc.SOCK_DGRAM, 0, local);
    }

    /** A socket bound to {@code local}; port 0 lets the kernel choose ({@link #localAddress()} tells which). */
    public static UdpSocket bind(InetSocketAddress local) throws IOException {
        return new UdpSocket(SockAddr.of(local));
    }

    @Override
    void received(DatagramBatch batch) {
        // UDP delivers the payload alone
    }
}
