package dev.petrel.ike.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.petrel.testkit.fuzz.MutationInputs;
import dev.petrel.wire.ike.ConfigAttributeType;
import dev.petrel.wire.ike.ConfigType;
import dev.petrel.wire.ike.ConfigurationAttribute;
import dev.petrel.wire.ike.ConfigurationPayload;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.PayloadChain;
import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigAttributes#readRequest} and {@link ConfigAttributes#readReply} on mutated and random CP payload
 * bodies. The property: each either reads the attributes or throws {@link ConfigAttributeException}, nothing else,
 * and what it reads is written back to attributes that read the same; a payload of the other CFG type is refused.
 * Every body is read both as a request and as a reply. Inputs are in the {@link MutationInputs} format over eight
 * genuine bodies (strongSwan's and Windows' requests, wishes, replies with and without a netmask); without
 * JAZZER_FUZZ=1, {@link #decode} replays {@code ConfigAttributesFuzzTestInputs/decode}, and
 * {@link #mutatedBodiesRegression} runs 10,000 seeded inputs in every build.
 */
class ConfigAttributesFuzzTest {
    private static final byte[][] GENUINE = genuine();

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        check(input);
    }

    @Test
    void mutatedBodiesRegression() {
        Random random = new Random(7296);
        int read = 0;
        for (int n = 0; n < 10_000; n++) {
            read += check(MutationInputs.seeded(random, 80, 120));
        }
        assertTrue(read > 1000, "most mutations of the genuine bodies still read: " + read);
    }

    @Test
    void genuineBodiesRead() {
        for (int i = 0; i < GENUINE.length; i++) {
            assertEquals(2, check(new byte[] {(byte) i}), "genuine body " + i + " reads as a request and as a reply");
        }
    }

    /** Runs one input; returns how many of the two readers accepted it. */
    private static int check(byte[] input) {
        byte[] body = MutationInputs.message(GENUINE, input);
        ConfigurationPayload cp;
        try {
            cp = ConfigAttributesTest.fromWire(body);
        } catch (IkeDecodeException e) {
            return 0; // wire's own refusal, e.g. an attribute running past the payload
        }
        return readsBack(ConfigType.CFG_REQUEST, ConfigAttributes::readRequest, ConfigAttributes::request, cp)
                + readsBack(ConfigType.CFG_REPLY, ConfigAttributes::readReply, ConfigAttributes::reply, cp);
    }

    /** A reader of CP payloads, {@link ConfigAttributes#readRequest} or {@link ConfigAttributes#readReply}. */
    private interface Reader<T> {
        T read(ConfigurationPayload cp) throws ConfigAttributeException;
    }

    /**
     * 1 if {@code read} reads {@code cp}'s attributes as a payload of {@code type}, and reads what {@code write}
     * makes of that alike; 0 if it refuses them. {@code cp} itself, of another type, it refuses.
     */
    private static <T> int readsBack(ConfigType type, Reader<T> read, Function<T, ConfigurationPayload> write,
            ConfigurationPayload cp) {
        if (cp.configType() != type.value()) {
            assertThrows(ConfigAttributeException.class, () -> read.read(cp));
        }
        try {
            T value = read.read(new ConfigurationPayload(type.value(), cp.attributes()));
            assertEquals(value, read.read(write.apply(value)));
            return 1;
        } catch (ConfigAttributeException e) {
            assertTrue(e.getMessage().startsWith("CP"), e.getMessage());
            return 0;
        }
    }

    private static byte[][] genuine() {
        InetAddress v4 = InetAddress.ofLiteral("10.3.0.7");
        InetAddress v6 = InetAddress.ofLiteral("2001:db8:3::7");
        List<InetAddress> dns = List.of(InetAddress.ofLiteral("192.0.2.53"), InetAddress.ofLiteral("2001:db8::53"));
        List<IpPrefix> subnets = List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("2001:db8:1::/48"));
        ConfigurationPayload windows = new ConfigurationPayload(ConfigType.CFG_REQUEST.value(), List.of(
                empty(ConfigAttributeType.INTERNAL_IP4_ADDRESS), empty(ConfigAttributeType.INTERNAL_IP4_NETMASK),
                empty(ConfigAttributeType.INTERNAL_IP4_DNS), empty(ConfigAttributeType.INTERNAL_IP4_NBNS),
                new ConfigurationAttribute(23456, new byte[0]), empty(ConfigAttributeType.INTERNAL_IP6_ADDRESS),
                empty(ConfigAttributeType.INTERNAL_IP6_DNS)));
        List<ConfigurationPayload> cps = List.of(
                ConfigAttributes.request(new ConfigRequest(List.of(AddressWish.any(4), AddressWish.any(6)),
                        Set.of(ConfigAttributeType.INTERNAL_IP4_DNS, ConfigAttributeType.INTERNAL_IP6_DNS))),
                windows,
                ConfigAttributes.request(new ConfigRequest(List.of(new AddressWish(4, Optional.of(v4)),
                        new AddressWish(6, Optional.of(v6))), Set.of())),
                ConfigAttributes.request(new ConfigRequest(List.of(AddressWish.any(4)), ConfigRequest.OTHERS)),
                ConfigAttributes.reply(new ConfigReply(List.of(new AssignedAddress(v4, 32)), dns.subList(0, 1), subnets.subList(0, 1))),
                ConfigAttributes.reply(new ConfigReply(List.of(new AssignedAddress(v6, 64)), dns.subList(1, 2), subnets.subList(1, 2))),
                ConfigAttributes.reply(new ConfigReply(List.of(new AssignedAddress(v4, 24)), dns, List.of())),
                ConfigAttributes.reply(new ConfigReply(List.of(new AssignedAddress(v4, 28), new AssignedAddress(v6, 64)), dns, subnets)));
        return cps.stream().map(PayloadChain::body).toArray(byte[][]::new);
    }

    private static ConfigurationAttribute empty(ConfigAttributeType type) {
        return new ConfigurationAttribute(type.value(), new byte[0]);
    }
}
