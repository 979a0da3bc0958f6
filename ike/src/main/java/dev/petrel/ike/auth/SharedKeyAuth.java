package dev.petrel.ike.auth;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.prf.Prf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Shared Key Message Integrity Code, Auth Method 2 (RFC 7296 §2.15):
 * <pre>
 * AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), &lt;SignedOctets&gt;)
 * </pre>
 * with the IKE SA's PRF and the 17 ASCII octets of the pad, no terminating NUL. EAP methods that produce an MSK
 * use it as the shared secret (§2.16). An instance keeps only prf(Shared Secret, "Key Pad for IKEv2"), which
 * {@link #destroy()} wipes; neither appears in {@link #toString()} or in an exception.
 */
public final class SharedKeyAuth implements Authenticator {
    /** Auth Method 2, Shared Key Message Integrity Code. */
    public static final int AUTH_METHOD = 2;

    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private final Prf prf;
    private final byte[] padKey;
    private boolean destroyed;

    /** @param sharedKey the shared secret (or MSK), not empty; the caller keeps and wipes it */
    public SharedKeyAuth(Prf prf, byte[] sharedKey) {
        if (sharedKey.length == 0) {
            throw new IllegalArgumentException("the shared key is empty");
        }
        this.prf = prf;
        this.padKey = prf.compute(sharedKey, KEY_PAD);
    }

    /** AUTH = prf(prf(sharedKey, "Key Pad for IKEv2"), signedOctets). */
    public static byte[] compute(Prf prf, byte[] sharedKey, byte[] signedOctets) {
        SharedKeyAuth auth = new SharedKeyAuth(prf, sharedKey);
        try {
            return auth.authenticate(signedOctets);
        } finally {
            auth.destroy();
        }
    }

    /** True when {@code authenticationData} is {@link #compute}'s result; compared in constant time. */
    public static boolean verify(Prf prf, byte[] sharedKey, byte[] signedOctets, byte[] authenticationData) {
        SharedKeyAuth auth = new SharedKeyAuth(prf, sharedKey);
        try {
            return auth.verify(signedOctets, authenticationData);
        } finally {
            auth.destroy();
        }
    }

    @Override
    public int authMethod() {
        return AUTH_METHOD;
    }

    @Override
    public byte[] authenticate(byte[] signedOctets) {
        if (destroyed) {
            throw new IllegalStateException("SharedKeyAuth was destroyed");
        }
        return prf.compute(padKey, signedOctets);
    }

    @Override
    public boolean verify(byte[] signedOctets, byte[] authenticationData) {
        return MessageDigest.isEqual(authenticate(signedOctets), authenticationData);
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(padKey);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SharedKeyAuth[" + prf + (destroyed ? ", destroyed]" : "]");
    }
}
