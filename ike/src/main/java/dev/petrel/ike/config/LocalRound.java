package dev.petrel.ike.config;

import dev.petrel.ike.identity.Identity;
import java.util.Objects;

/**
 * One round in which we authenticate ourselves (RFC 4739; swanctl's {@code local}, {@code local-2}, ...): the
 * identity we claim in it, or null for the default (our certificate's subject, else our address), and how we prove it.
 */
public record LocalRound(Identity id, Authentication.Local auth) {
    public LocalRound {
        Objects.requireNonNull(auth, "auth");
    }
}
