package dev.petrel.testkit.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RoadWarriorNetwork}: clients reach the gateway only through the NAT router, which rewrites their addresses and
 * ports; nothing routes from the gateway to the LAN; and namespaces left by a killed run are removed.
 */
@UsesNamespaces
class RoadWarriorNetworkTest {
    private static final int IKE_PORT = 500;

    @BeforeEach
    void nft() {
        RoadWarriorNetwork.assumeAvailable();
    }

    @Test
    void clientsBehindTheNatReachTheGatewayFromTheRouterAddressOnDistinctPorts() throws Exception {
        List<String> names;
        try (RoadWarriorNetwork net = RoadWarriorNetwork.create("rwxn", 2);
             DatagramChannel gateway = Netns.call(net.gateway(),
                     () -> DatagramChannel.open().bind(new InetSocketAddress(RoadWarriorNetwork.GATEWAY, IKE_PORT)));
             DatagramChannel one = Netns.call(net.client(1), () -> DatagramChannel.open().bind(new InetSocketAddress(IKE_PORT)));
             DatagramChannel two = Netns.call(net.client(2), () -> DatagramChannel.open().bind(new InetSocketAddress(IKE_PORT)))) {
            names = List.of(net.gateway(), net.router(), net.inside(), net.client(1), net.client(2));
            assertTrue(names.stream().allMatch(n -> n.startsWith("rwxn")), names.toString());
            InetSocketAddress ike = new InetSocketAddress(RoadWarriorNetwork.GATEWAY, IKE_PORT);
            one.send(ByteBuffer.wrap(new byte[] {1}), ike);
            InetSocketAddress fromOne = receive(gateway);
            two.send(ByteBuffer.wrap(new byte[] {2}), ike);
            InetSocketAddress fromTwo = receive(gateway);
            assertEquals(RoadWarriorNetwork.ROUTER_PUBLIC, fromOne.getAddress(), "client 1 seen behind the NAT");
            assertEquals(RoadWarriorNetwork.ROUTER_PUBLIC, fromTwo.getAddress(), "client 2 seen behind the NAT");
            assertNotEquals(fromOne.getPort(), fromTwo.getPort(), "the NAT gives the second port 500 another port");

            gateway.send(ByteBuffer.wrap(new byte[] {3}), fromTwo);
            assertEquals(new InetSocketAddress(RoadWarriorNetwork.GATEWAY, IKE_PORT), receive(two), "the answer comes back");
            assertThrows(IOException.class, () -> gateway.send(ByteBuffer.wrap(new byte[] {4}),
                    new InetSocketAddress(net.clientAddress(1), IKE_PORT)), "the gateway has no route to the LAN");

            try (DatagramChannel inside = Netns.call(net.inside(),
                    () -> DatagramChannel.open().bind(new InetSocketAddress(RoadWarriorNetwork.INSIDE_HOST, IKE_PORT)))) {
                inside.send(ByteBuffer.wrap(new byte[] {5}), ike);
                assertEquals(new InetSocketAddress(RoadWarriorNetwork.INSIDE_HOST, IKE_PORT), receive(gateway),
                        "the inside host reaches the gateway's public address through its default route, unchanged");
            }
            assertTrue(TestNetwork.leftovers().containsAll(names));
            net.close();
            net.close();
        }
        assertTrue(TestNetwork.leftovers().stream().noneMatch(names::contains), "every namespace deleted");
    }

    @Test
    void removeStaleStopsWhatRunsInANamespaceOfADeadJvmAndDeletesIt() throws Exception {
        long dead = LongStream.range(1, 10_000).filter(n -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.pid() % 10_000 == n)).findFirst().orElseThrow();
        String stale = "rwxs" + dead + "x1-g";
        Ip.run("netns", "add", stale);
        Process sleeper = new ProcessBuilder("ip", "netns", "exec", stale, "sleep", "60").start();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Ip.run("netns", "pids", stale).isBlank() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(List.of(stale), RoadWarriorNetwork.removeStale("rwxs"));
            assertTrue(sleeper.waitFor(5, TimeUnit.SECONDS), "the process inside was stopped");
            assertFalse(Ip.run("netns", "list").contains(stale));
            assertEquals(List.of(), RoadWarriorNetwork.removeStale("rwxs"), "a second run finds nothing");
        } finally {
            sleeper.destroyForcibly();
            if (Ip.run("netns", "list").contains(stale)) {
                Ip.run("netns", "delete", stale);
            }
        }
    }

    private static InetSocketAddress receive(DatagramChannel channel) throws IOException {
        channel.socket().setSoTimeout(5_000);
        DatagramPacket packet = new DatagramPacket(new byte[16], 16);
        channel.socket().receive(packet);
        return (InetSocketAddress) packet.getSocketAddress();
    }
}
