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
import dev.petrel.testkit.netns.UsesNamespaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Petrel's daemon as the road warrior of a strongSwan 5.9 gateway in the road-warrior test bed
 * ({@link RoadWarriorNetwork}), one case per way of authenticating: EAP-MSCHAPv2, EAP-TLS (TLS 1.3), EAP-MD5 (no MSK:
 * the AUTH payloads after EAP use SK_p), a certificate round then an EAP-MSCHAPv2 round (RFC 4739), and EAP-only
 * (RFC 5998: the gateway proves itself by the MSK alone). In each, Petrel takes the gateway's lease, both sides list the
 * same IKE_SA and CHILD_SA, the lease pings the inside host through the tunnel, and Petrel's terminate clears both.
 */
@UsesNamespaces(strongSwan = true)
class PetrelRoadWarriorInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PINGS = 3;
    private static final int LOG_LEVEL = 1;
    private static final String LEASE = "10.3.0.1";

    @TempDir
    Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    @Test
    void petrelIsTheEapMschapv2ClientOfAStrongSwanGateway() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        connect(RoadWarriorConfig.create(), new RoadWarriorConfig.Mschapv2("dave", "dave-test-secret-333"), Map.of(),
                (ours, theirs, gateway) -> assertTrue(gateway.logText().contains("authentication of 'dave@eap.petrel.test' "
                        + "with EAP successful"), "strongSwan authenticated Petrel by EAP-MSCHAPv2"));
    }

    @Test
    void petrelIsTheEapTlsClientOfAStrongSwanGateway() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        connect(config, config.tlsClient("erin"), RoadWarriorConfig.TLS_13, (ours, theirs, gateway) -> {
            String log = gateway.logText();
            assertTrue(log.contains("negotiated TLS 1.3"), "strongSwan's EAP-TLS server negotiated TLS 1.3");
            assertTrue(log.contains("authentication of 'erin@tls.petrel.test' with EAP successful"),
                    "strongSwan authenticated Petrel by EAP-TLS");
        });
    }

    /** EAP-MD5 derives no MSK: both AUTH payloads after EAP are keyed with SK_pi and SK_pr (RFC 7296 §2.16). */
    @Test
    void petrelIsTheEapMd5ClientOfAStrongSwanGateway() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        connect(RoadWarriorConfig.create(), new RoadWarriorConfig.Md5("fay", "fay-test-secret-4444"), Map.of(),
                (ours, theirs, gateway) -> {
                    String log = gateway.logText();
                    assertTrue(log.contains("EAP method EAP_MD5 succeeded, no MSK established"), "strongSwan's MD5 round");
                    assertTrue(log.contains("authentication of 'fay@md5.petrel.test' with EAP successful"),
                            "strongSwan verified Petrel's SK_pi AUTH");
                });
    }

    /**
     * RFC 4739: Petrel proves its certificate identity in a first round and its EAP identity by EAP-MSCHAPv2 in a
     * second; the strongSwan gateway's connection asks for both rounds ({@code remote-1}, {@code remote-2}).
     */
    @Test
    void petrelAuthenticatesByCertificateThenEapToAStrongSwanGateway() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        RoadWarriorConfig.CertificateThenMschapv2 gus = config.certificateThenMschapv2("gus", "gus-test-secret-55555");
        connect(config, gus, Map.of(), (ours, theirs, gateway) -> {
            assertEquals(gus.eapIdentity(), theirs.attributes().get("remote-eap-id"), "strongSwan's EAP identity of Petrel");
            String log = gateway.logText();
            assertTrue(log.contains("authentication of 'gus@cert.petrel.test' with ECDSA_WITH_SHA256_DER successful"),
                    "the first round: Petrel's certificate");
            // local-2 names no identity: Petrel opens the second round with its first round's IDi again
            assertTrue(log.contains("received EAP identity 'gus@eap.petrel.test'")
                    && log.contains("authentication of 'gus@cert.petrel.test' with EAP successful"), "the second round: EAP");
        });
    }

    /** RFC 5998: the gateway sends neither certificate nor signature; Petrel accepts its MSK AUTH after EAP-MSCHAPv2. */
    @Test
    void petrelAcceptsAStrongSwanGatewayThatAuthenticatesByEapOnly() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        connect(RoadWarriorConfig.create(), new RoadWarriorConfig.EapOnlyMschapv2("hal", "hal-test-secret-666666"),
                Map.of(), (ours, theirs, gateway) -> {
                    String log = gateway.logText();
                    assertTrue(log.contains("authentication of 'gateway.petrel.test' (myself) with EAP"),
                            "strongSwan proved itself by the MSK");
                    assertTrue(!log.contains("with ECDSA"), "and signed nothing");
                });
    }

    /** What a case checks beyond the common ones, with both sides' IKE_SAs up. */
    @FunctionalInterface
    private interface Check {
        void check(IkeSaStatus ours, SwanctlIkeSa theirs, StrongSwanPeer gateway) throws Exception;
    }

    /**
     * A strongSwan gateway for {@code client} (with {@code settings} for charon), Petrel's daemon as that client:
     * initiates, checks both listings, the lease on Petrel's TUN device and pings through the tunnel, runs
     * {@code check}, then terminates and checks that both sides let go.
     */
    private void connect(RoadWarriorConfig config, RoadWarriorConfig.Client client, Map<String, String> settings, Check check)
            throws Exception {
        try (RoadWarriorNetwork net = RoadWarriorNetwork.create("rwj", 1);
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
            check.check(ours, theirs, gateway);

            assertTrue(petrel.control().terminate(RoadWarriorConfig.CLIENT_CONNECTION).ok());
            gateway.awaitSas(List::isEmpty, "no IKE_SA once Petrel terminated", WAIT);
            assertEquals(List.of(), petrel.control().listSas(), "Petrel let go of the IKE_SA");
            assertEquals("", Ip.in(net.client(1), "-4", "addr", "show", "dev", DaemonProcess.TUN).lines()
                    .filter(l -> l.contains(LEASE)).collect(Collectors.joining()), "the lease left the TUN device");
            assertEquals(0, petrel.stop(), "the client stops cleanly");
        }
    }
}
