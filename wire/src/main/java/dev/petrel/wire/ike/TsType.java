package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Traffic selector types (RFC 7296 §3.13.1). */
public enum TsType implements IanaValue {
    TS_IPV4_ADDR_RANGE(7),
    TS_IPV6_ADDR_RANGE(8);

    private final int value;

    TsType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
