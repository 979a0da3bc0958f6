package dev.petrel.ike.engine;

import dev.petrel.ike.config.IkeConfig;
import dev.petrel.wire.ike.ConfigAttributeType;
import dev.petrel.wire.ike.ConfigType;
import dev.petrel.wire.ike.ConfigurationAttribute;
import dev.petrel.wire.ike.ConfigurationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.Payload;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The initiator's CP request for virtual IPs (RFC 7296 §3.15, §2.19): an INTERNAL_IP4_ADDRESS or
 * INTERNAL_IP6_ADDRESS per address asked for (empty for any, else the address we would like) and the DNS servers
 * of the same families; and what the CFG_REPLY assigned.
 */
record ConfigurationRequest(List<InetAddress> wanted) {
    static ConfigurationRequest of(IkeConfig config) {
        return new ConfigurationRequest(config.vips());
    }

    /** The CFG_REQUEST, when we ask for virtual IPs. */
    Optional<Payload> payload() {
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        List<ConfigurationAttribute> attributes = new ArrayList<>();
        for (InetAddress vip : wanted) {
            boolean v6 = vip instanceof Inet6Address;
            byte[] value = vip.isAnyLocalAddress() ? new byte[0] : v6 ? Arrays.copyOf(vip.getAddress(), 17) : vip.getAddress();
            if (v6 && value.length > 0) {
                value[16] = (byte) 128;
            }
            attributes.add(new ConfigurationAttribute((v6 ? ConfigAttributeType.INTERNAL_IP6_ADDRESS
                    : ConfigAttributeType.INTERNAL_IP4_ADDRESS).value(), value));
        }
        if (wanted.stream().anyMatch(a -> a instanceof Inet4Address)) {
            attributes.add(new ConfigurationAttribute(ConfigAttributeType.INTERNAL_IP4_DNS.value(), new byte[0]));
        }
        if (wanted.stream().anyMatch(a -> a instanceof Inet6Address)) {
            attributes.add(new ConfigurationAttribute(ConfigAttributeType.INTERNAL_IP6_DNS.value(), new byte[0]));
        }
        return Optional.of(new ConfigurationPayload(ConfigType.CFG_REQUEST.value(), attributes));
    }

    /** The virtual IPs a CFG_REPLY in {@code response} assigned us, of the families we asked for. */
    List<InetAddress> accept(IkeMessage response) {
        List<InetAddress> out = new ArrayList<>();
        var reply = response.first(ConfigurationPayload.class).filter(c -> c.configType() == ConfigType.CFG_REPLY.value());
        if (wanted.isEmpty() || reply.isEmpty()) {
            return out;
        }
        for (ConfigurationAttribute a : reply.get().attributes()) {
            int length = a.type() == ConfigAttributeType.INTERNAL_IP4_ADDRESS.value() ? 4
                    : a.type() == ConfigAttributeType.INTERNAL_IP6_ADDRESS.value() ? 17 : -1;
            if (length > 0 && a.value().length == length) {
                try {
                    InetAddress address = InetAddress.getByAddress(Arrays.copyOf(a.value(), length == 4 ? 4 : 16));
                    if (!address.isAnyLocalAddress() && !out.contains(address)) {
                        out.add(address);
                    }
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
