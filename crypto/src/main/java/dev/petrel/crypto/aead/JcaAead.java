package dev.petrel.crypto.aead;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared body of the JCA-backed AEADs: one Cipher per instance, the nonce assembled in a reused buffer as
 * salt || explicit IV (RFC 4106 §4, RFC 7634 §2).
 */
abstract sealed class JcaAead implements Aead permits AesGcm, ChaCha20Poly1305 {
    static final int SALT_LENGTH = 4;
    static final int IV_LENGTH = 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] nonce = new byte[SALT_LENGTH + IV_LENGTH];
    private final int keyMaterialLength;
    private final int tagLength;
    private boolean destroyed;

    JcaAead(String transformation, String keyAlgorithm, byte[] keyMaterial, int keyLength, int tagLength) {
        if (keyMaterial.length != keyLength + SALT_LENGTH) {
            throw new TransformException(getClass().getSimpleName() + " needs " + (keyLength + SALT_LENGTH)
                    + " octets of keying material, got " + keyMaterial.length);
        }
        this.keyMaterialLength = keyMaterial.length;
        this.tagLength = tagLength;
        try {
            this.cipher = Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new TransformException(transformation + " is not available", e);
        }
        byte[] k = KeyMaterial.copy(keyMaterial, 0, keyLength);
        this.key = new SecretKeySpec(k, keyAlgorithm);
        KeyMaterial.wipe(k);
        System.arraycopy(keyMaterial, keyLength, nonce, 0, SALT_LENGTH);
    }

    /** The parameters for one operation with the nonce now in {@code nonce}. */
    abstract AlgorithmParameterSpec parameters(byte[] nonce, int tagLength);

    @Override
    public final int keyMaterialLength() {
        return keyMaterialLength;
    }

    @Override
    public final int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public final int tagLength() {
        return tagLength;
    }

    @Override
    public final int seal(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        init(Cipher.ENCRYPT_MODE, iv, ivOff);
        try {
            cipher.updateAAD(aad, aadOff, aadLen);
            return cipher.doFinal(buf, off, len, buf, off);
        } catch (GeneralSecurityException e) {
            throw new TransformException(getClass().getSimpleName() + " encryption failed", e);
        }
    }

    @Override
    public final int open(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        if (len < tagLength) {
            return -1;
        }
        init(Cipher.DECRYPT_MODE, iv, ivOff);
        try {
            cipher.updateAAD(aad, aadOff, aadLen);
            return cipher.doFinal(buf, off, len, buf, off);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw new TransformException(getClass().getSimpleName() + " decryption failed", e);
        }
    }

    private void init(int mode, byte[] iv, int ivOff) {
        if (destroyed) {
            throw new IllegalStateException(getClass().getSimpleName() + " was destroyed");
        }
        System.arraycopy(iv, ivOff, nonce, SALT_LENGTH, IV_LENGTH);
        try {
            cipher.init(mode, key, parameters(nonce, tagLength));
        } catch (GeneralSecurityException e) {
            throw new TransformException(getClass().getSimpleName() + " rejected its parameters", e);
        }
    }

    @Override
    public final void destroy() {
        destroyed = true;
        KeyMaterial.wipe(nonce);
        try {
            key.destroy();
        } catch (javax.security.auth.DestroyFailedException e) {
            // SecretKeySpec wipes its copy on JDK 25; nothing else holds the key.
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[key=" + (keyMaterialLength - SALT_LENGTH) * 8 + " bits, icv=" + tagLength + "]";
    }
}
