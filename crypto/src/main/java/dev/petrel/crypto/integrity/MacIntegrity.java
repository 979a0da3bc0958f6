package dev.petrel.crypto.integrity;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.TransformException;
import dev.petrel.crypto.mac.KeyedMac;

/**
 * An integrity transform that sends the leftmost {@code icvLength} octets of a MAC and, on receipt, computes the
 * full MAC and compares that many octets in constant time (RFC 2104 §5, RFC 3566 §4.3, RFC 4868 §2.3).
 */
public abstract sealed class MacIntegrity implements Integrity permits HmacIntegrity, AesXcbcMac96 {
    private final KeyedMac mac;
    private final byte[] full;
    private final int keyLength;
    private final int icvLength;

    MacIntegrity(KeyedMac mac, int keyLength, int icvLength) {
        if (icvLength <= 0 || icvLength > mac.macLength()) {
            mac.close();
            throw new TransformException("ICV of " + icvLength + " octets does not fit a " + mac.macLength() + "-octet MAC");
        }
        this.mac = mac;
        this.full = new byte[mac.macLength()];
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    /** {@code key} itself when it has the length the transform fixes, else a TransformException naming both lengths. */
    static byte[] requireLength(String transform, byte[] key, int keyLength) {
        if (key.length != keyLength) {
            throw new TransformException(transform + " integrity key must be " + keyLength + " octets, got " + key.length);
        }
        return key;
    }

    @Override
    public final int keyLength() {
        return keyLength;
    }

    @Override
    public final int icvLength() {
        return icvLength;
    }

    @Override
    public final void update(byte[] data, int off, int len) {
        mac.update(data, off, len);
    }

    @Override
    public final void sign(byte[] out, int off) {
        mac.doFinal(full, 0);
        System.arraycopy(full, 0, out, off, icvLength);
    }

    @Override
    public final boolean verify(byte[] icv, int off) {
        mac.doFinal(full, 0);
        return KeyMaterial.constantTimeEquals(full, 0, icv, off, icvLength);
    }

    @Override
    public final void destroy() {
        KeyMaterial.wipe(full);
        mac.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + mac + ", icv=" + icvLength + "]";
    }
}
