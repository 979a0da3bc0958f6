package dev.petrel.ike.eap;

import dev.petrel.wire.iana.IanaValue;

/** The Code field of an EAP packet (RFC 3748 §4). */
public enum EapCode implements IanaValue {
    REQUEST(1),
    RESPONSE(2),
    SUCCESS(3),
    FAILURE(4);

    private final int value;

    EapCode(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
