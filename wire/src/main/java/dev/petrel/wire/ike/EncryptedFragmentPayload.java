package dev.petrel.wire.ike;

/**
 * The Encrypted Fragment payload SKF (RFC 7383 §2.5): fragment {@code fragmentNumber} of {@code totalFragments},
 * then {@code body} (IV, ciphertext, ICV), left encrypted. The first fragment's Next Payload is the type of the first
 * payload inside; the others carry 0.
 */
public record EncryptedFragmentPayload(int firstInnerPayload, int fragmentNumber, int totalFragments, byte[] body) implements Payload {
    public EncryptedFragmentPayload {
        Checks.u8("first inner payload", firstInnerPayload);
        Checks.u16("fragment number", fragmentNumber);
        Checks.u16("total fragments", totalFragments);
        Checks.bytes("encrypted body", body, Checks.MAX_BODY - 4);
    }

    @Override
    public int type() {
        return PayloadType.SKF.value();
    }

    static EncryptedFragmentPayload decode(Reader r, int nextPayload) throws IkeDecodeException {
        int number = r.u16("fragmentNumber");
        int total = r.u16("totalFragments");
        if (number < 1 || number > total) {
            throw r.error("fragmentNumber", number + " is outside 1.." + total);
        }
        if (number != 1 && nextPayload != 0) {
            throw r.error("nextPayload", nextPayload + " in fragment " + number + ", only the first fragment names the inner payload");
        }
        return new EncryptedFragmentPayload(nextPayload, number, total, r.rest());
    }

    void encode(Writer w) {
        w.u16(fragmentNumber);
        w.u16(totalFragments);
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
