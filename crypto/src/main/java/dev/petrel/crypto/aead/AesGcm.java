package dev.petrel.crypto.aead;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM with an 8, 12 or 16 octet ICV: ENCR_AES_GCM_8/12/16 (RFC 4106, RFC 5282). */
public final class AesGcm extends JcaAead {
    public AesGcm(byte[] keyMaterial, int keyLength, int tagLength) {
        super("AES/GCM/NoPadding", "AES", keyMaterial, checkKey(keyLength), checkTag(tagLength));
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

    @Override
    AlgorithmParameterSpec parameters(byte[] nonce, int tagLength) {
        return new GCMParameterSpec(tagLength * 8, nonce);
    }
}
