package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.interop.RoadWarriorConfig;
import dev.petrel.testkit.interop.StrongSwanPeer;
import dev.petrel.testkit.interop.SwanctlChildSa;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.RoadWarriorNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Petrel's daemon as the road warrior of a strongSwan 5.9 gateway in the road-warrior test bed
 * ({@link RoadWarriorNetwork}), one case per way of authenticating: EAP-MSCHAPv2, EAP-TLS (TLS 1.3), EAP-MD5 (no MSK:
 * the AUTH payloads after EAP use SK_p), a certificate round then an EAP-MSCHAPv2 round (RFC 4739), and EAP-only
 * (RFC 5998: the gateway proves itself by the MSK alone). In each, Petrel takes the gateway's lease, both sides list the
 * same IKE_SA and CHILD_SA, the lease pings the inside host through the tunnel, and Petrel's terminate clears both.
 */
class PetrelRoadWarriorInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PINGS = 3;
    private static final int LOG_LEVEL = 1;
    private static final String LEASE = "10.3.0.1";

    @TempDir
    Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    /**
     * One way of authenticating: Petrel's client as {@code client} makes of a configuration, strongSwan's gateway with
     * {@code settings}; whether the gateway signs (all but EAP-only), and lines its log must have.
     */
    record Case(String name, Function<RoadWarriorConfig, RoadWarriorConfig.Client> client, Map<String, String> settings,
            boolean gatewaySigns, List<String> logged) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("EAP-MSCHAPv2", c -> RoadWarriorConfig.mschapv2("dave", "dave-test-secret-333"), Map.of(), true,
                        List.of("EAP method EAP_MSCHAPV2 succeeded, MSK established")),
                new Case("EAP-TLS", c -> c.tlsClient("erin"), RoadWarriorConfig.TLS_13, true,
                        List.of("negotiated TLS 1.3", "EAP method EAP_TLS succeeded, MSK established")),
                // no MSK: both AUTH payloads after EAP are keyed with SK_pi and SK_pr (RFC 7296 §2.16)
                new Case("EAP-MD5", c -> RoadWarriorConfig.md5("fay", "fay-test-secret-4444"), Map.of(), true,
                        List.of("EAP method EAP_MD5 succeeded, no MSK established")),
                // RFC 4739: local-2 names no identity, so Petrel's second round opens with its first IDi again
                new Case("certificate then EAP-MSCHAPv2", c -> c.certificateThenMschapv2("gus", "gus-test-secret-55555"),
                        Map.of(), true, List.of("authentication of 'gus@cert.petrel.test' with ECDSA_WITH_SHA256_DER "
                        + "successful", "received EAP identity 'gus@eap.petrel.test'")),
                // RFC 5998: the gateway sends neither certificate nor signature, just its MSK AUTH after EAP
                new Case("EAP-only EAP-MSCHAPv2", c -> RoadWarriorConfig.eapOnlyMschapv2("hal", "hal-test-secret-666666"),
                        Map.of(), false, List.of("authentication of 'gateway.petrel.test' (myself) with EAP")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void petrelIsTheClientOfAStrongSwanGateway(Case c) throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        RoadWarriorConfig.Client client = c.client().apply(config);
        String log = connect(config, client, c.settings());
        assertLogged(log, c.logged().toArray(String[]::new));
        assertLogged(log, "authentication of '" + client.identity() + "' with EAP successful");
        assertEquals(c.gatewaySigns(), log.contains("authentication of '" + RoadWarriorConfig.GATEWAY_ID
                + "' (myself) with ECDSA_WITH_SHA256_DER successful"), "whether strongSwan signed:\n" + log);
    }

    private static void assertLogged(String log, String... lines) {
        for (String line : lines) {
            assertTrue(log.contains(line), "strongSwan's log has no '" + line + "':\n" + log);
        }
    }

    /**
     * A strongSwan gateway for {@code client} (with {@code settings} for charon), Petrel's daemon as that client:
     * initiates, checks both listings (identities, EAP identity, lease, SPIs), the lease on Petrel's TUN device and
     * pings through the tunnel, then terminates and checks that both sides let go. Returns the gateway's log.
     */
    private String connect(RoadWarriorConfig config, RoadWarriorConfig.Client client, Map<String, String> settings)
            throws Exception {
        try (Networks.Counted network = Networks.count("rwj");
             RoadWarriorNetwork net = RoadWarriorNetwork.create("rwj", 1);
             StrongSwanPeer gateway = config.startStrongSwanGateway(net, dir.resolve("sw"), List.of(client), settings,
                     LOG_LEVEL);
             DaemonProcess petrel = DaemonProcess.start(net::register, net.client(1), dir, "client",
                     config.clientConf(client), config.clientFiles(client), logs)) {
            CommandResult up = petrel.control().initiate(RoadWarriorConfig.CLIENT_CONNECTION);
            assertTrue(up.ok(), up.toString());
            IkeSaStatus ours = petrel.control().listSas().getFirst();
            SwanctlIkeSa theirs = gateway.awaitSas(sas -> sas.size() == 1 && !sas.getFirst().remoteVirtualIps().isEmpty()
                    && sas.getFirst().children().size() == 1, "the gateway's IKE_SA with Petrel's lease", WAIT).getFirst();
            assertEquals(List.of(IkeSaState.ESTABLISHED, client.identity(), RoadWarriorConfig.GATEWAY_ID, List.of(LEASE)),
                    List.of(ours.state(), ours.localId(), ours.remoteId(), ours.localVirtualIps()), "Petrel's IKE_SA: " + ours);
            assertEquals(List.of(client.connection(), "ESTABLISHED", client.identity(), ours.localVirtualIps()),
                    List.of(theirs.name(), theirs.state(), theirs.attributes().get("remote-id"), theirs.remoteVirtualIps()),
                    "strongSwan's IKE_SA: " + theirs);
            assertEquals(List.of(String.format("%016x", theirs.initiatorSpi()), String.format("%016x", theirs.responderSpi())),
                    List.of(ours.initiatorSpi(), ours.responderSpi()), "the same IKE_SA on both sides");
            ChildSaStatus ourChild = ours.children().getFirst();
            SwanctlChildSa theirChild = theirs.children().getFirst();
            assertEquals(List.of(String.format("%08x", theirChild.spiOut()), String.format("%08x", theirChild.spiIn())),
                    List.of(ourChild.spiIn(), ourChild.spiOut()), "the same CHILD_SA on both sides");
            assertEquals(List.of(List.of(LEASE + "/32"), List.of(RoadWarriorNetwork.INSIDE_NETWORK)),
                    List.of(ourChild.localTs(), ourChild.remoteTs()), "Petrel's selectors narrowed to the lease");
            assertTrue(Ip.in(net.client(1), "-4", "-br", "addr", "show", "dev", DaemonProcess.TUN).contains(LEASE + "/32"),
                    "the lease is on Petrel's TUN device");

            dev.petrel.testkit.exec.CommandResult ping = Commands.run(List.of("ip", "netns", "exec", net.client(1), "ping",
                    "-n", "-q", "-c", Integer.toString(PINGS), "-i", "0.05", "-w", "10",
                    RoadWarriorNetwork.INSIDE_HOST.getHostAddress()), Map.of(), WAIT);
            assertTrue(ping.stdout().contains(PINGS + " received"), "Petrel's host pings the inside host:" + ping.output());
            ChildSaStatus counted = petrel.control().listSas().getFirst().children().getFirst();
            assertTrue(counted.packetsOut() >= PINGS && counted.packetsIn() >= PINGS, "the pings crossed the CHILD_SA: "
                    + counted);
            assertEquals(client.eapIdentity(), theirs.attributes().getOrDefault("remote-eap-id", client.identity()),
                    "strongSwan's EAP identity of Petrel");

            assertTrue(petrel.control().terminate(RoadWarriorConfig.CLIENT_CONNECTION).ok());
            gateway.awaitSas(List::isEmpty, "no IKE_SA once Petrel terminated", WAIT);
            assertEquals(List.of(), petrel.control().listSas(), "Petrel let go of the IKE_SA");
            assertEquals("", Ip.in(net.client(1), "-4", "addr", "show", "dev", DaemonProcess.TUN).lines()
                    .filter(l -> l.contains(LEASE)).collect(Collectors.joining()), "the lease left the TUN device");
            assertEquals(0, petrel.stop(), "the client stops cleanly");
            return gateway.logText();
        }
    }
}
