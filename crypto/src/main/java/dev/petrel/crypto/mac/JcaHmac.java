package dev.petrel.crypto.mac;

import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * HMAC (RFC 2104) from the JCA provider, with a key of any non-zero length: keys longer than the hash block are
 * hashed first, shorter ones are zero-filled, as RFC 2104 §2 says (RFC 4868 §2.2 relies on this for the PRFs).
 */
public final class JcaHmac implements KeyedMac {
    private final Mac mac;
    private final SecretKeySpec key;

    /**
     * @param jcaName the JCA name, e.g. {@code HmacSHA256}
     * @param key the key; the instance keeps its own copy, the caller keeps (and wipes) {@code key}
     */
    public JcaHmac(String jcaName, byte[] key) {
        if (key.length == 0) {
            throw new TransformException(jcaName + " needs a non-empty key");
        }
        this.key = new SecretKeySpec(key, jcaName);
        try {
            this.mac = Mac.getInstance(jcaName);
            this.mac.init(this.key);
        } catch (GeneralSecurityException e) {
            throw new TransformException(jcaName + " is not available", e);
        }
    }

    @Override
    public int macLength() {
        return mac.getMacLength();
    }

    @Override
    public void update(byte[] data, int off, int len) {
        mac.update(data, off, len);
    }

    @Override
    public void doFinal(byte[] out, int off) {
        try {
            mac.doFinal(out, off);
        } catch (ShortBufferException e) {
            throw new TransformException(mac.getAlgorithm() + " output buffer too short", e);
        }
    }

    @Override
    public void close() {
        try {
            // Re-key the Mac with zeros so its internal ipad/opad state no longer holds the key.
            mac.init(new SecretKeySpec(new byte[mac.getMacLength()], mac.getAlgorithm()));
            key.destroy();
        } catch (GeneralSecurityException e) {
            throw new TransformException(mac.getAlgorithm() + " could not be wiped", e);
        } catch (DestroyFailedException e) {
            // SecretKeySpec wipes its own copy; nothing else holds the key.
        }
    }

    @Override
    public String toString() {
        return "JcaHmac[" + mac.getAlgorithm() + "]";
    }
}
