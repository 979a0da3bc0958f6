package dev.petrel.ike.engine;

import dev.petrel.wire.ip.IpAddressText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/** A UDP endpoint: address and port. IKE starts on 500 and moves to 4500 (RFC 7296 §2.23). */
public record Endpoint(InetAddress address, int port) {
    public static final int IKE_PORT = 500;
    public static final int NAT_T_PORT = 4500;

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Endpoint of(InetSocketAddress a) {
        return new Endpoint(a.getAddress(), a.getPort());
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    public Endpoint withPort(int newPort) {
        return new Endpoint(address, newPort);
    }

    @Override
    public String toString() {
        String a = IpAddressText.of(address);
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port;
    }
}
