package dev.petrel.wire.iana;

/** Transform Type 3, integrity algorithms, with their key and truncated ICV lengths in octets. */
public enum IntegrityAlgorithm implements Transform {
    NONE(0, 0, 0),
    AUTH_HMAC_MD5_96(1, 16, 12),
    AUTH_HMAC_SHA1_96(2, 20, 12),
    AUTH_DES_MAC(3, 8, 8),
    AUTH_AES_XCBC_96(5, 16, 12),
    AUTH_AES_CMAC_96(8, 16, 12),
    AUTH_AES_128_GMAC(9, 16, 16),
    AUTH_AES_192_GMAC(10, 24, 16),
    AUTH_AES_256_GMAC(11, 32, 16),
    AUTH_HMAC_SHA2_256_128(12, 32, 16),
    AUTH_HMAC_SHA2_384_192(13, 48, 24),
    AUTH_HMAC_SHA2_512_256(14, 64, 32);

    private final int value;
    private final int keyLength;
    private final int icvLength;

    IntegrityAlgorithm(int value, int keyLength, int icvLength) {
        this.value = value;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public TransformType type() {
        return TransformType.INTEG;
    }

    public int keyLength() {
        return keyLength;
    }

    public int icvLength() {
        return icvLength;
    }
}
