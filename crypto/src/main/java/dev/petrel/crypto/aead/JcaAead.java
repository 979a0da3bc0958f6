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
 * salt || explicit IV (RFC 4106 §4, RFC 7634 §2). {@link #seal} and {@link #open} hand the whole operation to the
 * JCA; {@link AesGcm} overrides them for the ICV the JCA does not produce, using the helpers below.
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
        this.cipher = newCipher(transformation);
        byte[] k = KeyMaterial.copy(keyMaterial, 0, keyLength);
        this.key = new SecretKeySpec(k, keyAlgorithm);
        KeyMaterial.wipe(k);
        System.arraycopy(keyMaterial, keyLength, nonce, 0, SALT_LENGTH);
    }

    static Cipher newCipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new TransformException(transformation + " is not available", e);
        }
    }

    /** The parameters for one operation of this instance's Cipher with the nonce now in {@code nonce}. */
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
    public int seal(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        Cipher c = init(Cipher.ENCRYPT_MODE, iv, ivOff);
        try {
            c.updateAAD(aad, aadOff, aadLen);
            return c.doFinal(buf, off, len, buf, off);
        } catch (GeneralSecurityException e) {
            throw failure("encryption failed", e);
        }
    }

    @Override
    public int open(byte[] iv, int ivOff, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        if (len < tagLength) {
            return -1;
        }
        Cipher c = init(Cipher.DECRYPT_MODE, iv, ivOff);
        try {
            c.updateAAD(aad, aadOff, aadLen);
            return c.doFinal(buf, off, len, buf, off);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            throw failure("decryption failed", e);
        }
    }

    /** This instance's Cipher, initialised for the nonce salt || {@code iv[ivOff, ivOff+8)}. */
    final Cipher init(int mode, byte[] iv, int ivOff) {
        init(cipher, mode, parameters(nonce(iv, ivOff), tagLength));
        return cipher;
    }

    /**
     * Puts salt || {@code iv[ivOff, ivOff+8)} into the instance's nonce buffer and returns that buffer; callers read
     * it (it holds the salt) and neither keep nor change it.
     */
    final byte[] nonce(byte[] iv, int ivOff) {
        if (destroyed) {
            throw new IllegalStateException(getClass().getSimpleName() + " was destroyed");
        }
        System.arraycopy(iv, ivOff, nonce, SALT_LENGTH, IV_LENGTH);
        return nonce;
    }

    /** Initialises {@code c}, this instance's or another, under this instance's key. */
    final void init(Cipher c, int mode, AlgorithmParameterSpec parameters) {
        try {
            c.init(mode, key, parameters);
        } catch (GeneralSecurityException e) {
            throw failure("rejected its parameters", e);
        }
    }

    /** An exception naming the transform and what failed; never the key. */
    final TransformException failure(String what, GeneralSecurityException cause) {
        return new TransformException(getClass().getSimpleName() + " " + what, cause);
    }

    @Override
    public void destroy() {
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
