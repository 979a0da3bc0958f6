package dev.petrel.ike.eap;

import java.util.Set;

/**
 * The users an EAP server checks (swanctl's {@code secrets { eap-NAME { id, secret } }}): their passwords, and the
 * groups they belong to (Petrel's {@code groups} key there), for connections that admit only some groups.
 */
@FunctionalInterface
public interface EapUsers {
    /** A copy of {@code identity}'s password, which the caller wipes; null for an unknown user. */
    byte[] password(String identity);

    /** The groups {@code identity} belongs to; none by default. */
    default Set<String> groups(String identity) {
        return Set.of();
    }
}
