package dev.petrel.ike.config;

import dev.petrel.ike.identity.IdentityMatcher;
import java.util.Objects;

/**
 * One round in which the peer must authenticate (RFC 4739; swanctl's {@code remote}, {@code remote-2}, ...): the
 * IKE identities we accept, how it proves them, and for EAP the EAP identities we accept (swanctl's {@code eap_id}).
 *
 * @param eapId the EAP identities accepted; null to accept the one that authenticated, whatever it is
 */
public record RemoteRound(IdentityMatcher id, Authentication.Remote auth, IdentityMatcher eapId) {
    public RemoteRound {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(auth, "auth");
    }

    public RemoteRound(IdentityMatcher id, Authentication.Remote auth) {
        this(id, auth, null);
    }
}
