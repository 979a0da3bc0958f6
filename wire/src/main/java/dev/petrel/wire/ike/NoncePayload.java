package dev.petrel.wire.ike;

/** The Nonce payload (RFC 7296 §3.9): 16 to 256 random octets. */
public record NoncePayload(byte[] data) implements Payload {
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;

    public NoncePayload {
        Checks.bytes("nonce", data, Checks.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.NONCE.value();
    }

    static NoncePayload decode(Reader r) throws IkeDecodeException {
        byte[] data = r.rest();
        if (data.length < MIN_LENGTH || data.length > MAX_LENGTH) {
            throw r.error("data", data.length + " octets, outside " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        return new NoncePayload(data);
    }

    void encode(Writer w) {
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
