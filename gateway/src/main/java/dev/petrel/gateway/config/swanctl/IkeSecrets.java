package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Origin;
import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code secrets} section: its {@code ike<suffix>} sections are pre-shared keys, each for the identities of
 * its {@code id<suffix>} keys (none: for anyone). The value of {@code secret} is text, or {@code 0x} hexadecimal,
 * or {@code 0s} base64 (swanctl's load_creds). Private key and PKCS#12 sections are {@link Credentials}', EAP passwords
 * {@link EapSecrets}'; XAuth and token sections are errors. No value of a secret reaches
 * a message.
 */
final class IkeSecrets {
    // strongSwan's id_match_t: a lookup picks the key whose owners match both identities best, summed
    private static final int NONE = 0;
    private static final int ANY = 1;
    private static final int ONE_WILDCARD = 19;
    private static final int PERFECT = 20;

    /** One {@code ike} section. */
    record Entry(String path, Origin origin, List<IdentityMatcher> owners, PreSharedKey key) {
        /** NONE when neither identity matches: then the key is no candidate. */
        int match(Identity me, Identity other) {
            return match(me) + match(other);
        }

        private int match(Identity id) {
            int best = owners.isEmpty() ? ANY : NONE;
            for (IdentityMatcher owner : owners) {
                best = Math.max(best, switch (owner) {
                    case IdentityMatcher.Any _ -> ANY;
                    case IdentityMatcher.Exactly e -> id == null ? ANY : e.identity().equals(id) ? PERFECT : NONE;
                    case IdentityMatcher.Suffix s -> id == null ? ANY : s.matches(id) ? ONE_WILDCARD : NONE;
                });
            }
            return best;
        }
    }

    private final List<Entry> entries;
    private final EapSecrets eap;

    private IkeSecrets(List<Entry> entries, EapSecrets eap) {
        this.entries = List.copyOf(entries);
        this.eap = eap;
    }

    static IkeSecrets read(Optional<Section> secrets) {
        return new IkeSecrets(Claims.eachSection(secrets, s -> s).stream()
                .filter(s -> !Credentials.isKeySection(s.name()) && !EapSecrets.isEapSection(s.name()))
                .map(IkeSecrets::entry).toList(), EapSecrets.read(secrets));
    }

    /** The EAP passwords of the {@code eap} sections. */
    EapSecrets eap() {
        return eap;
    }

    private static Entry entry(Section s) {
        String n = s.name();
        if (n.startsWith("xauth") || n.startsWith("ntlm")) {
            throw s.problem("XAuth and NTLM secrets are not supported: write eap sections with the password");
        }
        if (n.startsWith("token")) {
            throw s.problem("smartcard tokens are not supported");
        }
        if (!n.startsWith("ike")) {
            throw s.problem("unsupported section");
        }
        Claims claims = new Claims(s);
        List<IdentityMatcher> owners = owners(claims);
        Setting secret = claims.setting("secret").orElseThrow(() -> s.problem("no secret"));
        claims.rejectRest();
        byte[] octets = octets(secret);
        try {
            return new Entry(s.path(), s.origin(), owners, new PreSharedKey(octets));
        } finally {
            Arrays.fill(octets, (byte) 0);
        }
    }

    /** The identities of a secret section's {@code id<suffix>} keys; none means anyone. */
    static List<IdentityMatcher> owners(Claims claims) {
        List<IdentityMatcher> owners = new ArrayList<>();
        for (Setting id : claims.settings(key -> key.startsWith("id"))) {
            try {
                owners.add(IdentityMatcher.parse(id.value()));
            } catch (IllegalArgumentException e) {
                throw id.problem(e.getMessage(), e);
            }
        }
        return owners;
    }

    /** The secret's octets; failures name the encoding, never the value, and carry no cause that might. */
    static byte[] octets(Setting secret) {
        String v = secret.value();
        byte[] octets;
        if (v.regionMatches(true, 0, "0x", 0, 2)) {
            try {
                octets = HexFormat.of().parseHex(v.substring(2));
            } catch (IllegalArgumentException e) {
                throw secret.problem("the 0x secret is not an even number of hexadecimal digits");
            }
        } else if (v.regionMatches(true, 0, "0s", 0, 2)) {
            try {
                octets = Base64.getDecoder().decode(v.substring(2));
            } catch (IllegalArgumentException e) {
                throw secret.problem("the 0s secret is not base64");
            }
        } else {
            octets = v.getBytes(StandardCharsets.UTF_8);
        }
        if (octets.length == 0) {
            throw secret.problem("the secret is empty");
        }
        return octets;
    }

    /**
     * The key for a connection between {@code me} and {@code other} (null: not known before negotiation, which
     * any owner matches), as strongSwan's credential manager picks it; Petrel picks once, when loading, so two
     * equally good keys are an error.
     */
    PreSharedKey lookup(Identity me, Identity other, Function<String, ConfigException> problem) {
        Entry best = null;
        int bestScore = NONE;
        Entry tie = null;
        for (Entry e : entries) {
            int score = e.match(me, other);
            if (score > bestScore) {
                best = e;
                bestScore = score;
                tie = null;
            } else if (score == bestScore && score > NONE) {
                tie = e;
            }
        }
        String ids = "local id " + (me == null ? "%any" : me) + " and remote id " + (other == null ? "%any" : other);
        if (best == null) {
            throw problem.apply("auth = psk, but no ike secret in secrets matches " + ids);
        }
        if (tie != null) {
            throw problem.apply(best.path() + " (" + best.origin() + ") and " + tie.path() + " (" + tie.origin()
                    + ") match " + ids + " equally well; Petrel picks the key when loading: give the secrets ids");
        }
        return best.key();
    }
}
