package dev.petrel.wire.ike;

/** The Certificate Request payload (RFC 7296 §3.7): the encoding and the certification authorities (for X.509, concatenated SHA-1 hashes of their public keys). */
public record CertificateRequestPayload(int encoding, byte[] data) implements Payload {
    public CertificateRequestPayload {
        Checks.u8("certificate encoding", encoding);
        Checks.bytes("CertificateRequest data", data, Checks.MAX_BODY - 1);
    }

    @Override
    public int type() {
        return PayloadType.CERTREQ.value();
    }

    static CertificateRequestPayload decode(Reader r) throws IkeDecodeException {
        return new CertificateRequestPayload(r.u8("encoding"), r.rest());
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
