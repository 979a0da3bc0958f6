package dev.petrel.wire.ike;

/**
 * The Identification payload (RFC 7296 §3.5): IDi (type 35) when {@code initiator}, IDr (36) otherwise. Decoding
 * checks that an ID_IPV4_ADDR holds 4 octets and an ID_IPV6_ADDR 16.
 */
public record IdentificationPayload(boolean initiator, int idType, byte[] data) implements Payload {
    public IdentificationPayload {
        Checks.u8("ID type", idType);
        Checks.bytes("identification data", data, Checks.MAX_BODY - 4);
    }

    @Override
    public int type() {
        return (initiator ? PayloadType.IDI : PayloadType.IDR).value();
    }

    static IdentificationPayload decode(Reader r, boolean initiator) throws IkeDecodeException {
        int idType = r.u8("idType");
        r.skip(3, "reserved");
        byte[] data = r.rest();
        int expected = idType == IdType.ID_IPV4_ADDR.value() ? 4 : idType == IdType.ID_IPV6_ADDR.value() ? 16 : data.length;
        if (data.length != expected) {
            throw r.error("data", data.length + " octets for ID type " + idType + ", expected " + expected);
        }
        return new IdentificationPayload(initiator, idType, data);
    }

    void encode(Writer w) {
        w.u8(idType);
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
