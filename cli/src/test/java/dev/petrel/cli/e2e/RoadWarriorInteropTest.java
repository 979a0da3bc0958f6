package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.gateway.control.PoolLeaseStatus;
import dev.petrel.testkit.exec.Parallel;
import dev.petrel.testkit.interop.RoadWarriorClient;
import dev.petrel.testkit.interop.RoadWarriorConfig;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.testkit.netns.RoadWarriorNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Petrel's daemon as the remote-access gateway of strongSwan 5.9 road warriors in the road-warrior test bed
 * ({@link RoadWarriorNetwork}), all behind one NAT and connecting at once: clients of each EAP method (EAP-MSCHAPv2,
 * EAP-TLS, EAP-MD5) each get their own virtual IP from Petrel's pool and ping through their own CHILD_SA; a client of
 * two rounds (RFC 4739: certificate, then EAP-MSCHAPv2) is known by both identities; an EAP-TLS client accepts
 * Petrel's authenticating itself by EAP-TLS alone (RFC 5998); a client with a wrong password is refused while another
 * connects. The configurations are the test bed's swanctl.conf files, read by both
 * implementations unchanged. Petrel as the client of a strongSwan gateway: {@link PetrelRoadWarriorInteropTest}.
 */
class RoadWarriorInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PINGS = 3;
    private static final int LOG_LEVEL = 1;

    @TempDir
    Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    @Test
    void strongSwanClientsOfEachEapMethodBehindANatGetAddressesFromPetrelsPool() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        serve(config, List.of(RoadWarriorConfig.mschapv2("alice", "alice-test-secret-1"),
                RoadWarriorConfig.mschapv2("bob", "bob-test-secret-22"), config.tlsClient("carol"),
                RoadWarriorConfig.md5("frank", "frank-test-secret-7")));
    }

    /**
     * RFC 4739: the client proves its certificate identity ({@code local-1}), then its EAP identity by EAP-MSCHAPv2
     * ({@code local-2}, which names no identity: strongSwan opens that round with its IP address as IDi); Petrel's
     * connection asks for both ({@code remote-1}, {@code remote-2}) and lists the SA under the certificate identity
     * with the EAP identity beside it.
     */
    @Test
    void aStrongSwanClientAuthenticatesByCertificateThenEapToPetrel() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        RoadWarriorConfig.CertificateThenMschapv2 erin = config.certificateThenMschapv2("erin", "erin-test-secret-8");
        IkeSaStatus sa = serve(config, List.of(erin)).petrel().getFirst();
        assertEquals(List.of("erin@cert.petrel.test", "erin@eap.petrel.test"), List.of(sa.remoteId(), sa.remoteEapId()),
                "Petrel's view of the two rounds");
    }

    /**
     * RFC 5998: Petrel's connection authenticates itself by EAP-TLS alone ({@code local { auth = eap-tls }}), sending
     * no AUTH until the MSK; the strongSwan client ({@code remote { auth = eap-tls }}) accepts that, EAP-TLS being a
     * mutual method.
     */
    @Test
    void petrelAuthenticatesToAStrongSwanClientByEapTlsOnly() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        String log = serve(config, List.of(config.eapOnlyTlsClient("ivy"))).clientLogs().getFirst();
        for (String line : List.of("allow mutual EAP-only authentication", "authentication of '"
                + RoadWarriorConfig.GATEWAY_ID + "' with EAP successful")) {
            assertTrue(log.contains(line), "strongSwan's log has no '" + line + "':\n" + log);
        }
        assertFalse(log.contains("authentication of '" + RoadWarriorConfig.GATEWAY_ID + "' with ECDSA"),
                "Petrel signed nothing:\n" + log);
    }

    /**
     * A strongSwan client with the wrong EAP-MSCHAPv2 password is refused (EAP Failure) while a client with the right
     * one connects: strongSwan's initiate fails, Petrel lists only the other client and logs why.
     */
    @Test
    void aStrongSwanClientWithTheWrongPasswordIsRefused() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        RoadWarriorConfig.Password alice = RoadWarriorConfig.mschapv2("alice", "alice-test-secret-1");
        RoadWarriorConfig.Password mallory = RoadWarriorConfig.mschapv2("mallory", "mallory-test-secret-9");
        RoadWarriorConfig.Password guessing = RoadWarriorConfig.mschapv2("mallory", "mallory-guess-secret-9");
        List<RoadWarriorClient> clients = new ArrayList<>();
        try (Networks.Counted network = Networks.count("rwi");
             ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
             RoadWarriorNetwork net = RoadWarriorNetwork.create("rwi", 2);
             DaemonProcess gateway = DaemonProcess.start(net::register, net.gateway(), dir, "gateway",
                     config.gatewayConf(List.of(alice, mallory)), config.gatewayFiles(), logs)) {
            try {
                clients.add(RoadWarriorClient.start(net, 1, dir, config, alice, LOG_LEVEL));
                clients.add(RoadWarriorClient.start(net, 2, dir, config, guessing, LOG_LEVEL));
                Future<SwanctlIkeSa> connecting = parallel.submit(() -> clients.getFirst().connect(WAIT));
                IOException refused = assertThrows(IOException.class, () -> clients.getLast().connect(WAIT),
                        "strongSwan's initiate with the wrong password");
                assertTrue(refused.getMessage().contains("establishing CHILD_SA '" + RoadWarriorConfig.CHILD + "' failed"),
                        "swanctl reports the failure: " + refused.getMessage());
                assertTrue(clients.getLast().charon().logText().contains("EAP-MS-CHAPv2 failed with error "
                        + "ERROR_AUTHENTICATION_FAILURE"), "the gateway's MSCHAPv2 Failure reached strongSwan");
                assertEquals(List.of(), clients.getLast().charon().listSas(), "strongSwan keeps nothing of the refusal");
                SwanctlIkeSa good = connecting.get();

                // strongSwan answers the MSCHAPv2 Failure request with an INFORMATIONAL AUTHENTICATION_FAILED
                List<IkeSaStatus> ours = gateway.awaitSas(sas -> sas.size() == 1, "alice's IKE SA alone", WAIT);
                assertEquals(List.of(alice.identity(), IkeSaState.ESTABLISHED, String.format("%016x", good.initiatorSpi())),
                        List.of(ours.getFirst().remoteId(), ours.getFirst().state(), ours.getFirst().initiatorSpi()),
                        "Petrel holds alice's IKE SA alone");
                String refusal = RoadWarriorConfig.MSCHAPV2_CONNECTION + ": peer mallory@eap.petrel.test gave up IKE_AUTH "
                        + "with AUTHENTICATION_FAILED; we had refused it: EAP-MSCHAPv2: wrong password for "
                        + "'mallory@eap.petrel.test'";
                String log = gateway.log();
                assertTrue(log.lines().anyMatch(("WARNING: " + refusal)::equals), "Petrel logs the refusal and its "
                        + "reason as a WARNING:\n" + log);
                assertEquals(PINGS, clients.getFirst().ping(RoadWarriorNetwork.INSIDE_HOST, PINGS), "alice still pings");
                clients.getFirst().disconnect();
                gateway.awaitSas(List::isEmpty, "no IKE SA after alice's terminate", WAIT);
            } finally {
                for (RoadWarriorClient client : clients) {
                    client.close();
                }
            }
            assertEquals(0, gateway.stop(), "the gateway stops cleanly");
        }
    }

    /** What {@link #serve} saw: Petrel's IKE SAs and the clients' logs. */
    /** The pool's leases as list-pools shows them, in address order: each client's with its EAP identity. */
    private static List<PoolLeaseStatus> leases(List<SwanctlIkeSa> theirs, List<RoadWarriorConfig.Client> users,
            String status) {
        return IntStream.range(0, users.size()).mapToObj(i -> new PoolLeaseStatus(theirs.get(i).localVirtualIps()
                .getFirst(), users.get(i).eapIdentity(), status))
                .sorted(Comparator.comparing(l -> InetAddress.ofLiteral(l.address()).getAddress()[3])).toList();
    }

    private record Served(List<IkeSaStatus> petrel, List<String> clientLogs) {}

    /**
     * Petrel's gateway for {@code users}, one strongSwan client each connecting at once: each gets its own lease,
     * Petrel lists each IKE_SA under the client's connection, identities, NAT address and lease, with the same SPIs as
     * the client, each pings the inside host through its own CHILD_SA, and every terminate leaves Petrel empty.
     * Returns Petrel's IKE SAs and the clients' charon logs, in the order of {@code users}.
     */
    private Served serve(RoadWarriorConfig config, List<RoadWarriorConfig.Client> users) throws Exception {
        List<RoadWarriorClient> clients = new ArrayList<>();
        try (Networks.Counted network = Networks.count("rwi");
             ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
             RoadWarriorNetwork net = RoadWarriorNetwork.create("rwi", users.size());
             DaemonProcess gateway = DaemonProcess.start(net::register, net.gateway(), dir, "gateway",
                     config.gatewayConf(users), config.gatewayFiles(), logs)) {
            List<IkeSaStatus> served = new ArrayList<>();
            List<String> clientLogs = new ArrayList<>();
            try {
                Parallel.all(parallel, IntStream.range(0, users.size()).<Callable<RoadWarriorClient>>mapToObj(i -> () ->
                        RoadWarriorClient.start(net, i + 1, dir, config, users.get(i), RoadWarriorConfig.TLS_13, LOG_LEVEL))
                        .toList(), clients);
                List<SwanctlIkeSa> theirs = Parallel.all(parallel, clients.stream()
                        .<Callable<SwanctlIkeSa>>map(c -> () -> c.connect(WAIT)).toList());
                Set<String> virtualIps = theirs.stream().map(sa -> sa.localVirtualIps().getFirst()).collect(Collectors.toSet());
                assertEquals(IntStream.rangeClosed(1, users.size()).mapToObj(i -> "10.3.0." + i).collect(Collectors.toSet()),
                        virtualIps, users.size() + " leases of " + RoadWarriorConfig.POOL);

                Map<String, IkeSaStatus> ours = gateway.control().listSas().stream()
                        .collect(Collectors.toMap(IkeSaStatus::remoteId, Function.identity()));
                for (int i = 0; i < clients.size(); i++) {
                    RoadWarriorConfig.Client user = users.get(i);
                    IkeSaStatus sa = ours.get(user.identity());
                    assertEquals(List.of(user.connection(), RoadWarriorNetwork.ROUTER_PUBLIC.getHostAddress(),
                            user.eapIdentity(), theirs.get(i).localVirtualIps()), List.of(sa.connection(), sa.remoteHost(),
                            sa.remoteEapId(), sa.remoteVirtualIps()), "Petrel's view of " + user);
                    assertEquals(List.of(String.format("%016x", theirs.get(i).initiatorSpi()),
                            String.format("%016x", theirs.get(i).responderSpi())), List.of(sa.initiatorSpi(),
                            sa.responderSpi()), "the same IKE_SA on both sides");
                    assertEquals(List.of(String.format("%08x", theirs.get(i).children().getFirst().spiOut())),
                            List.of(sa.children().getFirst().spiIn()), "the same CHILD_SA on both sides");
                    assertEquals(List.of(theirs.get(i).localVirtualIps().getFirst() + "/32"),
                            sa.children().getFirst().remoteTs(), "the client's selectors narrowed to its lease");
                    served.add(sa);
                }
                for (RoadWarriorClient client : clients) {
                    assertEquals(PINGS, client.ping(RoadWarriorNetwork.INSIDE_HOST, PINGS),
                            client.client() + " pings the inside host through Petrel from " + client.virtualIp());
                }
                for (IkeSaStatus sa : gateway.control().listSas()) {
                    assertTrue(sa.children().getFirst().packetsIn() >= PINGS, "the pings crossed " + sa.remoteVirtualIps()
                            + "'s own CHILD_SA: " + sa.children().getFirst());
                }
                assertEquals(leases(theirs, users, "online"), gateway.control().listPools().getFirst().leases(),
                        "list-pools: each lease online for its EAP identity");
                for (RoadWarriorClient client : clients) {
                    client.disconnect();
                    clientLogs.add(client.charon().logText());
                }
                gateway.awaitSas(List::isEmpty, "no IKE SA after every client's terminate", WAIT);
                assertEquals(leases(theirs, users, "offline"), gateway.control().listPools().getFirst().leases(),
                        "list-pools: the leases are kept offline for their identities");
            } finally {
                for (RoadWarriorClient client : clients) {
                    client.close();
                }
            }
            assertEquals(0, gateway.stop(), "the gateway stops cleanly");
            return new Served(served, clientLogs);
        }
    }
}
