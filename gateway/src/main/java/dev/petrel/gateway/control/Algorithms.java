package dev.petrel.gateway.control;

import java.util.Objects;

/**
 * Negotiated transforms in strongSwan's names, as {@code swanctl --list-sas} shows them: {@code encryption}
 * (AES_GCM_16, AES_CBC, CHACHA20_POLY1305 ...) with its key size in bits (0 where the name fixes it),
 * {@code integrity} (HMAC_SHA2_256_128 ...), {@code prf} (PRF_HMAC_SHA2_256 ...) and {@code keyExchange}
 * (CURVE_25519, MODP_3072, ECP_256 ...). A transform not negotiated is the empty string: integrity with an AEAD,
 * the PRF of a CHILD_SA, a CHILD_SA's key exchange without PFS, everything of an IKE SA still connecting.
 */
public record Algorithms(String encryption, int keySize, String integrity, String prf, String keyExchange) {
    /** Nothing negotiated yet. */
    public static final Algorithms NONE = new Algorithms("", 0, "", "", "");

    public Algorithms {
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(prf, "prf");
        Objects.requireNonNull(keyExchange, "keyExchange");
    }
}
