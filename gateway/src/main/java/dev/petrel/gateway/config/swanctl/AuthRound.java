package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.wire.ike.HashAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One side's authentication round, a {@code local<suffix>} or {@code remote<suffix>} section: {@code auth},
 * {@code id}, and for public keys {@code certs} (local) or {@code cacerts} and {@code revocation} (remote). Petrel
 * authenticates each side
 * once (no RFC 4739 rounds), with a pre-shared key or a certificate. {@code auth} defaults to {@code pubkey}, as in
 * strongSwan. For the local side, {@code rsa/pss} signs with RSASSA-PSS instead of PKCS#1 v1.5, and hash names
 * after either ({@code pubkey-sha384-sha256}, with an optional {@code ike:} prefix) are the hashes to sign with, in
 * that order (swanctl.conf(5), RFC 7427).
 *
 * @param publicKey {@code pubkey} (or {@code rsa/pss}) rather than {@code psk}
 * @param rsaPss RSASSA-PSS for an RSA key
 * @param hashes the hashes the local side signs with, in order; empty for the key's defaults
 * @param id the {@code id} setting, parsed by the caller: an identity for local, a matcher for remote
 * @param certs the local {@code certs}: absent, the certificate is the one {@code id} names
 * @param revocation the remote {@code revocation} policy, relaxed when absent
 * @param problem an error at the {@code auth} line, or at the section when {@code auth} is absent
 */
record AuthRound(boolean publicKey, boolean rsaPss, List<HashAlgorithm> hashes, Optional<Setting> id,
        Optional<Setting> certs, Optional<Setting> cacerts, Optional<Setting> revocation,
        Function<String, ConfigException> problem) {
    /** The one {@code prefix} section of a connection ({@code local} or {@code remote}). */
    static AuthRound read(Claims connection, Section conn, String prefix) {
        List<Section> rounds = connection.sections(name -> name.startsWith(prefix));
        if (rounds.isEmpty()) {
            throw conn.problem("no " + prefix + " section: Petrel needs " + prefix + " { auth = psk } or { auth = pubkey }");
        }
        if (rounds.size() > 1) {
            throw rounds.get(1).problem("a second authentication round (RFC 4739) is not supported");
        }
        Section section = rounds.getFirst();
        boolean local = prefix.equals("local");
        Claims claims = new Claims(section);
        Optional<Setting> auth = claims.setting("auth");
        Function<String, ConfigException> problem = auth.<Function<String, ConfigException>>map(s -> s::problem)
                .orElse(section::problem);
        String method = auth.map(Setting::value).orElse("pubkey").toLowerCase(Locale.ROOT);
        if (method.startsWith("eap") || method.startsWith("xauth")) {
            throw problem.apply("EAP and XAuth are not supported");
        }
        Optional<Setting> id = claims.setting("id");
        Optional<Setting> certs = claims.setting(local ? "certs" : "cacerts");
        Optional<Setting> revocation = local ? Optional.empty() : claims.setting("revocation");
        if (method.equals("psk")) {
            certs.ifPresent(s -> {
                throw s.problem("auth = psk takes no certificates");
            });
            revocation.ifPresent(s -> {
                throw s.problem("auth = psk: a revocation policy is for certificates (auth = pubkey)");
            });
            claims.rejectRest();
            return new AuthRound(false, false, List.of(), id, Optional.empty(), Optional.empty(), Optional.empty(), problem);
        }
        String[] parts = (method.startsWith("ike:") ? method.substring(4) : method).split("-", -1);
        if (!parts[0].equals("pubkey") && !(local && parts[0].equals("rsa/pss"))) {
            throw problem.apply("'" + method + "' is not an authentication method Petrel knows (psk, pubkey"
                    + (local ? ", rsa/pss, with -sha256, -sha384, -sha512 after them" : "") + ")");
        }
        List<HashAlgorithm> hashes = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!local) {
                throw problem.apply("signature constraints on the peer ('" + method + "') are not supported: write pubkey");
            }
            hashes.add(switch (parts[i]) {
                case "sha256" -> HashAlgorithm.SHA2_256;
                case "sha384" -> HashAlgorithm.SHA2_384;
                case "sha512" -> HashAlgorithm.SHA2_512;
                default -> throw problem.apply("'" + parts[i] + "' in '" + method + "' is not sha256, sha384 or sha512");
            });
        }
        if (local && certs.isEmpty() && id.isEmpty()) {
            throw problem.apply("auth = " + method + " needs certs = FILE (in the x509 folder), or an id naming a "
                    + "certificate of x509/ or of a pkcs12/ container"
                    + (auth.isEmpty() ? "; auth defaults to pubkey: write auth = psk for a pre-shared key" : ""));
        }
        claims.rejectRest();
        return new AuthRound(true, parts[0].equals("rsa/pss"), hashes, id, local ? certs : Optional.empty(),
                local ? Optional.empty() : certs, revocation, problem);
    }
}
