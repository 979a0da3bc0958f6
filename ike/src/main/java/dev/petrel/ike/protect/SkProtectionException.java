package dev.petrel.ike.protect;

/**
 * A received SK payload body could not be opened. The {@link #reason()} says which check failed; the message never
 * holds key or plaintext bytes. RFC 7296 §2.21.2 and §3.14: such a message is dropped (and counted), never answered.
 * Thrown for network input, so it carries no stack trace.
 */
public final class SkProtectionException extends Exception {
    /** Which check failed, in the order {@link SkProtection#open} makes them. */
    public enum Reason {
        /** The body offset and length do not lie inside the message. */
        OUTSIDE_MESSAGE,
        /** Too short for IV, one octet of ciphertext (the Pad Length) and ICV. */
        TRUNCATED,
        /** The ciphertext is not a whole number of cipher blocks. */
        MISALIGNED,
        /** The ICV did not verify, or the AEAD did not authenticate: a forgery, damage or the wrong keys. */
        AUTHENTICATION_FAILED,
        /** The authenticated Pad Length says more padding than there is ciphertext. */
        BAD_PAD_LENGTH
    }

    private final Reason reason;

    SkProtectionException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
