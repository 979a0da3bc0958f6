package dev.petrel.wire.ike;

/**
 * A transform attribute (RFC 7296 §3.3.5): in TV form ({@code shortForm}) a 2-octet value, in TLV form a value of
 * up to 65535 octets. {@code type} is the 15-bit attribute type, without the format bit.
 */
public record TransformAttribute(int type, boolean shortForm, byte[] value) {
    /** The Key Length attribute type, always TV (RFC 7296 §3.3.5). */
    public static final int KEY_LENGTH = 14;

    public TransformAttribute {
        Checks.range("attribute type", type, 0x7fff);
        Checks.bytes("attribute value", value, 0xffff);
        if (shortForm && value.length != 2) {
            throw new IllegalArgumentException("a TV attribute has a 2-octet value, not " + value.length);
        }
    }

    /** The Key Length attribute, in bits. */
    public static TransformAttribute keyLength(int bits) {
        Checks.u16("key length", bits);
        return new TransformAttribute(KEY_LENGTH, true, new byte[] {(byte) (bits >>> 8), (byte) bits});
    }

    /** The value of a TV attribute as an unsigned 16-bit number. */
    int shortValue() {
        return ((value[0] & 0xff) << 8) | (value[1] & 0xff);
    }

    static TransformAttribute decode(Reader r, String name) throws IkeDecodeException {
        int t = r.u16(name + ".type");
        boolean tv = (t & 0x8000) != 0;
        byte[] value = tv ? r.bytes(2, name + ".value") : r.bytes(r.u16(name + ".length"), name + ".value");
        return new TransformAttribute(t & 0x7fff, tv, value);
    }

    void encode(Writer w) {
        if (shortForm) {
            w.u16(0x8000 | type);
        } else {
            w.u16(type);
            w.length16(value.length);
        }
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
