package dev.petrel.ike.pool;

import dev.petrel.wire.ike.ConfigAttributeType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a CFG_REQUEST asks for (RFC 7296 §2.19, §3.15.1), of the attributes Petrel serves: virtual IPs, in the
 * order asked, and which of INTERNAL_IP4_NETMASK, INTERNAL_IP4_DNS, INTERNAL_IP6_DNS, INTERNAL_IP4_SUBNET and
 * INTERNAL_IP6_SUBNET it names. Other attributes are not kept: the responder ignores what it does not serve.
 */
public record ConfigRequest(List<AddressWish> addresses, Set<ConfigAttributeType> asked) {
    /** The attribute types besides the addresses that a request may name here. */
    public static final Set<ConfigAttributeType> OTHERS = Collections.unmodifiableSet(EnumSet.of(
            ConfigAttributeType.INTERNAL_IP4_NETMASK, ConfigAttributeType.INTERNAL_IP4_DNS,
            ConfigAttributeType.INTERNAL_IP6_DNS, ConfigAttributeType.INTERNAL_IP4_SUBNET,
            ConfigAttributeType.INTERNAL_IP6_SUBNET));

    public ConfigRequest {
        addresses = List.copyOf(addresses);
        asked = Set.copyOf(asked);
        for (ConfigAttributeType type : asked) {
            if (!OTHERS.contains(type)) {
                throw new IllegalArgumentException(type + " is not one of " + OTHERS);
            }
        }
    }

    /** The first wish for an address of {@code family}, if the client asked for one. */
    public Optional<AddressWish> address(int family) {
        IpFamily.check(family);
        return addresses.stream().filter(w -> w.family() == family).findFirst();
    }
}
