package dev.petrel.wire.ike;

import dev.petrel.wire.iana.IanaValue;

/** Configuration attribute types (RFC 7296 §3.15.1; INTERNAL_DNS_DOMAIN: RFC 8598). */
public enum ConfigAttributeType implements IanaValue {
    INTERNAL_IP4_ADDRESS(1),
    INTERNAL_IP4_NETMASK(2),
    INTERNAL_IP4_DNS(3),
    INTERNAL_IP4_NBNS(4),
    INTERNAL_IP4_DHCP(6),
    APPLICATION_VERSION(7),
    INTERNAL_IP6_ADDRESS(8),
    INTERNAL_IP6_DNS(10),
    INTERNAL_IP6_DHCP(12),
    INTERNAL_IP4_SUBNET(13),
    SUPPORTED_ATTRIBUTES(14),
    INTERNAL_IP6_SUBNET(15),
    INTERNAL_DNS_DOMAIN(25);

    private final int value;

    ConfigAttributeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
