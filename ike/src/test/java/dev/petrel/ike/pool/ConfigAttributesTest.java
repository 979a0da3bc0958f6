package dev.petrel.ike.pool;

import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_ADDRESS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_DNS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_NETMASK;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP4_SUBNET;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP6_ADDRESS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP6_DNS;
import static dev.petrel.wire.ike.ConfigAttributeType.INTERNAL_IP6_SUBNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.wire.ike.ConfigAttributeType;
import dev.petrel.wire.ike.ConfigType;
import dev.petrel.wire.ike.ConfigurationAttribute;
import dev.petrel.wire.ike.ConfigurationPayload;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.PayloadChain;
import dev.petrel.wire.ike.PayloadType;
import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CP attributes for virtual IPs, DNS and subnets (RFC 7296 §3.15.1), on the wire and back, and every refusal. */
class ConfigAttributesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    private static ConfigurationAttribute attribute(ConfigAttributeType type, String hex) {
        return new ConfigurationAttribute(type.value(), HEX.parseHex(hex));
    }

    private static ConfigurationPayload cp(ConfigType type, ConfigurationAttribute... attributes) {
        return new ConfigurationPayload(type.value(), List.of(attributes));
    }

    /** {@code hex} as the body of a CP payload, through wire's decoder. */
    static ConfigurationPayload fromWire(byte[] body) throws IkeDecodeException {
        byte[] chain = new byte[4 + body.length];
        chain[2] = (byte) (chain.length >>> 8);
        chain[3] = (byte) chain.length;
        System.arraycopy(body, 0, chain, 4, body.length);
        List<Payload> payloads = PayloadChain.decode(PayloadType.CP.value(), chain, 0, chain.length);
        return (ConfigurationPayload) payloads.getFirst();
    }

    @Test
    void readsTheRequestStrongSwanSends() throws Exception {
        // CFG_REQUEST, INTERNAL_IP4_ADDRESS, INTERNAL_IP6_ADDRESS, INTERNAL_IP4_DNS, INTERNAL_IP6_DNS: all empty
        ConfigurationPayload cp = fromWire(HEX.parseHex("01000000" + "00010000" + "00080000" + "00030000" + "000a0000"));
        ConfigRequest request = ConfigAttributes.readRequest(cp);
        assertEquals(new ConfigRequest(List.of(AddressWish.any(4), AddressWish.any(6)), Set.of(INTERNAL_IP4_DNS, INTERNAL_IP6_DNS)),
                request);
        assertEquals(Optional.of(AddressWish.any(6)), request.address(6));
        assertEquals(cp, ConfigAttributes.request(request));
    }

    @Test
    void aNonZeroAddressIsTheClientsWishAndZeroIsAny() throws Exception {
        ConfigRequest request = ConfigAttributes.readRequest(cp(ConfigType.CFG_REQUEST,
                attribute(INTERNAL_IP4_ADDRESS, "0a030007"), attribute(INTERNAL_IP4_ADDRESS, "00000000"),
                attribute(INTERNAL_IP6_ADDRESS, "20010db8000300000000000000000007" + "40"),
                attribute(INTERNAL_IP6_ADDRESS, "00000000000000000000000000000000" + "00"),
                new ConfigurationAttribute(23456, HEX.parseHex("ff")), // INTERNAL_IP4_SERVER (Windows): not ours
                attribute(ConfigAttributeType.INTERNAL_IP4_NBNS, "")));
        assertEquals(List.of(new AddressWish(4, Optional.of(ip("10.3.0.7"))), AddressWish.any(4),
                new AddressWish(6, Optional.of(ip("2001:db8:3::7"))), AddressWish.any(6)), request.addresses());
        assertEquals(Set.of(), request.asked());
        assertEquals(Optional.of(ip("10.3.0.7")), request.address(4).orElseThrow().requested());
    }

    @Test
    void requestsRoundTrip() throws Exception {
        ConfigRequest request = new ConfigRequest(List.of(new AddressWish(6, Optional.of(ip("2001:db8::9"))),
                AddressWish.any(4), new AddressWish(4, Optional.of(ip("10.3.0.9")))), ConfigRequest.OTHERS);
        ConfigurationPayload cp = ConfigAttributes.request(request);
        assertEquals(List.of(attribute(INTERNAL_IP6_ADDRESS, "20010db8000000000000000000000009" + "40"),
                attribute(INTERNAL_IP4_ADDRESS, ""), attribute(INTERNAL_IP4_ADDRESS, "0a030009"), attribute(INTERNAL_IP4_NETMASK, ""), attribute(INTERNAL_IP4_DNS, ""),
                attribute(INTERNAL_IP6_DNS, ""), attribute(INTERNAL_IP4_SUBNET, ""), attribute(INTERNAL_IP6_SUBNET, "")),
                cp.attributes());
        assertEquals(request, ConfigAttributes.readRequest(fromWire(PayloadChain.body(cp))));
    }

    @Test
    void aReplyIsEncodedAttributeByAttributeAndReadBack() throws Exception {
        ConfigReply reply = new ConfigReply(List.of(new AssignedAddress(ip("10.3.0.1"), 24), new AssignedAddress(ip("2001:db8:3::1"), 64)),
                List.of(ip("192.0.2.53"), ip("2001:db8::53")), List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("2001:db8:1::/48")));
        ConfigurationPayload cp = ConfigAttributes.reply(reply);
        assertEquals(ConfigType.CFG_REPLY.value(), cp.configType());
        assertEquals(List.of(attribute(INTERNAL_IP4_ADDRESS, "0a030001"),
                attribute(INTERNAL_IP6_ADDRESS, "20010db8000300000000000000000001" + "40"),
                attribute(INTERNAL_IP4_NETMASK, "ffffff00"),
                attribute(INTERNAL_IP4_DNS, "c0000235"),
                attribute(INTERNAL_IP6_DNS, "20010db8000000000000000000000053"),
                attribute(INTERNAL_IP4_SUBNET, "0a010000" + "ffff0000"),
                attribute(INTERNAL_IP6_SUBNET, "20010db8000100000000000000000000" + "30")), cp.attributes());
        assertEquals(reply, ConfigAttributes.readReply(fromWire(PayloadChain.body(cp))));

        ConfigReply host = new ConfigReply(List.of(new AssignedAddress(ip("10.3.0.1"), 32)), List.of(), List.of());
        assertEquals(List.of(attribute(INTERNAL_IP4_ADDRESS, "0a030001")), ConfigAttributes.reply(host).attributes(),
                "no netmask for a /32");
        assertEquals(host, ConfigAttributes.readReply(ConfigAttributes.reply(host)));
    }

    @Test
    void readingAReplySkipsEmptyAndForeignAttributesAndClearsHostBitsOfSubnets() throws Exception {
        ConfigReply reply = ConfigAttributes.readReply(cp(ConfigType.CFG_REPLY, attribute(INTERNAL_IP4_DNS, ""),
                new ConfigurationAttribute(28672, HEX.parseHex("68656c6c6f")), // a Cisco banner
                attribute(INTERNAL_IP4_SUBNET, "0a010203" + "ffff0000"),
                attribute(INTERNAL_IP6_SUBNET, "20010db8000100000000000000000001" + "30")));
        assertEquals(new ConfigReply(List.of(), List.of(), List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("2001:db8:1::/48"))),
                reply);
    }

    @Test
    void aReplyForLeasesCarriesThePoolsThatGaveThem() {
        PoolConfig v4 = new PoolConfig("v4", List.of(AddressRange.cidr(ip("10.3.0.0"), 24)), List.of(ip("192.0.2.53")),
                List.of(IpPrefix.parse("10.1.0.0/16")));
        PoolConfig v6 = new PoolConfig("v6", List.of(AddressRange.cidr(ip("2001:db8:3::"), 64)), List.of(ip("2001:db8::53")),
                List.of());
        PoolConfig unused = new PoolConfig("unused", List.of(AddressRange.cidr(ip("10.9.0.0"), 24)), List.of(ip("192.0.2.99")),
                List.of());
        ConfigReply reply = ConfigReply.of(List.of(new Lease("v4", "alice", ip("10.3.0.1")), new Lease("v6", "alice", ip("2001:db8:3::1"))),
                List.of(v4, unused, v6));
        assertEquals(new ConfigReply(List.of(new AssignedAddress(ip("10.3.0.1"), 32), new AssignedAddress(ip("2001:db8:3::1"), 64)),
                List.of(ip("192.0.2.53"), ip("2001:db8::53")), List.of(IpPrefix.parse("10.1.0.0/16"))), reply);
        assertThrows(IllegalArgumentException.class, () -> new ConfigReply(List.of(new AssignedAddress(ip("10.3.0.1"), 24),
                new AssignedAddress(ip("10.4.0.1"), 16)), List.of(), List.of()), "one netmask for every IPv4 address");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            INTERNAL_IP4_ADDRESS | 0a0300       | CP attribute 1 (INTERNAL_IP4_ADDRESS): 3 octets, where RFC 7296 §3.15.1 allows 0 or 4
            INTERNAL_IP4_ADDRESS | 0a03000100   | CP attribute 1 (INTERNAL_IP4_ADDRESS): 5 octets, where RFC 7296 §3.15.1 allows 0 or 4
            INTERNAL_IP6_ADDRESS | 20010db8000300000000000000000001 | CP attribute 1 (INTERNAL_IP6_ADDRESS): 16 octets, where RFC 7296 §3.15.1 allows 0 or 17
            INTERNAL_IP6_ADDRESS | 20010db800030000000000000000000181 | CP attribute 1 (INTERNAL_IP6_ADDRESS): prefix length 129, more than 128
            INTERNAL_IP4_NETMASK | ff00ff00     | CP attribute 1 (INTERNAL_IP4_NETMASK): the netmask 255.0.255.0 is not contiguous
            INTERNAL_IP4_NETMASK | ffffff       | CP attribute 1 (INTERNAL_IP4_NETMASK): 3 octets, where RFC 7296 §3.15.1 allows 0 or 4
            INTERNAL_IP4_DNS     | 20010db8000000000000000000000053 | CP attribute 1 (INTERNAL_IP4_DNS): 16 octets, where RFC 7296 §3.15.1 allows 0 or 4
            INTERNAL_IP6_DNS     | c0000235     | CP attribute 1 (INTERNAL_IP6_DNS): 4 octets, where RFC 7296 §3.15.1 allows 0 or 16
            INTERNAL_IP4_SUBNET  | 0a010000ffff | CP attribute 1 (INTERNAL_IP4_SUBNET): 6 octets, where RFC 7296 §3.15.1 allows 0 or 8
            INTERNAL_IP4_SUBNET  | 0a0100000000ffff | CP attribute 1 (INTERNAL_IP4_SUBNET): the netmask 0.0.255.255 is not contiguous
            INTERNAL_IP6_SUBNET  | 20010db80001000000000000000000008a | CP attribute 1 (INTERNAL_IP6_SUBNET): prefix length 138, more than 128
            """)
    void malformedValuesAreRefusedInRequestsAndReplies(ConfigAttributeType type, String hex, String message) {
        for (ConfigType cfg : List.of(ConfigType.CFG_REQUEST, ConfigType.CFG_REPLY)) {
            ConfigurationPayload cp = cp(cfg, attribute(type, hex), attribute(INTERNAL_IP4_ADDRESS, "0a030001"));
            ConfigAttributeException e = assertThrows(ConfigAttributeException.class, () -> {
                if (cfg == ConfigType.CFG_REQUEST) {
                    ConfigAttributes.readRequest(cp);
                } else {
                    ConfigAttributes.readReply(cp);
                }
            });
            assertEquals(message, e.getMessage(), cfg.name());
        }
    }

    @Test
    void aReplyWithTwoNetmasksOrANetmaskAloneIsRefused() {
        assertEquals("CP attribute 3 (INTERNAL_IP4_NETMASK): a second netmask: only one is allowed (RFC 7296 §3.15.1)",
                assertThrows(ConfigAttributeException.class, () -> ConfigAttributes.readReply(cp(ConfigType.CFG_REPLY,
                        attribute(INTERNAL_IP4_ADDRESS, "0a030001"), attribute(INTERNAL_IP4_NETMASK, "ffffff00"),
                        attribute(INTERNAL_IP4_NETMASK, "ffff0000")))).getMessage());
        assertEquals("CP: INTERNAL_IP4_NETMASK without an INTERNAL_IP4_ADDRESS, which it must come with (RFC 7296 §3.15.1)",
                assertThrows(ConfigAttributeException.class, () -> ConfigAttributes.readReply(cp(ConfigType.CFG_REPLY,
                        attribute(INTERNAL_IP4_NETMASK, "ffffff00")))).getMessage());
    }

    @Test
    void theCfgTypeMustFit() {
        assertEquals("CP: CFG type 2 (CFG_REPLY) where a CFG_REQUEST belongs", assertThrows(ConfigAttributeException.class,
                () -> ConfigAttributes.readRequest(cp(ConfigType.CFG_REPLY))).getMessage());
        assertEquals("CP: CFG type 9 (unknown) where a CFG_REPLY belongs", assertThrows(ConfigAttributeException.class,
                () -> ConfigAttributes.readReply(new ConfigurationPayload(9, List.of()))).getMessage());
    }
}
