package dev.petrel.gateway.config;

import java.util.Objects;

/**
 * A configuration that Petrel cannot load, e.g.
 * {@code /etc/petrel/swanctl.conf:12: connections.home.children.net.esp_proposals: unknown algorithm keyword
 * 'aes999' in proposal 'aes999'}. The message never carries a secret's value.
 */
public final class ConfigException extends RuntimeException {
    private final Origin origin;
    private final String key;
    private final String problem;

    public ConfigException(Origin origin, String key, String problem) {
        this(origin, key, problem, null);
    }

    public ConfigException(Origin origin, String key, String problem, Throwable cause) {
        super(origin + ": " + (key.isEmpty() ? "" : key + ": ") + problem, cause);
        this.origin = Objects.requireNonNull(origin, "origin");
        this.key = key;
        this.problem = problem;
    }

    public Origin origin() {
        return origin;
    }

    /** The dotted path of the key or section at fault, empty for a syntax error. */
    public String key() {
        return key;
    }

    /** The message without the origin and the key. */
    public String problem() {
        return problem;
    }
}
