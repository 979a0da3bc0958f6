package dev.petrel.wire.ike;

/**
 * The Encrypted and Authenticated payload SK (RFC 7296 §3.14). {@code body} is everything after the generic
 * header: IV, ciphertext (with padding and Pad Length) and ICV, left encrypted. The generic header's Next Payload
 * is the type of the first payload inside, {@code firstInnerPayload}.
 */
public record EncryptedPayload(int firstInnerPayload, byte[] body) implements Payload {
    public EncryptedPayload {
        Checks.u8("first inner payload", firstInnerPayload);
        Checks.bytes("encrypted body", body, Checks.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.SK.value();
    }

    static EncryptedPayload decode(Reader r, int nextPayload) {
        return new EncryptedPayload(nextPayload, r.rest());
    }

    void encode(Writer w) {
        w.bytes(body);
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
