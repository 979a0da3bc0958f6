package dev.petrel.gateway.config.settings;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;

/**
 * One {@code key = value}. {@link #toString()} leaves the value out: it may be a secret.
 *
 * @param path the dotted path of the key, e.g. {@code connections.home.version}
 * @param value the value with its parts joined by single spaces and quotes removed, empty for {@code key =}
 */
public record Setting(String key, String path, String value, Origin origin) {
    /** An error about this setting, at its line. Callers put the value in {@code problem} only if it is no secret. */
    public ConfigException problem(String problem) {
        return new ConfigException(origin, path, problem);
    }

    public ConfigException problem(String problem, Throwable cause) {
        return new ConfigException(origin, path, problem, cause);
    }

    @Override
    public String toString() {
        return path + " (" + origin + ")";
    }
}
