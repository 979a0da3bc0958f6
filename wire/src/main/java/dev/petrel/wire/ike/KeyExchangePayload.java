package dev.petrel.wire.ike;

/** The Key Exchange payload (RFC 7296 §3.4): the key exchange method (group) number and the public value. */
public record KeyExchangePayload(int group, byte[] data) implements Payload {
    public KeyExchangePayload {
        Checks.u16("group", group);
        Checks.bytes("key exchange data", data, Checks.MAX_BODY - 4);
    }

    @Override
    public int type() {
        return PayloadType.KE.value();
    }

    static KeyExchangePayload decode(Reader r) throws IkeDecodeException {
        int group = r.u16("group");
        r.skip(2, "reserved");
        return new KeyExchangePayload(group, r.rest());
    }

    void encode(Writer w) {
        w.u16(group);
        w.zeros(2);
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
