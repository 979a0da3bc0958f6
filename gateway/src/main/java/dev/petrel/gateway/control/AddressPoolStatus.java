package dev.petrel.gateway.control;

import java.util.List;
import java.util.Objects;

/**
 * A virtual IP address pool as {@code swanctl --list-pools --leases} shows it.
 *
 * @param name the pool's name in the configuration
 * @param addrs its address ranges, e.g. {@code 10.3.0.1-10.3.0.254}
 * @param size how many addresses it holds
 * @param online how many leases an IKE SA holds now
 * @param offline how many leases wait for their identity to come back
 * @param leases every lease, IPv4 before IPv6, in address order
 */
public record AddressPoolStatus(String name, List<String> addrs, long size, int online, int offline,
        List<PoolLeaseStatus> leases) {
    public AddressPoolStatus {
        Objects.requireNonNull(name, "name");
        addrs = List.copyOf(addrs);
        leases = List.copyOf(leases);
    }
}
