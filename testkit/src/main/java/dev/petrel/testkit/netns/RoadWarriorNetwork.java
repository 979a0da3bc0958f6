package dev.petrel.testkit.netns;

import dev.petrel.testkit.Skip;
import dev.petrel.testkit.exec.Commands;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A remote-access test bed: road warriors on a private LAN behind a NAT router reach, through a gateway, the network
 * behind that gateway. Each host is a namespace of its own, so each can run its own IKE daemon:
 *
 * <pre>
 *  client 1 (198.51.100.1) ─┐
 *  client 2 (198.51.100.2) ─┼─ bridge "lan" 198.51.100.254 ┤ router ├ "wan" 192.0.2.2 ── "pub" 192.0.2.1 ┤ gateway ├
 *  ...                     ─┘        (source NAT to 192.0.2.2)                                                     │
 *                                                        inside host 203.0.113.1 "gw" ── "in" 203.0.113.254 ───────┘
 * </pre>
 *
 * The router masquerades what leaves "wan" (nftables), so the gateway sees every client as 192.0.2.2 with a port of the
 * router's choosing, as behind a home router; it routes nothing back to the LAN. The gateway forwards between its sides
 * but has no route to the clients' addresses: an inside host is reached only through a tunnel, from an address the
 * gateway assigned (a virtual IP). The inside host's default route points at the gateway. Interface names are fixed
 * inside each namespace; the namespaces are named {@code <prefix><pid mod 10000>x<n>-<role>} with roles g (gateway),
 * n (NAT router), i (inside host) and c1...cN (clients). {@link #close()} stops the processes handed to
 * {@link #register} by PID and deletes every namespace. Needs root and nft; see {@link #unavailableReason()}.
 */
public final class RoadWarriorNetwork implements AutoCloseable {
    /** The gateway's public address, where clients send IKE. */
    public static final InetAddress GATEWAY = InetAddress.ofLiteral("192.0.2.1");
    /** The NAT router's public address: the source of everything the clients send to the gateway. */
    public static final InetAddress ROUTER_PUBLIC = InetAddress.ofLiteral("192.0.2.2");
    /** The NAT router on the clients' LAN, their default route. */
    public static final InetAddress ROUTER_LAN = InetAddress.ofLiteral("198.51.100.254");
    /** The gateway's address on the inside network (inside {@link #INSIDE_NETWORK}, as its traffic selector needs). */
    public static final InetAddress GATEWAY_INSIDE = InetAddress.ofLiteral("203.0.113.254");
    /** The host behind the gateway that clients reach through their tunnels. */
    public static final InetAddress INSIDE_HOST = InetAddress.ofLiteral("203.0.113.1");
    /** The network behind the gateway, in CIDR notation: the gateway's side of every road warrior's CHILD_SA. */
    public static final String INSIDE_NETWORK = "203.0.113.0/24";
    /** The most clients one network holds. */
    public static final int MAX_CLIENTS = 100;

    private static final String LAN_PREFIX = "198.51.100.";
    private static final String PUBLIC = "/24";
    private static final String NFT = "/usr/sbin/nft";

    private final Namespaces namespaces;
    private final int clients;

    private RoadWarriorNetwork(Namespaces namespaces, int clients) {
        this.namespaces = namespaces;
        this.clients = clients;
    }

    /**
     * Builds the network with {@code clients} client namespaces (1 to {@value #MAX_CLIENTS}), names starting with
     * {@code prefix} (one to four lower-case letters). First removes what a killed earlier run with the same prefix
     * left ({@link #removeStale(String)}); on failure deletes what it made.
     */
    public static RoadWarriorNetwork create(String prefix, int clients) throws IOException {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("a road-warrior network holds 1 to " + MAX_CLIENTS + " clients, not " + clients);
        }
        removeStale(prefix);
        List<String> roles = new ArrayList<>(List.of("g", "n", "i"));
        IntStream.rangeClosed(1, clients).mapToObj(i -> "c" + i).forEach(roles::add);
        return new RoadWarriorNetwork(Namespaces.add(prefix, roles, made -> new RoadWarriorNetwork(made, clients).setUp()),
                clients);
    }

    /**
     * Removes the namespaces named with {@code prefix} that a JVM no longer running left behind, after stopping the
     * processes still inside them by PID; returns their names. Idempotent.
     */
    public static List<String> removeStale(String prefix) throws IOException {
        return Namespaces.removeStale(prefix);
    }

    /** Why this network cannot be built here (no namespaces, no nft), or empty when it can. */
    public static Optional<String> unavailableReason() {
        Optional<String> namespaces = TestNetwork.unavailableReason();
        if (namespaces.isPresent()) {
            return namespaces;
        }
        return Files.isExecutable(Path.of(NFT)) ? Optional.empty()
                : Optional.of(NFT + " is missing (apt-get install nftables); the NAT router needs it");
    }

    /** Skips the calling test loudly when {@link #unavailableReason()} says so, and fails it under CI=true. */
    public static void assumeAvailable() {
        Skip.unless(unavailableReason());
    }

    /** The gateway's namespace. */
    public String gateway() {
        return namespaces.name("g");
    }

    /** The NAT router's namespace. */
    public String router() {
        return namespaces.name("n");
    }

    /** The inside host's namespace. */
    public String inside() {
        return namespaces.name("i");
    }

    /** How many clients the network has. */
    public int clients() {
        return clients;
    }

    /** Client {@code i}'s namespace, counting from 1. */
    public String client(int i) {
        checkClient(i);
        return namespaces.name("c" + i);
    }

    /** Client {@code i}'s address on the LAN (198.51.100.i), counting from 1. */
    public InetAddress clientAddress(int i) {
        checkClient(i);
        return InetAddress.ofLiteral(LAN_PREFIX + i);
    }

    /** Has {@link #close()} stop {@code process} (and its descendants) by PID before it deletes the namespaces. */
    public <P extends Process> P register(P process) {
        return namespaces.register(process);
    }

    /** Stops the registered processes, then deletes every namespace; idempotent. */
    @Override
    public void close() throws IOException {
        namespaces.close();
    }

    private void checkClient(int i) {
        if (i < 1 || i > clients) {
            throw new IllegalArgumentException("client " + i + " of 1 to " + clients);
        }
    }

    private void setUp() throws IOException {
        String gateway = gateway();
        String router = router();
        String inside = inside();
        veth(router, "wan", ROUTER_PUBLIC.getHostAddress() + PUBLIC, gateway, "pub", GATEWAY.getHostAddress() + PUBLIC);
        veth(gateway, "in", GATEWAY_INSIDE.getHostAddress() + "/24", inside, "gw", INSIDE_HOST.getHostAddress() + "/24");
        Ip.in(inside, "route", "add", "default", "via", GATEWAY_INSIDE.getHostAddress());
        Ip.in(router, "link", "add", "lan", "type", "bridge");
        Ip.in(router, "addr", "add", ROUTER_LAN.getHostAddress() + "/24", "dev", "lan");
        Ip.in(router, "link", "set", "lan", "up");
        for (int i = 1; i <= clients; i++) {
            String client = client(i);
            veth(router, "c" + i, null, client, "lan", clientAddress(i).getHostAddress() + "/24");
            Ip.in(router, "link", "set", "c" + i, "master", "lan");
            Ip.in(client, "route", "add", "default", "via", ROUTER_LAN.getHostAddress());
        }
        forward(gateway);
        forward(router);
        // Source NAT for what leaves towards the gateway (RFC 3022 NAPT): addresses and ports rewritten, as by a home router.
        nft(router, "add", "table", "ip", "nat");
        nft(router, "add", "chain", "ip", "nat", "postrouting", "{ type nat hook postrouting priority srcnat ; policy accept ; }");
        nft(router, "add", "rule", "ip", "nat", "postrouting", "oifname", "wan", "masquerade");
        Ip.awaitUp(gateway, "pub");
        Ip.awaitUp(gateway, "in");
        Ip.awaitUp(router, "wan");
        Ip.awaitUp(router, "lan");
        Ip.awaitUp(inside, "gw");
        for (int i = 1; i <= clients; i++) {
            Ip.awaitUp(client(i), "lan");
        }
    }

    /** A veth from {@code a} (device {@code aDev}) to {@code b}, each end up with its address (null: none). */
    private static void veth(String a, String aDev, String aAddress, String b, String bDev, String bAddress) throws IOException {
        Ip.run("link", "add", aDev, "netns", a, "type", "veth", "peer", "name", bDev, "netns", b);
        if (aAddress != null) {
            Ip.in(a, "addr", "add", aAddress, "dev", aDev);
        }
        Ip.in(b, "addr", "add", bAddress, "dev", bDev);
        Ip.in(a, "link", "set", aDev, "up");
        Ip.in(b, "link", "set", bDev, "up");
    }

    private static void forward(String ns) throws IOException {
        Ip.run("netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }

    private static void nft(String ns, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, NFT));
        command.addAll(List.of(args));
        Commands.check(Ip.TIMEOUT, command);
    }
}
