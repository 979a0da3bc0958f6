package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/**
 * A payload of a type we do not know, kept with its body so that it survives a round trip; with the critical bit
 * set, decoding fails instead (RFC 7296 §2.5).
 */
public record UnknownPayload(int type, boolean critical, byte[] body) implements Payload {
    public UnknownPayload {
        Checks.range("payload type", type, 0xff);
        if (IanaValue.byValue(PayloadType.class, type).isPresent()) {
            throw new IllegalArgumentException("payload type " + type + " is known");
        }
        Checks.bytes("payload body", body, Checks.MAX_BODY);
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
