package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One side's authentication round, a {@code local<suffix>} or {@code remote<suffix>} section: {@code auth},
 * {@code id}, and the certificate keys {@code certs} and {@code cacerts}, read now and refused until certificates
 * come. Petrel authenticates each side once (no RFC 4739 rounds) and with a pre-shared key.
 *
 * @param id the {@code id} setting, parsed by the caller: an identity for local, a matcher for remote
 * @param problem an error at the {@code auth} line, or at the section when {@code auth} is absent
 */
record AuthRound(Optional<Setting> id, Function<String, ConfigException> problem) {
    /** The one {@code prefix} section of a connection ({@code local} or {@code remote}). */
    static AuthRound read(Claims connection, Section conn, String prefix) {
        List<Section> rounds = connection.sections(name -> name.startsWith(prefix));
        if (rounds.isEmpty()) {
            throw conn.problem("no " + prefix + " section: Petrel needs " + prefix + " { auth = psk }");
        }
        if (rounds.size() > 1) {
            throw rounds.get(1).problem("a second authentication round (RFC 4739) is not supported");
        }
        Section section = rounds.getFirst();
        Claims claims = new Claims(section);
        Optional<Setting> auth = claims.setting("auth");
        Function<String, ConfigException> problem = auth.<Function<String, ConfigException>>map(s -> s::problem)
                .orElse(section::problem);
        // strongSwan's default is pubkey
        String method = auth.map(Setting::value).orElse("pubkey").toLowerCase(Locale.ROOT);
        if (method.startsWith("pubkey") || method.startsWith("rsa") || method.startsWith("ecdsa")
                || method.startsWith("ike:")) {
            throw problem.apply("certificate authentication is not supported yet"
                    + (auth.isEmpty() ? " (auth defaults to pubkey: write auth = psk)" : ""));
        }
        if (method.startsWith("eap") || method.startsWith("xauth")) {
            throw problem.apply("EAP and XAuth are not supported");
        }
        if (!method.equals("psk")) {
            throw problem.apply("'" + method + "' is not an authentication method Petrel knows (psk)");
        }
        for (String key : List.of("certs", "cacerts")) {
            claims.setting(key).ifPresent(s -> {
                throw s.problem("certificate authentication is not supported yet");
            });
        }
        Optional<Setting> id = claims.setting("id");
        claims.rejectRest();
        return new AuthRound(id, problem);
    }
}
