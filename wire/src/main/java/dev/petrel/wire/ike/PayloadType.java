package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/**
 * IKEv2 payload types (RFC 7296 §3.2; SKF: RFC 7383 §2.5). {@link #label()} is the RFC's notation, used to name
 * fields in decoding errors.
 */
public enum PayloadType implements IanaValue {
    NONE(0, "none"),
    SA(33, "SA"),
    KE(34, "KE"),
    IDI(35, "IDi"),
    IDR(36, "IDr"),
    CERT(37, "CERT"),
    CERTREQ(38, "CERTREQ"),
    AUTH(39, "AUTH"),
    NONCE(40, "Nonce"),
    NOTIFY(41, "N"),
    DELETE(42, "D"),
    VENDOR_ID(43, "V"),
    TSI(44, "TSi"),
    TSR(45, "TSr"),
    SK(46, "SK"),
    CP(47, "CP"),
    EAP(48, "EAP"),
    SKF(53, "SKF");

    private final int value;
    private final String label;

    PayloadType(int value, String label) {
        this.value = value;
        this.label = label;
    }

    @Override
    public int value() {
        return value;
    }

    /** The RFC 7296 §3.2 notation, e.g. {@code IDi}, {@code N}, {@code TSr}. */
    public String label() {
        return label;
    }

    /** The label of a payload type number, known or not: {@code payload(99)} for an unknown one. */
    public static String label(int type) {
        return IanaValue.byValue(PayloadType.class, type).map(PayloadType::label).orElse("payload(" + type + ")");
    }
}
