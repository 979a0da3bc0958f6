package dev.petrel.crypto.aead;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM with an 8, 12 or 16 octet ICV: ENCR_AES_GCM_8/12/16 (RFC 4106, RFC 5282). The JCA produces and checks
 * 12- and 16-octet tags itself; it takes no tag shorter than 96 bits, so the 8-octet ICV goes through
 * {@link TruncatedGcm}.
 */
public final class AesGcm extends JcaAead {
    /** The shortest tag, in octets, that the JDK's AES/GCM accepts. */
    private static final int SHORTEST_JCA_TAG = 12;

    /** Seals and opens for the 8-octet ICV; null when the JCA handles the tag itself. */
    private final TruncatedGcm truncated;

    public AesGcm(byte[] keyMaterial, int keyLength, int tagLength) {
        super("AES/GCM/NoPadding", "AES", keyMaterial, checkKey(keyLength), checkTag(tagLength));
        this.truncated = tagLength < SHORTEST_JCA_TAG ? new TruncatedGcm(this, tagLength) : null;
    }

    private static int checkKey(int keyLength) {
        if (keyLength != 16 && keyLength != 24 && keyLength != 32) {
            throw new IllegalArgumentException("AES-GCM key length must be 16, 24 or 32 octets, got " + keyLength);
        }
        return keyLength;
    }

    private static int checkTag(int tagLength) {
        if (tagLength != 8 && tagLength != 12 && tagLength != 16) {
            throw new IllegalArgumentException("AES-GCM ICV must be 8, 12 or 16 octets, got " + tagLength);
        }
        return tagLength;
    }

    /** GCM parameters for {@code nonce}: the full 128-bit tag when the ICV is a truncation of it. */
    @Override
    AlgorithmParameterSpec parameters(byte[] nonce, int tagLength) {
        return gcm(nonce, tagLength < SHORTEST_JCA_TAG ? TruncatedGcm.FULL_TAG : tagLength);
    }

    static GCMParameterSpec gcm(byte[] nonce, int tagLength) {
        return new GCMParameterSpec(tagLength * 8, nonce);
    }

    @Override
    public int seal(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        return truncated == null
                ? super.seal(iv, ivOff, aad, aadOff, aadLen, buf, off, len)
                : truncated.seal(iv, ivOff, aad, aadOff, aadLen, buf, off, len);
    }

    @Override
    public int open(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        return truncated == null
                ? super.open(iv, ivOff, aad, aadOff, aadLen, buf, off, len)
                : truncated.open(iv, ivOff, aad, aadOff, aadLen, buf, off, len);
    }

    @Override
    public void destroy() {
        super.destroy();
        if (truncated != null) {
            truncated.wipe();
        }
    }
}
