package dev.petrel.ike.config;

import dev.petrel.crypto.KeyMaterial;

/** Authentication by a shared secret (RFC 7296 §2.15). The secret never appears in {@link #toString()}. */
public final class PreSharedKey implements Authentication.Local, Authentication.Remote {
    private final byte[] secret;

    public PreSharedKey(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("a pre-shared key must not be empty");
        }
        this.secret = secret.clone();
    }

    /** A copy of the secret, which the caller wipes. */
    public byte[] secret() {
        return secret.clone();
    }

    public void destroy() {
        KeyMaterial.wipe(secret);
    }

    /** Equal secrets, compared in constant time, so that a reload can tell an unchanged connection. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PreSharedKey other && java.security.MessageDigest.isEqual(secret, other.secret);
    }

    /** The length only: the hash must not tell anything about the secret. */
    @Override
    public int hashCode() {
        return secret.length;
    }

    @Override
    public String toString() {
        return "PreSharedKey[" + secret.length + " octets]";
    }
}
