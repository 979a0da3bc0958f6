package dev.petrel.cli.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.identity.Identity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options of {@code petrel load}, parsed and checked, without sending anything. */
class LoadCommandTest {
    @TempDir
    Path dir;

    private static LoadCommand parse(String... args) {
        LoadCommand command = new LoadCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsAreBounded() throws Exception {
        LoadPlan plan = parse("192.0.2.2").plan();
        assertEquals(InetAddress.getByName("192.0.2.2"), plan.target().address());
        assertEquals(500, plan.target().port());
        assertEquals(4500, plan.natTraversalPort());
        assertEquals(List.of(), plan.sources());
        assertEquals(PortRange.EPHEMERAL, plan.ports());
        assertEquals(1000, plan.count());
        assertEquals(8, plan.concurrency());
        assertEquals(Duration.ofSeconds(60), plan.duration());
        assertEquals(Duration.ofSeconds(10), plan.timeout());
        assertFalse(plan.keep());
    }

    @Test
    void everyOption() throws Exception {
        LoadPlan plan = parse("192.0.2.2", "--port", "1500", "--nat-t-port", "14500", "--source", "192.0.2.1,192.0.2.3",
                "--ports", "10000-10003", "--count", "5000", "--concurrency", "64", "--duration", "2m", "--timeout", "500ms",
                "--keep", "--hold", "30").plan();
        assertEquals(1500, plan.target().port());
        assertEquals(14500, plan.natTraversalPort());
        assertEquals(List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.3")), plan.sources());
        assertEquals(new PortRange(10000, 10003), plan.ports());
        assertEquals(4, plan.ports().size());
        assertEquals(10003, plan.ports().port(3));
        assertEquals(5000, plan.count());
        assertEquals(64, plan.concurrency());
        assertEquals(Duration.ofMinutes(2), plan.duration());
        assertEquals(Duration.ofMillis(500), plan.timeout());
        assertTrue(plan.keep());
        assertEquals(Duration.ofSeconds(30), plan.hold());
    }

    @Test
    void unboundedOrInconsistentOptionsAreRefused() {
        assertRefused("--count must be 1 to 10000000, got 0", "192.0.2.2", "--count", "0");
        assertRefused("--concurrency must be 1 to 10000, got 20000", "192.0.2.2", "--concurrency", "20000");
        assertRefused("--duration must be positive, got PT0S", "192.0.2.2", "--duration", "0s");
        assertRefused("--timeout 'soon' is not a time such as 30s, 500ms, 2m or 1h", "192.0.2.2", "--timeout", "soon");
        assertRefused("--hold needs --keep: without it each IKE SA is deleted once it is up", "192.0.2.2", "--hold", "5s");
        assertRefused("'gateway.example' is not an IP address (host names are not looked up)", "gateway.example");
        assertRefused("port range 400-600 holds 500, which IKE floats from or to; pick other ports", "192.0.2.2",
                "--ports", "400-600");
        assertRefused("port range '1-2-3' is not PORT or LOW-HIGH", "192.0.2.2", "--ports", "1-2-3");
        assertRefused("port range 2000-1000 is refused", "192.0.2.2", "--ports", "2000-1000");
        assertRefused("the NAT-T port must be a port other than the IKE port 500, got 500", "192.0.2.2",
                "--nat-t-port", "500");
    }

    private static void assertRefused(String message, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args).plan());
        if (message.endsWith(" is refused")) {
            assertTrue(e.getMessage().startsWith("bad port range"), e.getMessage());
        } else {
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    void pskIdentitiesCarryTheHandshakeNumber() throws Exception {
        Path psk = dir.resolve("psk");
        Files.writeString(psk, "a-test-psk-0123456789\r\nsecond line ignored\n");
        Initiators initiators = parse("192.0.2.2", "--psk-file", psk.toString()).initiators();
        InetAddress target = InetAddress.getByName("192.0.2.2");
        assertEquals(Identity.parse("load-7.petrel.test"), initiators.config(7, target).localId());
        assertEquals(Identity.parse("load-8.petrel.test"), initiators.config(8, target).localId());
        assertEquals(target, initiators.config(7, target).remoteAddress());
        assertNull(initiators.config(7, target).localAddress(), "whichever socket it goes from");
        assertArrayEquals("a-test-psk-0123456789".getBytes(StandardCharsets.US_ASCII),
                ((PreSharedKey) initiators.config(7, target).localAuth()).secret());
        assertEquals("load", initiators.childName());
        assertEquals(1, initiators.config(7, target).children().size());
        assertEquals(1, initiators.ike().size());
    }

    @Test
    void proposalsIdentityAndNoChild() throws Exception {
        Path psk = dir.resolve("psk");
        Files.writeString(psk, "a-test-psk-0123456789");
        Initiators initiators = parse("192.0.2.2", "--psk-file", psk.toString(), "--ike-proposals",
                "aes256-sha256-modp2048,aes128gcm16-prfsha256-ecp256", "--local-id", "client.petrel.test", "--no-child")
                .initiators();
        assertEquals(2, initiators.ike().size());
        assertEquals(initiators.config(1, null).localId(), initiators.config(2, null).localId());
        assertEquals(Identity.parse("client.petrel.test"), initiators.config(1, null).localId());
        assertNull(initiators.childName());
        assertEquals(List.of(), initiators.config(1, null).children());
    }

    @Test
    void authenticationIsPskOrAConnection() {
        assertInitiatorsRefused("authenticate with one of --psk-file, --ca-cert and --ca-key, or --config and --connection",
                "192.0.2.2");
        assertInitiatorsRefused("authenticate with one of --psk-file, --ca-cert and --ca-key, or --config and --connection",
                "192.0.2.2", "--psk-file", "/x/psk", "--ca-cert", "/x/ca.pem", "--ca-key", "/x/ca.key");
        assertInitiatorsRefused("--ca-cert and --ca-key go together", "192.0.2.2", "--ca-cert", "/x/ca.pem");
        assertInitiatorsRefused("--config and --connection go together", "192.0.2.2", "--config", "/x/swanctl.conf");
    }

    @Test
    void aSwanctlConnectionGivesAuthProposalsAndChild() throws Exception {
        Path conf = dir.resolve("swanctl.conf");
        Files.writeString(conf, """
                connections {
                  petrel {
                    remote_addrs = 192.0.2.2
                    proposals = aes256gcm16-prfsha384-ecp384
                    local { auth = psk
                      id = left.petrel.test }
                    remote { auth = psk
                      id = right.petrel.test }
                    children { net { local_ts = 198.51.100.0/24
                      remote_ts = 203.0.113.0/24
                      esp_proposals = aes256gcm16 } }
                  }
                }
                secrets { ike { secret = "a-test-psk-0123456789" } }
                """);
        Initiators initiators = parse("192.0.2.2", "--config", conf.toString(), "--connection", "petrel").initiators();
        assertEquals(Identity.parse("left.petrel.test"), initiators.config(3, null).localId());
        assertEquals("net", initiators.childName());
        assertEquals("198.51.100.0/24", initiators.child().localTs().getFirst().toString());
        Initiators numbered = parse("192.0.2.2", "--config", conf.toString(), "--connection", "petrel", "--local-id",
                "c%d.petrel.test", "--esp-proposals", "aes128gcm16").initiators();
        assertEquals(Identity.parse("c3.petrel.test"), numbered.config(3, null).localId());
        assertInitiatorsRefused(conf + " has no connection other", "192.0.2.2", "--config", conf.toString(), "--connection",
                "other");
    }

    private static void assertInitiatorsRefused(String message, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args).initiators());
        assertEquals(message, e.getMessage());
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new LoadCommand()).setErr(new PrintWriter(err)).execute("192.0.2.2", "--count", "0");
        assertEquals(2, status);
        assertEquals("petrel load: --count must be 1 to 10000000, got 0", err.toString().strip());
    }
}
