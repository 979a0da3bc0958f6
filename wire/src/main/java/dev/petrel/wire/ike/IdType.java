package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Identification types of the IDi and IDr payloads (RFC 7296 §3.5). */
public enum IdType implements IanaValue {
    ID_IPV4_ADDR(1),
    ID_FQDN(2),
    ID_RFC822_ADDR(3),
    ID_IPV6_ADDR(5),
    ID_DER_ASN1_DN(9),
    ID_DER_ASN1_GN(10),
    ID_KEY_ID(11);

    private final int value;

    IdType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
