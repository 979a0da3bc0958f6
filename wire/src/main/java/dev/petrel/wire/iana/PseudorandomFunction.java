package dev.petrel.wire.iana;

/** Transform Type 2, pseudorandom functions. */
public enum PseudorandomFunction implements Transform {
    PRF_HMAC_MD5(1),
    PRF_HMAC_SHA1(2),
    PRF_AES128_XCBC(4),
    PRF_HMAC_SHA2_256(5),
    PRF_HMAC_SHA2_384(6),
    PRF_HMAC_SHA2_512(7),
    PRF_AES128_CMAC(8);

    private final int value;

    PseudorandomFunction(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public TransformType type() {
        return TransformType.PRF;
    }
}
