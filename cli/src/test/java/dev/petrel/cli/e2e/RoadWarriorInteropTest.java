package dev.petrel.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.interop.RoadWarriorClient;
import dev.petrel.testkit.interop.RoadWarriorConfig;
import dev.petrel.testkit.interop.StrongSwanPeer;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.RoadWarriorNetwork;
import dev.petrel.testkit.netns.UsesNamespaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote access against strongSwan 5.9 in the road-warrior test bed ({@link RoadWarriorNetwork}): Petrel's daemon as
 * the gateway of three strongSwan clients behind one NAT (two EAP-MSCHAPv2, one EAP-TLS), each given its own virtual
 * IP from Petrel's pool; and Petrel as the EAP-MSCHAPv2 client of a strongSwan gateway. The configurations are the
 * test bed's swanctl.conf files, read by both implementations unchanged.
 */
@UsesNamespaces(strongSwan = true)
class RoadWarriorInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PINGS = 3;
    private static final int LOG_LEVEL = 1;
    /** EAP-TLS with a JDK peer: only TLS 1.3 gives both sides the MSK (strongSwan's libtls lacks RFC 7627). */
    private static final Map<String, String> TLS_13 = Map.of("charon.tls.version_max", "1.3");

    @TempDir
    Path dir;

    @RegisterExtension
    final FailureLogs logs = new FailureLogs();

    @Test
    void threeStrongSwanClientsBehindANatGetAddressesFromPetrelsPool() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        List<RoadWarriorConfig.Client> users = List.of(new RoadWarriorConfig.Mschapv2("alice", "alice-test-secret-1"),
                new RoadWarriorConfig.Mschapv2("bob", "bob-test-secret-22"), config.tlsClient("carol"));
        List<RoadWarriorClient> clients = new ArrayList<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
             RoadWarriorNetwork net = RoadWarriorNetwork.create("rwp", users.size());
             DaemonProcess gateway = petrel(net, net.gateway(), "gateway", config.gatewayConf(users), config.gatewayFiles())) {
            try {
                for (int i = 0; i < users.size(); i++) {
                    clients.add(RoadWarriorClient.start(net, i + 1, dir, config, users.get(i), TLS_13, LOG_LEVEL));
                }
                List<Future<SwanctlIkeSa>> connecting = clients.stream().map(c -> parallel.submit(() -> c.connect(WAIT))).toList();
                List<SwanctlIkeSa> theirs = new ArrayList<>();
                for (Future<SwanctlIkeSa> f : connecting) {
                    theirs.add(f.get());
                }
                Set<String> virtualIps = theirs.stream().map(sa -> sa.localVirtualIps().getFirst()).collect(Collectors.toSet());
                assertEquals(Set.of("10.3.0.1", "10.3.0.2", "10.3.0.3"), virtualIps, "three leases of " + RoadWarriorConfig.POOL);

                Map<String, IkeSaStatus> ours = gateway.control().listSas().stream()
                        .collect(Collectors.toMap(IkeSaStatus::remoteId, Function.identity()));
                for (int i = 0; i < clients.size(); i++) {
                    RoadWarriorConfig.Client user = users.get(i);
                    IkeSaStatus sa = ours.get(user.identity());
                    String connection = user instanceof RoadWarriorConfig.Tls
                            ? RoadWarriorConfig.TLS_CONNECTION : RoadWarriorConfig.MSCHAPV2_CONNECTION;
                    assertEquals(List.of(connection, RoadWarriorNetwork.ROUTER_PUBLIC.getHostAddress(), user.identity(),
                            theirs.get(i).localVirtualIps()), List.of(sa.connection(), sa.remoteHost(), sa.remoteEapId(),
                            sa.remoteVirtualIps()), "Petrel's view of " + user);
                    assertEquals(String.format("%016x", theirs.get(i).initiatorSpi()), sa.initiatorSpi(), "the same IKE_SA on both sides");
                    assertEquals(List.of(theirs.get(i).localVirtualIps().getFirst() + "/32"),
                            sa.children().getFirst().remoteTs(), "the client's selectors narrowed to its lease");
                }
                for (RoadWarriorClient client : clients) {
                    assertEquals(PINGS, client.ping(RoadWarriorNetwork.INSIDE_HOST, PINGS),
                            client.client() + " pings the inside host through Petrel from " + client.virtualIp());
                }
                for (IkeSaStatus sa : gateway.control().listSas()) {
                    assertTrue(sa.children().getFirst().packetsIn() >= PINGS, "the pings crossed " + sa.remoteVirtualIps()
                            + "'s own CHILD_SA: " + sa.children().getFirst());
                }
                for (RoadWarriorClient client : clients) {
                    client.disconnect();
                }
                gateway.awaitSas(List::isEmpty, "no IKE SA after every client's terminate", WAIT);
            } finally {
                for (RoadWarriorClient client : clients) {
                    client.close();
                }
            }
            assertEquals(0, gateway.stop(), "the gateway stops cleanly");
        }
    }

    @Test
    void petrelIsTheEapClientOfAStrongSwanGateway() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        RoadWarriorConfig.Client dave = new RoadWarriorConfig.Mschapv2("dave", "dave-test-secret-333");
        try (RoadWarriorNetwork net = RoadWarriorNetwork.create("rwq", 1);
             StrongSwanPeer gateway = config.startStrongSwanGateway(net, dir.resolve("sw"), List.of(dave), LOG_LEVEL);
             DaemonProcess client = petrel(net, net.client(1), "client", config.clientConf(dave), config.clientFiles(dave))) {
            CommandResult up = client.control().initiate(RoadWarriorConfig.CLIENT_CONNECTION);
            assertTrue(up.ok(), up.toString());
            IkeSaStatus ours = client.control().listSas().getFirst();
            SwanctlIkeSa theirs = gateway.awaitSas(sas -> sas.size() == 1 && !sas.getFirst().remoteVirtualIps().isEmpty(),
                    "the gateway's IKE_SA with Petrel's lease", WAIT).getFirst();
            assertEquals(List.of("10.3.0.1"), ours.localVirtualIps(), "Petrel took the lease");
            assertEquals(ours.localVirtualIps(), theirs.remoteVirtualIps(), "the same lease on both sides");
            assertEquals(RoadWarriorConfig.MSCHAPV2_CONNECTION, theirs.name());
            assertTrue(Ip.in(net.client(1), "-4", "-br", "addr", "show", "dev", DaemonProcess.TUN).contains("10.3.0.1/32"),
                    "the lease is on Petrel's TUN device");
            dev.petrel.testkit.exec.CommandResult ping = Commands.run(List.of("ip", "netns", "exec", net.client(1), "ping",
                    "-n", "-q", "-c", Integer.toString(PINGS), "-i", "0.05", "-w", "10",
                    RoadWarriorNetwork.INSIDE_HOST.getHostAddress()), Map.of(), WAIT);
            assertTrue(ping.stdout().contains(PINGS + " received"), "Petrel's host pings the inside host:" + ping.output());

            assertTrue(client.control().terminate(RoadWarriorConfig.CLIENT_CONNECTION).ok());
            gateway.awaitSas(List::isEmpty, "no IKE_SA once Petrel terminated", WAIT);
            assertEquals("", Ip.in(net.client(1), "-4", "addr", "show", "dev", DaemonProcess.TUN).lines()
                    .filter(l -> l.contains("10.3.0.1")).collect(Collectors.joining()), "the lease left the TUN device");
            assertEquals(0, client.stop(), "the client stops cleanly");
        }
    }

    /** Petrel's daemon in {@code namespace}, its swanctl.conf and swanctl folder files in a folder of its own. */
    private DaemonProcess petrel(RoadWarriorNetwork net, String namespace, String name, String conf, Map<String, String> files)
            throws Exception {
        Path folder = dir.resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        return DaemonProcess.launch(net::register, namespace, folder, name, conf, logs).awaitReady();
    }
}
