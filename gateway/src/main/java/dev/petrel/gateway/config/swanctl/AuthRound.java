package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.eap.EapType;
import dev.petrel.wire.ike.HashAlgorithm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One side's authentication round, a {@code local<suffix>} or {@code remote<suffix>} section, rounds in the order
 * of their names ({@code local}, {@code local-2}, ...; RFC 4739): {@code auth}, {@code id}, {@code eap_id}, and
 * {@code certs} (local) or {@code cacerts} and {@code revocation} (remote). {@code auth} is {@code psk}, {@code pubkey} (the default, as in
 * strongSwan) or {@code eap-md5}, {@code eap-mschapv2}, {@code eap-tls} ({@code eap} alone lets a client answer
 * whichever of these the server proposes). For the local side, {@code rsa/pss} signs with RSASSA-PSS instead of
 * PKCS#1 v1.5, and hash names after either ({@code pubkey-sha384-sha256}, with an optional {@code ike:} prefix) are
 * the hashes to sign with, in that order (swanctl.conf(5), RFC 7427).
 *
 * @param eap the EAP method of an EAP round; null for {@code eap} alone
 * @param hashes the hashes the local side signs with, in order; empty for the key's defaults
 * @param id the {@code id} setting, parsed by the caller: an identity for local, a matcher for remote
 * @param eapId the {@code eap_id} setting: our EAP identity (local), or those accepted, {@code %any} asking the
 *     peer for it (remote)
 * @param certs the local {@code certs}: absent, the certificate is the one {@code id} names
 * @param revocation the remote {@code revocation} policy, relaxed when absent
 * @param groups the remote {@code groups}: the peer must be in one (its certificate's OUs, its EAP user's groups)
 * @param problem an error at the {@code auth} line, or at the section when {@code auth} is absent
 */
record AuthRound(Method method, EapType eap, boolean rsaPss, List<HashAlgorithm> hashes, Optional<Setting> id,
        Optional<Setting> eapId, Optional<Setting> certs, Optional<Setting> cacerts, Optional<Setting> revocation,
        Set<String> groups, Function<String, ConfigException> problem) {
    enum Method { PSK, PUBKEY, EAP }

    /** The {@code prefix} rounds of a connection ({@code local} or {@code remote}), at least one. */
    static List<AuthRound> read(Claims connection, Section conn, String prefix) {
        List<Section> rounds = new ArrayList<>(connection.sections(name -> name.startsWith(prefix)));
        if (rounds.isEmpty()) {
            throw conn.problem("no " + prefix + " section: Petrel needs " + prefix + " { auth = psk }, { auth = pubkey } "
                    + "or { auth = eap-... }");
        }
        rounds.sort(Comparator.comparing(Section::name));
        return rounds.stream().map(s -> read(s, prefix.equals("local"))).toList();
    }

    private static AuthRound read(Section section, boolean local) {
        Claims claims = new Claims(section);
        Optional<Setting> auth = claims.setting("auth");
        Function<String, ConfigException> problem = auth.<Function<String, ConfigException>>map(s -> s::problem)
                .orElse(section::problem);
        String method = auth.map(Setting::value).orElse("pubkey").toLowerCase(Locale.ROOT);
        Optional<Setting> id = claims.setting("id");
        Optional<Setting> certs = claims.setting(local ? "certs" : "cacerts");
        Optional<Setting> revocation = local ? Optional.empty() : claims.setting("revocation");
        Set<String> groups = local ? Set.of() : claims.setting("groups").map(s -> Set.copyOf(Values.list(s))).orElse(Set.of());
        if (method.startsWith("xauth")) {
            throw problem.apply("XAuth is IKEv1: not supported");
        }
        if (method.equals("psk")) {
            certs.ifPresent(s -> {
                throw s.problem("auth = psk takes no certificates");
            });
            revocation.ifPresent(s -> {
                throw s.problem("auth = psk: a revocation policy is for certificates (auth = pubkey)");
            });
            claims.rejectRest();
            return new AuthRound(Method.PSK, null, false, List.of(), id, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), groups, problem);
        }
        if (method.equals("eap") || method.startsWith("eap-")) {
            EapType type = eapType(method, problem);
            Optional<Setting> eapId = claims.setting("eap_id");
            if (local && type == EapType.TLS && certs.isEmpty()) {
                throw problem.apply("auth = eap-tls needs certs = FILE (in the x509 folder) for the client certificate");
            }
            if (!local && type == null) {
                throw problem.apply("name the EAP method the peer must use: eap-mschapv2, eap-tls or eap-md5");
            }
            claims.rejectRest();
            return new AuthRound(Method.EAP, type, false, List.of(), id, eapId, local ? certs : Optional.empty(),
                    local ? Optional.empty() : certs, revocation, groups, problem);
        }
        String[] parts = (method.startsWith("ike:") ? method.substring(4) : method).split("-", -1);
        if (!parts[0].equals("pubkey") && !(local && parts[0].equals("rsa/pss"))) {
            throw problem.apply("'" + method + "' is not an authentication method Petrel knows (psk, pubkey, eap-md5, "
                    + "eap-mschapv2, eap-tls" + (local ? ", eap, rsa/pss, with -sha256, -sha384, -sha512 after pubkey" : "")
                    + ")");
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
        return new AuthRound(Method.PUBKEY, null, parts[0].equals("rsa/pss"), hashes, id, Optional.empty(),
                local ? certs : Optional.empty(), local ? Optional.empty() : certs, revocation, groups, problem);
    }

    private static EapType eapType(String method, Function<String, ConfigException> problem) {
        return switch (method) {
            case "eap" -> null;
            case "eap-md5" -> EapType.MD5_CHALLENGE;
            case "eap-mschapv2" -> EapType.MSCHAP_V2;
            case "eap-tls" -> EapType.TLS;
            default -> throw problem.apply("'" + method + "' is not an EAP method Petrel knows (eap-md5, eap-mschapv2, "
                    + "eap-tls)");
        };
    }
}
