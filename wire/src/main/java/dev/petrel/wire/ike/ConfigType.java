package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Configuration payload types (RFC 7296 §3.15). */
public enum ConfigType implements IanaValue {
    CFG_REQUEST(1),
    CFG_REPLY(2),
    CFG_SET(3),
    CFG_ACK(4);

    private final int value;

    ConfigType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
