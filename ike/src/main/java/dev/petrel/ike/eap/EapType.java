package dev.petrel.ike.eap;

import dev.petrel.wire.iana.IanaValue;

/** The EAP method types Petrel knows (RFC 3748 §5; IANA "Extensible Authentication Protocol (EAP) Registry"). */
public enum EapType implements IanaValue {
    IDENTITY(1, "EAP-Identity"),
    NOTIFICATION(2, "EAP-Notification"),
    NAK(3, "EAP-Nak"),
    MD5_CHALLENGE(4, "EAP-MD5"),
    TLS(13, "EAP-TLS"),
    MSCHAP_V2(26, "EAP-MSCHAPv2");

    private final int value;
    private final String text;

    EapType(int value, String text) {
        this.value = value;
        this.text = text;
    }

    /** The method's usual name, e.g. {@code EAP-MSCHAPv2}, for explanations. */
    public String text() {
        return text;
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
