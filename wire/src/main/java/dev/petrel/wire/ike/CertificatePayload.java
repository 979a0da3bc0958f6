package dev.petrel.wire.ike;

/** The Certificate payload (RFC 7296 §3.6): the encoding and the certificate data. */
public record CertificatePayload(int encoding, byte[] data) implements Payload {
    public CertificatePayload {
        Checks.u8("certificate encoding", encoding);
        Checks.bytes("Certificate data", data, Checks.MAX_BODY - 1);
    }

    @Override
    public int type() {
        return PayloadType.CERT.value();
    }

    static CertificatePayload decode(Reader r) throws IkeDecodeException {
        return new CertificatePayload(r.u8("encoding"), r.rest());
    }

    void encode(Writer w) {
        w.u8(encoding);
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
