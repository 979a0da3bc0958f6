package dev.petrel.wire.ike;

/**
 * A configuration attribute (RFC 7296 §3.15.1): a 15-bit type (the top bit is reserved, sent as zero and ignored
 * on receipt) and a value of up to 65535 octets, empty in a request for any value.
 */
public record ConfigurationAttribute(int type, byte[] value) {
    public ConfigurationAttribute {
        Checks.range("attribute type", type, 0x7fff);
        Checks.bytes("attribute value", value, 0xffff);
    }

    static ConfigurationAttribute decode(Reader r, String name) throws IkeDecodeException {
        int type = r.u16(name + ".type") & 0x7fff;
        return new ConfigurationAttribute(type, r.bytes(r.u16(name + ".length"), name + ".value"));
    }

    void encode(Writer w) {
        w.u16(type);
        w.length16(value.length);
        w.bytes(value);
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
