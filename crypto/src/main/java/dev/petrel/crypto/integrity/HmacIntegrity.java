package dev.petrel.crypto.integrity;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/** HMAC truncated to its leftmost {@code icvLength} octets (RFC 2104 §5, RFC 4868 §2.3, RFC 2404). */
public final class HmacIntegrity implements Integrity {
    private final Mac mac;
    private final SecretKeySpec key;
    private final byte[] full;
    private final int keyLength;
    private final int icvLength;

    /**
     * @param jcaName the JCA name, e.g. {@code HmacSHA256}
     * @param key the key; RFC 4868 fixes its length to the hash output (RFC 2404: 20 octets for SHA-1)
     */
    public HmacIntegrity(String jcaName, byte[] key, int keyLength, int icvLength) {
        if (key.length != keyLength) {
            throw new TransformException(jcaName + " integrity key must be " + keyLength + " octets, got " + key.length);
        }
        this.keyLength = keyLength;
        this.icvLength = icvLength;
        this.key = new SecretKeySpec(key, jcaName);
        try {
            this.mac = Mac.getInstance(jcaName);
            this.mac.init(this.key);
        } catch (GeneralSecurityException e) {
            throw new TransformException(jcaName + " is not available", e);
        }
        this.full = new byte[mac.getMacLength()];
    }

    @Override
    public int keyLength() {
        return keyLength;
    }

    @Override
    public int icvLength() {
        return icvLength;
    }

    @Override
    public void update(byte[] data, int off, int len) {
        mac.update(data, off, len);
    }

    @Override
    public void sign(byte[] out, int off) {
        finish();
        System.arraycopy(full, 0, out, off, icvLength);
    }

    @Override
    public boolean verify(byte[] icv, int off) {
        finish();
        return KeyMaterial.constantTimeEquals(full, 0, icv, off, icvLength);
    }

    private void finish() {
        try {
            mac.doFinal(full, 0);
        } catch (ShortBufferException e) {
            throw new TransformException(mac.getAlgorithm() + " output buffer too short", e);
        }
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(full);
        try {
            // Re-key the Mac with zeros so its internal ipad/opad state no longer holds the key.
            mac.init(new SecretKeySpec(new byte[keyLength], mac.getAlgorithm()));
            key.destroy();
        } catch (GeneralSecurityException e) {
            throw new TransformException(mac.getAlgorithm() + " could not be wiped", e);
        } catch (DestroyFailedException e) {
            // SecretKeySpec wipes its own copy; nothing else holds the key.
        }
    }

    @Override
    public String toString() {
        return "HmacIntegrity[" + mac.getAlgorithm() + ", icv=" + icvLength + "]";
    }
}
