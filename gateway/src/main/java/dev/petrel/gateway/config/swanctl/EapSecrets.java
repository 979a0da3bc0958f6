package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.eap.EapUsers;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code eap<suffix>} sections of {@code secrets} (swanctl.conf(5)): each a password ({@code secret}, text,
 * {@code 0x} hex or {@code 0s} base64) for the identities of its {@code id<suffix>} keys, and the {@code groups} the
 * user is in (Petrel's own key). A gateway checks its users against them; a client finds its own password by its EAP
 * identity. Passwords never reach a message.
 */
final class EapSecrets implements EapUsers {
    private record Entry(List<IdentityMatcher> owners, byte[] secret, Set<String> groups) {
        boolean owns(Identity id) {
            return owners.isEmpty() || owners.stream().anyMatch(o -> o.matches(id));
        }

        /** Equal owners and secrets, compared in constant time, so that a reload can tell unchanged users. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && owners.equals(e.owners) && groups.equals(e.groups)
                    && MessageDigest.isEqual(secret, e.secret);
        }

        @Override
        public int hashCode() {
            return owners.hashCode();
        }

        @Override
        public String toString() {
            return "Entry[" + owners + "]";
        }
    }

    private final List<Entry> entries;

    private EapSecrets(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static boolean isEapSection(String name) {
        return name.startsWith("eap");
    }

    static EapSecrets read(Optional<Section> secrets) {
        List<Entry> entries = new ArrayList<>();
        for (Section s : secrets.map(x -> x.sections().values().stream().filter(e -> isEapSection(e.name())).toList())
                .orElse(List.of())) {
            Claims claims = new Claims(s);
            List<IdentityMatcher> owners = IkeSecrets.owners(claims);
            Setting secret = claims.setting("secret").orElseThrow(() -> s.problem("no secret"));
            Set<String> groups = claims.setting("groups").map(g -> Set.copyOf(Values.list(g))).orElse(Set.of());
            claims.rejectRest();
            entries.add(new Entry(owners, IkeSecrets.octets(secret), groups));
        }
        return new EapSecrets(entries);
    }

    /** The password of the user {@code identity} (an EAP identity, as text). */
    @Override
    public byte[] password(String identity) {
        return user(identity).map(e -> e.secret().clone()).orElse(null);
    }

    /** The groups of the user {@code identity}. */
    @Override
    public Set<String> groups(String identity) {
        return user(identity).map(Entry::groups).orElse(Set.of());
    }

    /** The first section whose ids match {@code identity}. */
    private Optional<Entry> user(String identity) {
        Identity id;
        try {
            id = Identity.parse(identity);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return entries.stream().filter(e -> e.owns(id)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapSecrets other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
