package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.config.GatewayConfig;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.SettingsParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a swanctl.conf(5) file, and the files it includes, into a {@link GatewayConfig}: a pure function of the
 * files, so a reload is another call. Top-level sections: {@code connections}, {@code secrets} (ike pre-shared
 * keys) and {@code authorities} (empty until certificates come); anything else is an error.
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
        IkeSecrets secrets = IkeSecrets.read(c.section("secrets"));
        c.section("authorities").ifPresent(SwanctlConfig::authorities);
        List<Connection> connections = Claims.eachSection(c.section("connections"),
                conn -> ConnectionMapper.map(conn, secrets));
        c.rejectRest();
        return new GatewayConfig(connections);
    }

    private static void authorities(Section authorities) {
        Claims.eachSection(Optional.of(authorities), a -> {
            throw a.problem("certification authorities are not supported yet");
        });
    }
}
