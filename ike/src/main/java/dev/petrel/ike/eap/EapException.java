package dev.petrel.ike.eap;

/**
 * An EAP message that cannot be decoded or does not fit the conversation, or a method step that failed; the message
 * says which field or rule and why, and never carries a secret.
 */
public final class EapException extends Exception {
    public EapException(String explanation) {
        super(explanation);
    }
}
