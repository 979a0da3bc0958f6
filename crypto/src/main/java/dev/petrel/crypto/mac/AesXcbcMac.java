package dev.petrel.crypto.mac;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.TransformException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * AES-XCBC-MAC with a 128-bit key and a 128-bit output (RFC 3566 §4), on top of the JCA's AES block function
 * ({@code AES/ECB/NoPadding}). Keys: K1, K2, K3 = AES-K(0x01..), AES-K(0x02..), AES-K(0x03..). Every block but the
 * last is chained through AES-K1; the last is XORed with K2 when complete, or padded with 0x80 00.. and XORed with
 * K3 otherwise, so an empty message is one padded block. The last full block is held back until {@link #doFinal}
 * because only then is it known to be the last.
 */
public final class AesXcbcMac implements KeyedMac {
    public static final int KEY_LENGTH = 16;
    public static final int MAC_LENGTH = 16;
    private static final int BLOCK = 16;

    private final Cipher aesK1;
    private final SecretKeySpec k1;
    private final byte[] k2;
    private final byte[] k3;
    private final byte[] chain = new byte[BLOCK];
    private final byte[] pending = new byte[BLOCK];
    private int pendingLength;

    /** @param key the 16-octet key K; the caller keeps (and wipes) it */
    public AesXcbcMac(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new TransformException("AES-XCBC-MAC key must be 16 octets, got " + key.length);
        }
        try {
            aesK1 = Cipher.getInstance("AES/ECB/NoPadding");
            SecretKeySpec k = new SecretKeySpec(key, "AES");
            aesK1.init(Cipher.ENCRYPT_MODE, k);
            byte[] k1Bytes = derive(aesK1, (byte) 1);
            k2 = derive(aesK1, (byte) 2);
            k3 = derive(aesK1, (byte) 3);
            destroy(k);
            k1 = new SecretKeySpec(k1Bytes, "AES");
            KeyMaterial.wipe(k1Bytes);
            aesK1.init(Cipher.ENCRYPT_MODE, k1);
        } catch (GeneralSecurityException e) {
            throw new TransformException("AES/ECB/NoPadding is not available", e);
        }
    }

    private static byte[] derive(Cipher aesK, byte constant) throws GeneralSecurityException {
        byte[] block = new byte[BLOCK];
        Arrays.fill(block, constant);
        return aesK.doFinal(block);
    }

    @Override
    public int macLength() {
        return MAC_LENGTH;
    }

    @Override
    public void update(byte[] data, int off, int len) {
        while (len > 0) {
            if (pendingLength == BLOCK) {
                // More input follows, so the pending block is not the last one (RFC 3566 §4 step 3).
                xorInto(chain, pending);
                encryptChain();
                pendingLength = 0;
            }
            int n = Math.min(BLOCK - pendingLength, len);
            System.arraycopy(data, off, pending, pendingLength, n);
            pendingLength += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void doFinal(byte[] out, int off) {
        if (pendingLength == BLOCK) {
            xorInto(pending, k2);
        } else {
            pending[pendingLength] = (byte) 0x80;
            Arrays.fill(pending, pendingLength + 1, BLOCK, (byte) 0);
            xorInto(pending, k3);
        }
        xorInto(chain, pending);
        encryptChain();
        System.arraycopy(chain, 0, out, off, MAC_LENGTH);
        reset();
    }

    private void encryptChain() {
        try {
            aesK1.doFinal(chain, 0, BLOCK, chain, 0);
        } catch (GeneralSecurityException e) {
            throw new TransformException("AES-XCBC-MAC block encryption failed", e);
        }
    }

    private static void xorInto(byte[] target, byte[] other) {
        for (int i = 0; i < BLOCK; i++) {
            target[i] ^= other[i];
        }
    }

    private void reset() {
        KeyMaterial.wipe(chain);
        KeyMaterial.wipe(pending);
        pendingLength = 0;
    }

    @Override
    public void close() {
        reset();
        KeyMaterial.wipe(k2);
        KeyMaterial.wipe(k3);
        try {
            aesK1.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[KEY_LENGTH], "AES"));
        } catch (GeneralSecurityException e) {
            throw new TransformException("AES-XCBC-MAC could not be wiped", e);
        }
        destroy(k1);
    }

    private static void destroy(SecretKeySpec key) {
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // SecretKeySpec wipes its own copy; nothing else holds the key.
        }
    }

    @Override
    public String toString() {
        return "AesXcbcMac";
    }
}
