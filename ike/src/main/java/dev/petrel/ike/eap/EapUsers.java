package dev.petrel.ike.eap;

/** The passwords an EAP server checks users against (swanctl's {@code secrets { eap-NAME { id, secret } }}). */
@FunctionalInterface
public interface EapUsers {
    /** A copy of {@code identity}'s password, which the caller wipes; null for an unknown user. */
    byte[] password(String identity);
}
