package dev.petrel.wire.ike;

/**
 * An IKEv2 message or payload that does not decode. {@link #kind()} is the error notification the RFC asks for
 * (RFC 7296 §2.5, §3.1); {@link #field()} names the offending field, e.g. {@code SA.proposal[2].transform[1].length}.
 * The message names the field and the bad value, never the payload's data. Stack traces are not recorded: a peer can
 * make us throw these as fast as it can send datagrams.
 */
public final class IkeDecodeException extends Exception {
    /** Which error notification answers the input. */
    public enum Kind {
        INVALID_SYNTAX,
        /** An unknown payload type with the critical bit set (RFC 7296 §2.5). */
        UNSUPPORTED_CRITICAL_PAYLOAD,
        /** A major version other than 2 (RFC 7296 §3.1). */
        INVALID_MAJOR_VERSION
    }

    private final Kind kind;
    private final String field;
    private final int payloadType;

    IkeDecodeException(Kind kind, String field, int payloadType, String problem) {
        super(field + ": " + problem, null, false, false);
        this.kind = kind;
        this.field = field;
        this.payloadType = payloadType;
    }

    public Kind kind() {
        return kind;
    }

    /** The offending field, a dotted path from the payload's label. */
    public String field() {
        return field;
    }

    /**
     * The type of the payload being decoded, 0 for the IKE header and the chain between payloads; for
     * {@link Kind#UNSUPPORTED_CRITICAL_PAYLOAD}, the unknown type that the notification's data carries.
     */
    public int payloadType() {
        return payloadType;
    }
}
