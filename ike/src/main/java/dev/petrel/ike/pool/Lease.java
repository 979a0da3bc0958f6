package dev.petrel.ike.pool;

import dev.petrel.wire.ip.IpAddressText;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual IP that pool {@code pool} gave {@code identity}: what {@link AddressPool#acquire} returns, and what the
 * IKE SA that carries it hands back to {@link AddressPool#release} when it dies.
 */
public record Lease(String pool, String identity, InetAddress address) {
    public Lease {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(identity, "identity");
        address = AddressRange.address(address.getAddress());
    }

    public int family() {
        return IpFamily.of(address);
    }

    @Override
    public String toString() {
        return IpAddressText.of(address) + " of pool " + pool + " to '" + identity + "'";
    }
}
