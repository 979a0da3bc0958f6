package dev.petrel.ike.config;

import java.net.InetAddress;
import java.util.List;

/**
 * Virtual IPs (RFC 7296 §2.19, §3.15): those an initiator asks for in its CP request (swanctl's {@code vips}:
 * 0.0.0.0 or :: for any of that family, or the address it would like), and the pools a responder leases them from
 * (swanctl's {@code pools}, names of the engine's {@code AddressPools}), tried in order.
 */
public record VirtualIps(List<InetAddress> request, List<String> pools) {
    public static final VirtualIps NONE = new VirtualIps(List.of(), List.of());

    public VirtualIps {
        request = List.copyOf(request);
        pools = List.copyOf(pools);
    }
}
