package dev.petrel.gateway.config;

import dev.petrel.ike.config.IkeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One connection (swanctl's {@code connections.NAME}): the engine's {@link IkeConfig} and what the gateway holds
 * beside it. A zero duration means never.
 *
 * @param localPort the UDP port IKE uses here ({@code local_port}, 500); NAT-T floats to 4500 (RFC 3948)
 * @param remotePort the peer's UDP port ({@code remote_port}, 500)
 * @param dpdDelay how long the peer may stay silent before a liveness check ({@code dpd_delay}, 0: none)
 * @param rekeyTime when the gateway rekeys the IKE SA ({@code rekey_time}, 4 h)
 * @param children the children of {@code ike}, in the same order
 */
public record Connection(IkeConfig ike, int localPort, int remotePort, Duration dpdDelay, Duration rekeyTime,
        List<Child> children) {
    public Connection {
        Objects.requireNonNull(ike, "ike");
        children = List.copyOf(children);
        if (localPort < 1 || localPort > 65535 || remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("connection " + ike.name() + ": ports must be 1 to 65535");
        }
        if (dpdDelay.isNegative() || rekeyTime.isNegative()) {
            throw new IllegalArgumentException("connection " + ike.name() + ": negative DPD delay or rekey time");
        }
        if (!children.stream().map(Child::config).toList().equals(ike.children())) {
            throw new IllegalArgumentException("connection " + ike.name() + ": children differ from the IKE config's");
        }
    }

    public String name() {
        return ike.name();
    }
}
