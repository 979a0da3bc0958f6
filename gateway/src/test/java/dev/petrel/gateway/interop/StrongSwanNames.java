package dev.petrel.gateway.interop;

import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.PseudorandomFunction;

/**
 * The names {@code swanctl --list-sas} gives Petrel's transforms (strongSwan 5.9's enum names: AES_GCM_16,
 * HMAC_SHA2_256_128, PRF_HMAC_SHA2_256, CURVE_25519), and the empty string for none.
 */
final class StrongSwanNames {
    private StrongSwanNames() {}

    static String of(EncryptionAlgorithm encryption) {
        return encryption.name().substring("ENCR_".length());
    }

    /** Null and NONE (an AEAD's integrity) are listed as nothing. */
    static String of(IntegrityAlgorithm integrity) {
        return integrity == null || integrity == IntegrityAlgorithm.NONE ? "" : integrity.name().substring("AUTH_".length());
    }

    static String of(PseudorandomFunction prf) {
        return prf.name();
    }

    /** NONE (a CHILD_SA without PFS) is listed as nothing. */
    static String of(KeyExchangeMethod group) {
        return switch (group) {
            case NONE -> "";
            case CURVE25519 -> "CURVE_25519";
            case CURVE448 -> "CURVE_448";
            default -> group.name();
        };
    }
}
