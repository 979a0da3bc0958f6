package dev.petrel.wire.ike;

/** The Vendor ID payload (RFC 7296 §3.12): an opaque value, usually a hash of a vendor's string. */
public record VendorIdPayload(byte[] data) implements Payload {
    public VendorIdPayload {
        Checks.bytes("vendor ID", data, Checks.MAX_BODY);
    }

    @Override
    public int type() {
        return PayloadType.VENDOR_ID.value();
    }

    static VendorIdPayload decode(Reader r) {
        return new VendorIdPayload(r.rest());
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
