package dev.petrel.gateway.config;

import dev.petrel.ike.config.IkeConfig;
import java.util.List;
import java.util.Objects;

/**
 * One connection (swanctl's {@code connections.NAME}): the engine's {@link IkeConfig}, its rekeying and dead peer
 * detection among it, and what the gateway holds beside it.
 *
 * @param localPort the UDP port IKE uses here ({@code local_port}, 500); NAT-T floats to 4500 (RFC 3948)
 * @param remotePort the peer's UDP port ({@code remote_port}, 500)
 * @param children the children of {@code ike}, in the same order
 */
public record Connection(IkeConfig ike, int localPort, int remotePort, List<Child> children) {
    public Connection {
        Objects.requireNonNull(ike, "ike");
        children = List.copyOf(children);
        if (localPort < 1 || localPort > 65535 || remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("connection " + ike.name() + ": ports must be 1 to 65535");
        }
        if (!children.stream().map(Child::config).toList().equals(ike.children())) {
            throw new IllegalArgumentException("connection " + ike.name() + ": children differ from the IKE config's");
        }
    }

    public String name() {
        return ike.name();
    }
}
