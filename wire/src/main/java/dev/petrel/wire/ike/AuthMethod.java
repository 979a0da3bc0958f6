package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Authentication methods of the AUTH payload (RFC 7296 §3.8; ECDSA: RFC 4754; 12: RFC 6467; 13: RFC 7619; 14: RFC 7427). */
public enum AuthMethod implements IanaValue {
    RSA_DIGITAL_SIGNATURE(1),
    SHARED_KEY_MESSAGE_INTEGRITY_CODE(2),
    DSS_DIGITAL_SIGNATURE(3),
    ECDSA_SHA256_P256(9),
    ECDSA_SHA384_P384(10),
    ECDSA_SHA512_P521(11),
    GENERIC_SECURE_PASSWORD(12),
    NULL_AUTHENTICATION(13),
    DIGITAL_SIGNATURE(14);

    private final int value;

    AuthMethod(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
