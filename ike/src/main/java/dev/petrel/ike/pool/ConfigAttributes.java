package dev.petrel.ike.pool;

import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_ADDRESS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_DNS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_NETMASK;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_SUBNET;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP6_ADDRESS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP6_DNS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP6_SUBNET;

import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.ConfigAttributeType;
import dev.petrel.wire.ike.ConfigType;
import dev.petrel.wire.ike.ConfigurationAttribute;
import dev.petrel.wire.ike.ConfigurationPayload;
import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Configuration payload's attributes for virtual IPs, DNS servers and subnets (RFC 7296 §3.15.1), to and from
 * {@link ConfigRequest} and {@link ConfigReply}. Each attribute is checked against its type's length (empty, or 4
 * octets for IPv4 addresses, the netmask and DNS, 17 for an IPv6 address or subnet with its prefix length, 16 for
 * IPv6 DNS, 8 for an IPv4 subnet with its mask); netmasks must be contiguous and prefix lengths at most 128.
 * Attributes of other types are skipped unread, as a responder ignores what it does not serve.
 */
public final class ConfigAttributes {
    /** The prefix length strongSwan puts with an IPv6 virtual IP, asked for or given (ike_config.c). */
    public static final int IP6_PREFIX_LENGTH = 64;

    private static final Map<ConfigAttributeType, Integer> LENGTHS = Map.of(INTERNAL_IP4_ADDRESS, 4,
            INTERNAL_IP4_NETMASK, 4, INTERNAL_IP4_DNS, 4, INTERNAL_IP6_ADDRESS, 17, INTERNAL_IP6_DNS, 16,
            INTERNAL_IP4_SUBNET, 8, INTERNAL_IP6_SUBNET, 17);

    private ConfigAttributes() {}

    /**
     * A CFG_REQUEST read: an empty or all-zero address asks for any, a non-zero one for itself (the prefix length
     * of an IPv6 one is not kept); the values of the other attributes are checked and dropped.
     */
    public static ConfigRequest readRequest(ConfigurationPayload cp) throws ConfigAttributeException {
        expect(cp, ConfigType.CFG_REQUEST);
        List<AddressWish> wishes = new ArrayList<>();
        Set<ConfigAttributeType> asked = EnumSet.noneOf(ConfigAttributeType.class);
        for (int i = 0; i < cp.attributes().size(); i++) {
            Attribute a = Attribute.of(i, cp.attributes().get(i));
            if (a == null) {
                continue;
            }
            switch (a.type()) {
                case INTERNAL_IP4_ADDRESS, INTERNAL_IP6_ADDRESS -> {
                    int family = a.type() == INTERNAL_IP4_ADDRESS ? IpFamily.V4 : IpFamily.V6;
                    Optional<InetAddress> wish = a.empty() ? Optional.empty() : Optional.of(a.address())
                            .filter(w -> !Arrays.equals(w.getAddress(), new byte[w.getAddress().length]));
                    if (family == IpFamily.V6 && !a.empty()) {
                        a.prefixLength(); // checked, not kept
                    }
                    wishes.add(new AddressWish(family, wish));
                }
                default -> {
                    a.check();
                    asked.add(a.type());
                }
            }
        }
        return new ConfigRequest(wishes, asked);
    }

    /** A CFG_REPLY read; empty attributes carry nothing and are skipped. */
    public static ConfigReply readReply(ConfigurationPayload cp) throws ConfigAttributeException {
        expect(cp, ConfigType.CFG_REPLY);
        List<AssignedAddress> addresses = new ArrayList<>(); // IPv4 ones as /32 until the netmask is known
        List<InetAddress> dns = new ArrayList<>();
        List<IpPrefix> subnets = new ArrayList<>();
        Integer netmask = null;
        for (int i = 0; i < cp.attributes().size(); i++) {
            Attribute a = Attribute.of(i, cp.attributes().get(i));
            if (a == null || a.empty()) {
                continue;
            }
            switch (a.type()) {
                case INTERNAL_IP4_ADDRESS -> addresses.add(new AssignedAddress(a.address(), 32));
                case INTERNAL_IP6_ADDRESS -> addresses.add(new AssignedAddress(a.address(), a.prefixLength()));
                case INTERNAL_IP4_NETMASK -> {
                    if (netmask != null) {
                        throw a.problem("a second netmask: only one is allowed (RFC 7296 §3.15.1)");
                    }
                    netmask = a.prefixLength();
                }
                case INTERNAL_IP4_DNS, INTERNAL_IP6_DNS -> dns.add(a.address());
                case INTERNAL_IP4_SUBNET, INTERNAL_IP6_SUBNET -> subnets.add(a.subnet());
            }
        }
        if (netmask == null) {
            return new ConfigReply(addresses, dns, subnets);
        }
        if (addresses.stream().noneMatch(a -> a.family() == IpFamily.V4)) {
            throw new ConfigAttributeException("CP: INTERNAL_IP4_NETMASK without an INTERNAL_IP4_ADDRESS, which it "
                    + "must come with (RFC 7296 §3.15.1)");
        }
        int ip4Prefix = netmask;
        return new ConfigReply(addresses.stream().map(a -> a.family() == IpFamily.V4
                ? new AssignedAddress(a.address(), ip4Prefix) : a).toList(), dns, subnets);
    }

    /** A CFG_REQUEST asking for {@code request}'s addresses (an IPv6 wish with strongSwan's prefix length) and types. */
    public static ConfigurationPayload request(ConfigRequest request) {
        List<ConfigurationAttribute> out = new ArrayList<>();
        for (AddressWish w : request.addresses()) {
            byte[] value = w.requested().map(a -> w.family() == IpFamily.V4 ? a.getAddress() : address(a, IP6_PREFIX_LENGTH))
                    .orElse(new byte[0]);
            out.add(attribute(w.family() == IpFamily.V4 ? INTERNAL_IP4_ADDRESS : INTERNAL_IP6_ADDRESS, value));
        }
        for (ConfigAttributeType type : ConfigRequest.OTHERS) { // in the registry's order
            if (request.asked().contains(type)) {
                out.add(attribute(type, new byte[0]));
            }
        }
        return new ConfigurationPayload(ConfigType.CFG_REQUEST.value(), out);
    }

    /**
     * A CFG_REPLY with {@code reply}'s addresses in order (then one INTERNAL_IP4_NETMASK when the IPv4 ones are
     * shorter than /32), its DNS servers and its subnets.
     */
    public static ConfigurationPayload reply(ConfigReply reply) {
        List<ConfigurationAttribute> out = new ArrayList<>();
        int ip4Prefix = 32;
        for (AssignedAddress a : reply.addresses()) {
            if (a.family() == IpFamily.V4) {
                out.add(attribute(INTERNAL_IP4_ADDRESS, a.address().getAddress()));
                ip4Prefix = a.prefixLength();
            } else {
                out.add(attribute(INTERNAL_IP6_ADDRESS, address(a.address(), a.prefixLength())));
            }
        }
        if (ip4Prefix < 32) {
            out.add(attribute(INTERNAL_IP4_NETMASK, netmask(ip4Prefix)));
        }
        for (InetAddress d : reply.dns()) {
            out.add(attribute(IpFamily.of(d) == IpFamily.V4 ? INTERNAL_IP4_DNS : INTERNAL_IP6_DNS, d.getAddress()));
        }
        for (IpPrefix s : reply.subnets()) {
            out.add(s.isIpv6() ? attribute(INTERNAL_IP6_SUBNET, address(s.address(), s.length()))
                    : attribute(INTERNAL_IP4_SUBNET, ByteBuffer.allocate(8).put(s.address().getAddress())
                            .put(netmask(s.length())).array()));
        }
        return new ConfigurationPayload(ConfigType.CFG_REPLY.value(), out);
    }

    private static void expect(ConfigurationPayload cp, ConfigType type) throws ConfigAttributeException {
        if (cp.configType() != type.value()) {
            throw new ConfigAttributeException("CP: CFG type " + cp.configType() + " ("
                    + IanaValue.byValue(ConfigType.class, cp.configType()).map(Enum::name).orElse("unknown")
                    + ") where a " + type + " belongs");
        }
    }

    private static ConfigurationAttribute attribute(ConfigAttributeType type, byte[] value) {
        return new ConfigurationAttribute(type.value(), value);
    }

    /** An IPv6 address and a prefix length: the 17 octets of INTERNAL_IP6_ADDRESS and INTERNAL_IP6_SUBNET. */
    private static byte[] address(InetAddress address, int prefixLength) {
        return ByteBuffer.allocate(17).put(address.getAddress()).put((byte) prefixLength).array();
    }

    private static byte[] netmask(int prefixLength) {
        return ByteBuffer.allocate(4).putInt(prefixLength == 0 ? 0 : -1 << (32 - prefixLength)).array();
    }

    /** One attribute of a type served here, its length checked: {@link #empty()} or the type's full length. */
    private record Attribute(int index, ConfigAttributeType type, byte[] value) {
        /** The attribute at {@code index}, or null when its type is not one served here. */
        static Attribute of(int index, ConfigurationAttribute a) throws ConfigAttributeException {
            ConfigAttributeType type = IanaValue.byValue(ConfigAttributeType.class, a.type())
                    .filter(LENGTHS::containsKey).orElse(null);
            if (type == null) {
                return null;
            }
            Attribute out = new Attribute(index, type, a.value());
            int length = LENGTHS.get(type);
            if (!out.empty() && a.value().length != length) {
                throw out.problem(a.value().length + " octets, where RFC 7296 §3.15.1 allows 0 or " + length);
            }
            return out;
        }

        boolean empty() {
            return value.length == 0;
        }

        /** The address at the start of the value. */
        InetAddress address() {
            int octets = switch (type) {
                case INTERNAL_IP4_ADDRESS, INTERNAL_IP4_DNS, INTERNAL_IP4_NETMASK, INTERNAL_IP4_SUBNET -> 4;
                default -> 16;
            };
            return AddressRange.address(Arrays.copyOf(value, octets));
        }

        /** The prefix length: of the netmask (the value, or its second half), or the octet after an IPv6 address. */
        int prefixLength() throws ConfigAttributeException {
            if (type == INTERNAL_IP4_NETMASK || type == INTERNAL_IP4_SUBNET) {
                int mask = ByteBuffer.wrap(value, value.length - 4, 4).getInt();
                int length = Integer.bitCount(mask);
                if (mask != (length == 0 ? 0 : -1 << (32 - length))) {
                    throw problem("the netmask " + AddressRange.address(Arrays.copyOfRange(value, value.length - 4,
                            value.length)).getHostAddress() + " is not contiguous");
                }
                return length;
            }
            int length = value[16] & 0xff;
            if (length > 128) {
                throw problem("prefix length " + length + ", more than 128");
            }
            return length;
        }

        /** INTERNAL_IP4_SUBNET or INTERNAL_IP6_SUBNET as a prefix, bits past its length cleared. */
        IpPrefix subnet() throws ConfigAttributeException {
            int length = prefixLength();
            byte[] a = address().getAddress();
            for (int bit = length; bit < 8 * a.length; bit++) {
                a[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return new IpPrefix(AddressRange.address(a), length);
        }

        /** Checks the netmask or prefix length of a non-empty value that is not kept; addresses need no check. */
        void check() throws ConfigAttributeException {
            if (!empty() && (type == INTERNAL_IP4_NETMASK || type == INTERNAL_IP4_SUBNET || type == INTERNAL_IP6_SUBNET)) {
                prefixLength();
            }
        }

        ConfigAttributeException problem(String what) {
            return new ConfigAttributeException("CP attribute " + (index + 1) + " (" + type + "): " + what);
        }
    }
}
