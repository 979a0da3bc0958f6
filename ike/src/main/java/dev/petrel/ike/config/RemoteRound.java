package dev.petrel.ike.config;

import dev.petrel.ike.identity.IdentityMatcher;
import java.util.Objects;
import java.util.Set;

/**
 * One round in which the peer must authenticate (RFC 4739; swanctl's {@code remote}, {@code remote-2}, ...): the
 * IKE identities we accept, how it proves them, for EAP the EAP identities we accept (swanctl's {@code eap_id}), and
 * the groups it must be in (swanctl's {@code groups}).
 *
 * @param eapId the EAP identities accepted; null to accept the one that authenticated, whatever it is
 * @param groups the peer must belong to one of these (its certificate's OUs, its EAP user's groups); empty: anyone
 */
public record RemoteRound(IdentityMatcher id, Authentication.Remote auth, IdentityMatcher eapId, Set<String> groups) {
    public RemoteRound {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(auth, "auth");
        groups = Set.copyOf(groups);
    }

    public RemoteRound(IdentityMatcher id, Authentication.Remote auth) {
        this(id, auth, null, Set.of());
    }

    public RemoteRound(IdentityMatcher id, Authentication.Remote auth, IdentityMatcher eapId) {
        this(id, auth, eapId, Set.of());
    }

    /** True when a peer in {@code peerGroups} may pass this round. */
    public boolean admits(Set<String> peerGroups) {
        return groups.isEmpty() || groups.stream().anyMatch(peerGroups::contains);
    }
}
