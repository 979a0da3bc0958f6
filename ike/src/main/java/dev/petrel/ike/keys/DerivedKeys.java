package dev.petrel.ike.keys;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import dev.petrel.crypto.prf.PrfPlus;
import javax.security.auth.Destroyable;

/**
 * Named keys taken in order from one prf+ stream (RFC 7296 §2.13): the IKE SA's and a CHILD_SA's. Subclasses hand
 * out the arrays themselves through {@link #key}; {@link #destroy()} wipes them all, after which {@link #key} throws
 * {@link IllegalStateException}. {@link #toString()} gives names and lengths only. Not thread-safe.
 */
abstract sealed class DerivedKeys implements Destroyable permits IkeSaKeys, ChildSaKeys {
    /** The shortest and longest Nonce Data, RFC 7296 §3.9. */
    private static final int MIN_NONCE = 16;
    private static final int MAX_NONCE = 256;

    private final String[] names;
    private final byte[][] keys;
    private boolean destroyed;

    /**
     * Takes {@code lengths[i]} octets for {@code names[i]}, in order, from prf+({@code key}, {@code seed}).
     * The caller keeps (and wipes) {@code key} and {@code seed}.
     */
    DerivedKeys(Prf prf, byte[] key, byte[] seed, String[] names, int... lengths) {
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

    /** The key itself, not a copy. */
    final byte[] key(int index) {
        if (destroyed) {
            throw new IllegalStateException(getClass().getSimpleName() + " was destroyed");
        }
        return keys[index];
    }

    /** Wipes every key. Idempotent. */
    @Override
    public final void destroy() {
        for (byte[] key : keys) {
            KeyMaterial.wipe(key);
        }
        destroyed = true;
    }

    @Override
    public final boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public final String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('[');
        if (destroyed) {
            return s.append("destroyed]").toString();
        }
        for (int i = 0; i < names.length; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(keys[i].length);
        }
        return s.append(" octets]").toString();
    }
}
