package dev.petrel.ike.pool;

import dev.petrel.wire.ip.IpAddressText;
import java.net.InetAddress;

/**
 * A virtual IP in a CFG_REPLY (RFC 7296 §3.15.1) and the length of its network prefix: for IPv6 the prefix-length
 * octet of INTERNAL_IP6_ADDRESS (strongSwan sends 64), for IPv4 that of the reply's INTERNAL_IP4_NETMASK, 32
 * without one.
 */
public record AssignedAddress(InetAddress address, int prefixLength) {
    public AssignedAddress {
        address = AddressRange.address(address.getAddress());
        if (prefixLength < 0 || prefixLength > 8 * address.getAddress().length) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " for " + IpAddressText.of(address));
        }
    }

    public int family() {
        return IpFamily.of(address);
    }

    @Override
    public String toString() {
        return IpAddressText.of(address) + "/" + prefixLength;
    }
}
