package dev.petrel.wire.ike;

/**
 * The EAP payload (RFC 7296 §3.16): one EAP message, whose header is Code, Identifier and a Length covering the
 * whole message (RFC 3748 §4). Decoding checks that Length is at least 4 and equals the payload's body length.
 */
public record EapPayload(byte[] message) implements Payload {
    /** Code, Identifier, Length. */
    public static final int HEADER_LENGTH = 4;

    public EapPayload {
        Checks.bytes("EAP message", message, Checks.MAX_BODY);
        if (message.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("an EAP message has at least " + HEADER_LENGTH + " octets");
        }
    }

    @Override
    public int type() {
        return PayloadType.EAP.value();
    }

    /** The EAP Code: 1 request, 2 response, 3 success, 4 failure (RFC 3748 §4). */
    public int code() {
        return message[0] & 0xff;
    }

    public int identifier() {
        return message[1] & 0xff;
    }

    static EapPayload decode(Reader r) throws IkeDecodeException {
        int length = r.remaining();
        if (length < HEADER_LENGTH) {
            throw r.error("message", "truncated: " + length + " octets, less than " + HEADER_LENGTH);
        }
        byte[] message = r.rest();
        int declared = ((message[2] & 0xff) << 8) | (message[3] & 0xff);
        if (declared != length) {
            throw r.error("length", declared + ", but the payload holds " + length + " octets");
        }
        return new EapPayload(message);
    }

    void encode(Writer w) {
        w.bytes(message);
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }

    @Override
    public String toString() {
        return RecordValues.toString(this);
    }
}
