package dev.petrel.ike.auth;

/**
 * An AUTH payload could not be made or did not pass one check, and the message says which (the certificate chain,
 * its dates, its trust anchor, the identity in it, the signature scheme, the signature). Never carries key material.
 */
public final class AuthenticationException extends Exception {
    public AuthenticationException(String explanation) {
        super(explanation);
    }
}
