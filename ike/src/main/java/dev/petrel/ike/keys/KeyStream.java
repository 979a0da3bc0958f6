package dev.petrel.ike.keys;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.crypto.prf.PrfPlus;

/**
 * Named keys taken in order from one prf+ stream (RFC 7296 §2.13), held by {@link IkeSaKeys} and
 * {@link ChildSaKeys} until {@link #destroy()} wipes them. {@link #toString()} gives names and lengths only.
 */
final class KeyStream {
    /** The shortest and longest Nonce Data, RFC 7296 §3.9. */
    private static final int MIN_NONCE = 16;
    private static final int MAX_NONCE = 256;

    private final String owner;
    private final String[] names;
    private final byte[][] keys;
    private boolean destroyed;

    /**
     * Takes {@code lengths[i]} octets for {@code names[i]}, in order, from prf+({@code key}, {@code seed}).
     * The caller keeps (and wipes) {@code key} and {@code seed}.
     */
    KeyStream(String owner, Prf prf, byte[] key, byte[] seed, String[] names, int... lengths) {
        this.owner = owner;
        this.names = names;
        this.keys = new byte[names.length][];
        try (PrfPlus stream = new PrfPlus(prf, key, seed)) {
            for (int i = 0; i < names.length; i++) {
                keys[i] = stream.next(lengths[i]);
            }
        }
    }

    /** Checks the Nonce Data lengths, 16 to 256 octets (RFC 7296 §3.9). */
    static void checkNonces(byte[] ni, byte[] nr) {
        for (byte[] nonce : new byte[][] {ni, nr}) {
            if (nonce.length < MIN_NONCE || nonce.length > MAX_NONCE) {
                throw new IllegalArgumentException("a nonce has " + MIN_NONCE + " to " + MAX_NONCE + " octets, got " + nonce.length);
            }
        }
    }

    /** The key itself (not a copy). */
    byte[] get(int index) {
        if (destroyed) {
            throw new IllegalStateException(owner + " was destroyed");
        }
        return keys[index];
    }

    void destroy() {
        for (byte[] key : keys) {
            KeyMaterial.wipe(key);
        }
        destroyed = true;
    }

    boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        if (destroyed) {
            return owner + "[destroyed]";
        }
        StringBuilder s = new StringBuilder(owner).append('[');
        for (int i = 0; i < names.length; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(keys[i].length);
        }
        return s.append(" octets]").toString();
    }
}
