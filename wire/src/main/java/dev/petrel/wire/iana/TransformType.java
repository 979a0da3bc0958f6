package dev.petrel.wire.iana;

/** IKEv2 Transform Type values (RFC 7296 §3.3.2). */
public enum TransformType implements IanaValue {
    ENCR(1),
    PRF(2),
    INTEG(3),
    KE(4),
    ESN(5);

    private final int value;

    TransformType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
