package dev.petrel.ike.config;

import dev.petrel.crypto.KeyMaterial;

/** Authentication by a shared secret (RFC 7296 §2.15). The secret never appears in {@link #toString()}. */
public final class PreSharedKey implements Authentication {
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

    @Override
    public String toString() {
        return "PreSharedKey[" + secret.length + " octets]";
    }
}
