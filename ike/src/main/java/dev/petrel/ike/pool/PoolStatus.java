package dev.petrel.ike.pool;

import java.util.List;

/**
 * A pool as a status listing shows it: its name and ranges, how many addresses it holds, how many leases are online
 * and offline, and the leases, IPv4 before IPv6, each in address order.
 */
public record PoolStatus(String name, List<AddressRange> ranges, long size, int online, int offline,
        List<LeaseStatus> leases) {
    public PoolStatus {
        ranges = List.copyOf(ranges);
        leases = List.copyOf(leases);
    }
}
