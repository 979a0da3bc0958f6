package dev.petrel.ike.eap;

import dev.petrel.wire.iana.IanaValue;

/** The EAP method types Petrel knows (RFC 3748 §5; IANA "Extensible Authentication Protocol (EAP) Registry"). */
public enum EapType implements IanaValue {
    IDENTITY(1),
    NOTIFICATION(2),
    NAK(3),
    MD5_CHALLENGE(4),
    TLS(13),
    MSCHAP_V2(26);

    private final int value;

    EapType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    /** True for a method that authenticates both sides and derives an MSK, as EAP-only IKE needs (RFC 5998 §4). */
    public boolean mutual() {
        return this == TLS || this == MSCHAP_V2;
    }
}
