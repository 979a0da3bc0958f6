package dev.petrel.gateway.config;

import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.pool.PoolConfig;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a gateway runs from: its connections, in the order they were written, and its virtual IP address pools
 * by name, in the order written.
 */
public record GatewayConfig(List<Connection> connections, Map<String, PoolConfig> pools) {
    public GatewayConfig {
        connections = List.copyOf(connections);
        var names = new HashSet<String>();
        for (Connection c : connections) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("two connections named " + c.name());
            }
        }
        pools.forEach((name, pool) -> {
            if (!name.equals(pool.name())) {
                throw new IllegalArgumentException("pool " + pool.name() + " filed under " + name);
            }
        });
        pools = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(pools));
    }

    /** A configuration without pools. */
    public GatewayConfig(List<Connection> connections) {
        this(connections, Map.of());
    }

    public Optional<Connection> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The engine's connections, for {@code new IkeEngine(settings, config.ikeConfigs(), random)}. */
    public List<IkeConfig> ikeConfigs() {
        return connections.stream().map(Connection::ike).toList();
    }
}
