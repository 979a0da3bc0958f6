package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** IKEv2 Exchange Types (RFC 7296 §3.1; IKE_SESSION_RESUME: RFC 5723, IKE_INTERMEDIATE: RFC 9242). */
public enum ExchangeType implements IanaValue {
    IKE_SA_INIT(34),
    IKE_AUTH(35),
    CREATE_CHILD_SA(36),
    INFORMATIONAL(37),
    IKE_SESSION_RESUME(38),
    IKE_INTERMEDIATE(43);

    private final int value;

    ExchangeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
