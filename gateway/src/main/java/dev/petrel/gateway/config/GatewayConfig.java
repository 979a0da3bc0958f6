package dev.petrel.gateway.config;

import dev.petrel.ike.config.IkeConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Everything a gateway runs from: its connections, in the order they were written. */
public record GatewayConfig(List<Connection> connections) {
    public GatewayConfig {
        connections = List.copyOf(connections);
        var names = new HashSet<String>();
        for (Connection c : connections) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two connections named " + c.name());
            }
        }
    }

    public Optional<Connection> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The engine's connections, for {@code new IkeEngine(settings, config.ikeConfigs(), random)}. */
    public List<IkeConfig> ikeConfigs() {
        return connections.stream().map(Connection::ike).toList();
    }
}
