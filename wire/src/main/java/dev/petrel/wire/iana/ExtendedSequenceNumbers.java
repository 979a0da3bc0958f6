package dev.petrel.wire.iana;

/** Transform Type 5, extended sequence numbers (RFC 7296 §3.3.2, RFC 4303 §2.2.1). */
public enum ExtendedSequenceNumbers implements Transform {
    NO_ESN(0),
    ESN(1);

    private final int value;

    ExtendedSequenceNumbers(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public TransformType type() {
        return TransformType.ESN;
    }
}
