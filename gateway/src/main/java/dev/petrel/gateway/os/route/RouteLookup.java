package dev.petrel.gateway.os.route;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The kernel's route to a destination (as {@code ip route get}): the outgoing device, the source address it would
 * choose, the next hop when there is a gateway, and the MTU on the way: the route's (a path MTU learnt from ICMP
 * included) when it has one, the device's otherwise.
 */
public record RouteLookup(int ifindex, String device, Optional<InetAddress> source, Optional<InetAddress> gateway, int mtu) {}
