package dev.petrel.ike.pool;

import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * One address pool (swanctl's {@code pools.NAME}): the ranges its virtual IPs come from, IPv4 and/or IPv6, and
 * what a client that gets one of them is told besides (RFC 7296 §3.15.1): DNS servers (INTERNAL_IP4_DNS,
 * INTERNAL_IP6_DNS) and the subnets behind the gateway (INTERNAL_IP4_SUBNET, INTERNAL_IP6_SUBNET).
 *
 * @param ranges at least one; none overlapping another
 */
public record PoolConfig(String name, List<AddressRange> ranges, List<InetAddress> dns, List<IpPrefix> subnets) {
    public PoolConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a pool needs a name");
        }
        ranges = List.copyOf(ranges);
        dns = dns.stream().map(a -> AddressRange.address(a.getAddress())).toList();
        subnets = List.copyOf(subnets);
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("pool " + name + " has no addresses");
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (ranges.get(i).overlaps(ranges.get(j))) {
                    throw new IllegalArgumentException("pool " + name + ": the ranges " + ranges.get(i) + " and "
                            + ranges.get(j) + " overlap");
                }
            }
        }
    }

    /** How many addresses of {@code family} the pool holds; 0 when it has none. */
    public long size(int family) {
        IpFamily.check(family);
        return ranges.stream().filter(r -> r.family() == family).mapToLong(AddressRange::size).sum();
    }

    /** True when an address of the pool lies in one of {@code other}'s ranges. */
    public boolean overlaps(PoolConfig other) {
        return ranges.stream().anyMatch(r -> other.ranges.stream().anyMatch(r::overlaps));
    }
}
