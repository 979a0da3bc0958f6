package dev.petrel.ike.pool;

import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.List;

/**
 * What a CFG_REPLY carries of the attributes Petrel serves (RFC 7296 §3.15.1): the virtual IPs given, DNS servers
 * (INTERNAL_IP4_DNS, INTERNAL_IP6_DNS) and the subnets behind the gateway (INTERNAL_IP4_SUBNET,
 * INTERNAL_IP6_SUBNET). One INTERNAL_IP4_NETMASK serves every IPv4 address, so they share one prefix length.
 */
public record ConfigReply(List<AssignedAddress> addresses, List<InetAddress> dns, List<IpPrefix> subnets) {
    public ConfigReply {
        addresses = List.copyOf(addresses);
        dns = dns.stream().map(a -> AddressRange.address(a.getAddress())).toList();
        subnets = List.copyOf(subnets);
        List<Integer> ip4Prefixes = addresses.stream().filter(a -> a.family() == IpFamily.V4)
                .map(AssignedAddress::prefixLength).distinct().toList();
        if (ip4Prefixes.size() > 1) {
            throw new IllegalArgumentException("IPv4 addresses with prefix lengths " + ip4Prefixes
                    + ": one INTERNAL_IP4_NETMASK serves them all (RFC 7296 §3.15.1)");
        }
    }

    /**
     * The reply to a client given {@code leases}: their addresses (IPv6 with strongSwan's prefix length, 64), then
     * the DNS servers and subnets of the pools among {@code pools} that gave one of them, as strongSwan sends the
     * attributes of those pools only.
     */
    public static ConfigReply of(List<Lease> leases, List<PoolConfig> pools) {
        List<PoolConfig> giving = pools.stream()
                .filter(p -> leases.stream().anyMatch(l -> l.pool().equals(p.name()))).toList();
        return new ConfigReply(leases.stream().map(l -> new AssignedAddress(l.address(),
                        l.family() == IpFamily.V4 ? 32 : ConfigAttributes.IP6_PREFIX_LENGTH)).toList(),
                giving.stream().flatMap(p -> p.dns().stream()).distinct().toList(),
                giving.stream().flatMap(p -> p.subnets().stream()).distinct().toList());
    }
}
