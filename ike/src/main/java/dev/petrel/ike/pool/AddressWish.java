package dev.petrel.ike.pool;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One INTERNAL_IP4_ADDRESS or INTERNAL_IP6_ADDRESS of a CFG_REQUEST (RFC 7296 §3.15.1): the client wants an address
 * of {@code family}, and perhaps a particular one (a non-zero value: "likely ... a previous connection existed with
 * this address"); an empty or all-zero value asks for any.
 */
public record AddressWish(int family, Optional<InetAddress> requested) {
    public AddressWish {
        IpFamily.check(family);
        requested = requested.map(a -> AddressRange.address(a.getAddress()));
        if (requested.isPresent() && IpFamily.of(requested.get()) != family) {
            throw new IllegalArgumentException("an " + IpFamily.name(family) + " wish for "
                    + requested.get().getHostAddress());
        }
    }

    /** A wish for any address of {@code family}. */
    public static AddressWish any(int family) {
        return new AddressWish(family, Optional.empty());
    }
}
