package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.config.GatewayConfig;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.SettingsParser;
import dev.petrel.ike.pool.PoolConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a swanctl.conf(5) file, and the files it includes, into a {@link GatewayConfig}: a pure function of the
 * files, and of the certificates and keys in the swanctl folders beside swanctl.conf ({@link Credentials}), so a
 * reload is another call. Top-level sections: {@code connections}, {@code secrets} (ike pre-shared keys and the
 * passphrases of key files), {@code authorities} (CA certificates) and {@code pools} (virtual IP address pools,
 * {@link Pools}); anything else is an error.
 */
public final class SwanctlConfig {
    private SwanctlConfig() {}

    public static GatewayConfig load(Path file) throws ConfigException {
        return map(SettingsParser.parse(file));
    }

    /** Reads {@code text} as if it were the file {@code file}; includes are relative to that file's folder. */
    public static GatewayConfig parse(String text, Path file) throws ConfigException {
        return map(SettingsParser.parse(text, file));
    }

    private static GatewayConfig map(Section root) {
        Claims c = new Claims(root);
        Optional<Section> secretsSection = c.section("secrets");
        IkeSecrets secrets = IkeSecrets.read(secretsSection);
        Credentials credentials = Credentials.load(root.origin().file().getParent(), c.section("authorities"),
                secretsSection);
        Map<String, PoolConfig> pools = Pools.read(c.section("pools"));
        Pools.checkReferences(c.section("connections"), pools);
        List<Connection> connections = Claims.eachSection(c.section("connections"),
                conn -> ConnectionMapper.map(conn, secrets, credentials));
        c.rejectRest();
        return new GatewayConfig(connections, pools);
    }
}
