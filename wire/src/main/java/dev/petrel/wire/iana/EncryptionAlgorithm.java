package dev.petrel.wire.iana;

/**
 * Transform Type 1, encryption algorithms (IANA "IKEv2 Parameters"). {@code keyBits} lists the key lengths
 * allowed in the Key Length attribute; an empty list means the algorithm has a fixed key and takes no attribute.
 */
public enum EncryptionAlgorithm implements Transform {
    ENCR_DES(2, false, 8, new int[0]),
    ENCR_3DES(3, false, 8, new int[0]),
    ENCR_NULL(11, false, 0, new int[0]),
    ENCR_AES_CBC(12, false, 16, new int[] {128, 192, 256}),
    ENCR_AES_CTR(13, false, 8, new int[] {128, 192, 256}),
    ENCR_AES_CCM_8(14, true, 8, new int[] {128, 192, 256}),
    ENCR_AES_CCM_12(15, true, 12, new int[] {128, 192, 256}),
    ENCR_AES_CCM_16(16, true, 16, new int[] {128, 192, 256}),
    ENCR_AES_GCM_8(18, true, 8, new int[] {128, 192, 256}),
    ENCR_AES_GCM_12(19, true, 12, new int[] {128, 192, 256}),
    ENCR_AES_GCM_16(20, true, 16, new int[] {128, 192, 256}),
    ENCR_NULL_AUTH_AES_GMAC(21, true, 16, new int[] {128, 192, 256}),
    ENCR_CHACHA20_POLY1305(28, true, 16, new int[0]);

    private final int value;
    private final boolean aead;
    private final int ivOrTagLength;
    private final int[] keyBits;

    EncryptionAlgorithm(int value, boolean aead, int ivOrTagLength, int[] keyBits) {
        this.value = value;
        this.aead = aead;
        this.ivOrTagLength = ivOrTagLength;
        this.keyBits = keyBits;
    }

    @Override
    public int value() {
        return value;
    }

    @Override
    public TransformType type() {
        return TransformType.ENCR;
    }

    /** True for combined-mode algorithms, which need no separate integrity transform (RFC 5282). */
    public boolean isAead() {
        return aead;
    }

    /** For AEAD algorithms, the ICV length in octets; 0 otherwise. */
    public int icvLength() {
        return aead ? ivOrTagLength : 0;
    }

    /** True when the transform carries a Key Length attribute (RFC 7296 §3.3.5). */
    public boolean hasKeyLengthAttribute() {
        return keyBits.length > 0;
    }

    /** True when {@code bits} is a key length this algorithm accepts in a Key Length attribute. */
    public boolean acceptsKeyBits(int bits) {
        for (int k : keyBits) {
            if (k == bits) {
                return true;
            }
        }
        return false;
    }

    /** The key lengths the Key Length attribute may carry, in bits; empty for fixed-key algorithms. */
    public int[] keyBits() {
        return keyBits.clone();
    }
}
