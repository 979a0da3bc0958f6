package dev.petrel.crypto.cipher;

import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/** ENCR_AES_CBC with a 128, 192 or 256-bit key and a 16-octet explicit IV (RFC 3602). */
public final class AesCbc implements BlockCipher {
    private static final int BLOCK = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int keyBits;

    public AesCbc(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new TransformException("AES-CBC key length must be 16, 24 or 32 octets, got " + key.length);
        }
        this.keyBits = key.length * 8;
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new TransformException("AES/CBC/NoPadding is not available", e);
        }
    }

    @Override
    public int blockSize() {
        return BLOCK;
    }

    @Override
    public int ivLength() {
        return BLOCK;
    }

    @Override
    public void encrypt(byte[] iv, int ivOff, byte[] buf, int off, int len) {
        run(Cipher.ENCRYPT_MODE, iv, ivOff, buf, off, len);
    }

    @Override
    public void decrypt(byte[] iv, int ivOff, byte[] buf, int off, int len) {
        run(Cipher.DECRYPT_MODE, iv, ivOff, buf, off, len);
    }

    private void run(int mode, byte[] iv, int ivOff, byte[] buf, int off, int len) {
        if (len % BLOCK != 0) {
            throw new IllegalArgumentException("AES-CBC input of " + len + " octets is not a whole number of blocks");
        }
        try {
            cipher.init(mode, key, new IvParameterSpec(iv, ivOff, BLOCK));
            cipher.doFinal(buf, off, len, buf, off);
        } catch (GeneralSecurityException e) {
            throw new TransformException("AES-CBC failed", e);
        }
    }

    @Override
    public void destroy() {
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // SecretKeySpec wipes its own copy; nothing else holds the key.
        }
    }

    @Override
    public String toString() {
        return "AesCbc[" + keyBits + " bits]";
    }
}
