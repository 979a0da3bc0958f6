package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Security Protocol Identifiers of proposals, notifications and deletes (RFC 7296 §3.3.1). */
public enum ProtocolId implements IanaValue {
    IKE(1),
    AH(2),
    ESP(3);

    private final int value;

    ProtocolId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
