package dev.petrel.wire.iana;

/** Transform Type 4, key exchange methods (formerly Diffie-Hellman groups; RFC 9370 renamed the registry). */
public enum KeyExchangeMethod implements Transform {
    NONE(0),
    MODP_768(1),
    MODP_1024(2),
    MODP_1536(5),
    MODP_2048(14),
    MODP_3072(15),
    MODP_4096(16),
    MODP_6144(17),
    MODP_8192(18),
    ECP_256(19),
    ECP_384(20),
    ECP_521(21),
    MODP_1024_160(22),
    MODP_2048_224(23),
    MODP_2048_256(24),
    ECP_192(25),
    ECP_224(26),
    BRAINPOOL_P224(27),
    BRAINPOOL_P256(28),
    BRAINPOOL_P384(29),
    BRAINPOOL_P512(30),
    CURVE25519(31),
    CURVE448(32),
    ML_KEM_512(35),
    ML_KEM_768(36),
    ML_KEM_1024(37);

    private final int value;

    KeyExchangeMethod(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public TransformType type() {
        return TransformType.KE;
    }
}
