package dev.petrel.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.testkit.exec.Parallel;
import dev.petrel.testkit.exec.Processes;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.RoadWarriorNetwork;
import dev.petrel.testkit.netns.UsesNamespaces;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The road-warrior test bed with strongSwan on both sides: a strongSwan gateway and three strongSwan clients behind one
 * NAT, two with EAP-MSCHAPv2 and one with EAP-TLS, connecting at once. Each gets its own virtual IP from the pool and
 * reaches the inside host through its own tunnel. Swapping the gateway for Petrel's daemon is meant to be the only
 * change for the interop tests to come.
 */
@UsesNamespaces(strongSwan = true)
class RoadWarriorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PINGS = 3;
    /** Level 1 shows the exchanges (the payloads of each IKE message at level 2 and up). */
    private static final int LOG_LEVEL = 1;

    @TempDir
    Path dir;

    @Test
    void threeClientsBehindOneNatGetDistinctVirtualIpsAndReachTheInsideHost() throws Exception {
        RoadWarriorConfig.assumeAvailable();
        RoadWarriorConfig config = RoadWarriorConfig.create();
        List<RoadWarriorConfig.Client> users = List.of(RoadWarriorConfig.mschapv2("alice", "alice-test-secret-1"),
                RoadWarriorConfig.mschapv2("bob", "bob-test-secret-22"), config.tlsClient("carol"));
        List<Long> pids = new ArrayList<>();
        List<RoadWarriorClient> clients = new ArrayList<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor();
             RoadWarriorNetwork net = RoadWarriorNetwork.create("rwx", users.size());
             StrongSwanPeer gateway = config.startStrongSwanGateway(net, dir, users, LOG_LEVEL)) {
            pids.add(gateway.pid());
            try {
                Parallel.all(parallel, IntStream.range(0, users.size()).<Callable<RoadWarriorClient>>mapToObj(i -> () ->
                        RoadWarriorClient.start(net, i + 1, dir, config, users.get(i), LOG_LEVEL)).toList(), clients);
                clients.forEach(c -> pids.add(c.charon().pid()));
                List<SwanctlIkeSa> theirs = Parallel.all(parallel, clients.stream()
                        .<Callable<SwanctlIkeSa>>map(c -> () -> c.connect(WAIT)).toList());

                Set<String> virtualIps = new HashSet<>();
                for (int i = 0; i < clients.size(); i++) {
                    SwanctlIkeSa sa = theirs.get(i);
                    String vip = sa.localVirtualIps().getFirst();
                    virtualIps.add(vip);
                    assertTrue(inPool(vip), vip + " is a host address of " + RoadWarriorConfig.POOL);
                    assertEquals(List.of(net.clientAddress(i + 1).getHostAddress(), RoadWarriorNetwork.GATEWAY.getHostAddress(),
                            "yes", RoadWarriorConfig.GATEWAY_ID), List.of(sa.localHost(), sa.remoteHost(),
                            sa.attributes().get("nat-local"), sa.attributes().get("remote-id")), "client " + (i + 1) + ": " + sa);
                    SwanctlChildSa child = sa.children().getFirst();
                    assertEquals(List.of(List.of(vip + "/32"), List.of(RoadWarriorNetwork.INSIDE_NETWORK)),
                            List.of(child.localTs(), child.remoteTs()), "the CHILD_SA from the virtual IP");
                    assertLibipsecInstalled(net.client(i + 1), vip);
                }
                assertEquals(clients.size(), virtualIps.size(), "distinct virtual IPs: " + virtualIps);

                Map<String, SwanctlIkeSa> byPeer = gateway.listSas().stream()
                        .collect(Collectors.toMap(sa -> sa.attributes().get("remote-id"), Function.identity()));
                assertEquals(users.stream().map(RoadWarriorConfig.Client::identity).collect(Collectors.toSet()), byPeer.keySet());
                Set<String> ports = new HashSet<>();
                for (int i = 0; i < clients.size(); i++) {
                    SwanctlIkeSa sa = byPeer.get(users.get(i).identity());
                    assertEquals(List.of(users.get(i).connection(), "ESTABLISHED", RoadWarriorNetwork.ROUTER_PUBLIC.getHostAddress(),
                            theirs.get(i).localVirtualIps()), List.of(sa.name(), sa.state(), sa.remoteHost(),
                            sa.remoteVirtualIps()), "the gateway's view of " + users.get(i));
                    assertEquals(theirs.get(i).initiatorSpi(), sa.initiatorSpi(), "the same IKE_SA on both sides");
                    ports.add(sa.attributes().get("remote-port"));
                }
                assertEquals(clients.size(), ports.size(), "the NAT gave each client its own port: " + ports);

                for (RoadWarriorClient client : clients) {
                    assertEquals(PINGS, client.ping(RoadWarriorNetwork.INSIDE_HOST, PINGS),
                            client.client() + " pings the inside host from " + client.virtualIp());
                }
                for (SwanctlIkeSa sa : gateway.listSas()) {
                    SwanctlChildSa child = sa.children().getFirst();
                    assertTrue(Long.parseLong(child.attributes().get("packets-in")) >= PINGS
                            && Long.parseLong(child.attributes().get("packets-out")) >= PINGS,
                            "the pings of " + sa.remoteVirtualIps() + " crossed its own CHILD_SA: " + child.attributes());
                }

                for (RoadWarriorClient client : clients) {
                    client.disconnect();
                }
                gateway.awaitSas(List::isEmpty, "no IKE_SA after every client's terminate", WAIT);
                assertEquals("", Ip.in(net.client(1), "-4", "addr", "show", "dev", "ipsec0"), "the virtual IP is removed");
                assertEquals("", Ip.in(net.client(1), "route", "show", "table", "220"), "the route through ipsec0 is removed");
            } finally {
                for (RoadWarriorClient client : clients) {
                    client.close();
                }
            }
        }
        for (long pid : pids) {
            assertTrue(ProcessHandle.of(pid).map(Processes::exited).orElse(true), "charon " + pid + " still runs");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "every charon's folder is removed");
        }
    }

    /** kernel-libipsec's client side: the virtual IP on ipsec0 and the inside network routed there from it (table 220). */
    private static void assertLibipsecInstalled(String namespace, String vip) throws IOException {
        assertTrue(Ip.in(namespace, "-4", "-br", "addr", "show", "dev", "ipsec0").contains(vip + "/32"),
                "the virtual IP on ipsec0 in " + namespace);
        String route = Ip.in(namespace, "route", "show", "table", "220");
        assertTrue(route.contains(RoadWarriorNetwork.INSIDE_NETWORK + " dev ipsec0") && route.contains("src " + vip),
                "table 220 in " + namespace + ": " + route);
    }

    /** Whether {@code vip} is one of the 14 host addresses of 10.3.0.0/28. */
    private static boolean inPool(String vip) {
        byte[] a = InetAddress.ofLiteral(vip).getAddress();
        return a.length == 4 && a[0] == 10 && a[1] == 3 && a[2] == 0 && a[3] >= 1 && a[3] <= 14;
    }
}
