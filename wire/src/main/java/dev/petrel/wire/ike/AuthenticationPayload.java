package dev.petrel.wire.ike;

/** The Authentication payload (RFC 7296 §3.8): the method and the authentication data. */
public record AuthenticationPayload(int method, byte[] data) implements Payload {
    public AuthenticationPayload {
        Checks.u8("auth method", method);
        Checks.bytes("authentication data", data, Checks.MAX_BODY - 4);
    }

    @Override
    public int type() {
        return PayloadType.AUTH.value();
    }

    static AuthenticationPayload decode(Reader r) throws IkeDecodeException {
        int method = r.u8("method");
        r.skip(3, "reserved");
        return new AuthenticationPayload(method, r.rest());
    }

    void encode(Writer w) {
        w.u8(method);
        w.zeros(3);
        w.bytes(data);
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
