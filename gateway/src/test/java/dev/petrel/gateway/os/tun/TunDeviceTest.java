package dev.petrel.gateway.os.tun;

import dev.petrel.testkit.netns.UsesNamespaces;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.wire.ip.IpPrefix;
import dev.petrel.gateway.os.route.Routes;
import dev.petrel.testkit.netns.Ip;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import dev.petrel.wire.ip.UdpDatagram;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TunDevice} in the left namespace of a {@link TestNetwork}: 203.0.113.0/24 and 2001:db8:2::/48 are routed into
 * the device, with the left's inner addresses (198.51.100.1, 2001:db8:1::1 on its loopback) as sources.
 */
@UsesNamespaces
class TunDeviceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Besides ours, a fresh IPv6 link sends router solicitations and MLD reports. */
    private static final int MAX_OTHER_PACKETS = 50;
    private static final int PORT = 7000;


    @ParameterizedTest
    @CsvSource({"IPv4, array", "IPv4, segment", "IPv6, array", "IPv6, segment"})
    void aDatagramRoutedIntoTheDeviceIsReadAndAPacketWrittenToItIsDelivered(String family, String via) throws Exception {
        boolean v4 = family.equals("IPv4");
        boolean segment = via.equals("segment");
        InetAddress local = v4 ? TestNetwork.LEFT_INNER : TestNetwork.LEFT_INNER_IPV6;
        InetAddress remote = InetAddress.ofLiteral(v4 ? "203.0.113.7" : "2001:db8:2::7");
        try (TestNetwork net = TestNetwork.create("pot");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"));
             Routes routes = Netns.call(net.left(), Routes::open);
             DatagramChannel channel = Netns.call(net.left(), () -> DatagramChannel.open().bind(new InetSocketAddress(local, 0)))) {
            tun.up();
            routes.replace(IpPrefix.parse(v4 ? "203.0.113.0/24" : "2001:db8:2::/48"), tun.index(), local);
            int localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();

            byte[] hello = "into the tunnel".getBytes(US_ASCII);
            channel.send(ByteBuffer.wrap(hello), new InetSocketAddress(remote, PORT));
            byte[] packet = awaitUdpTo(tun.queue(0), PORT, segment);
            int ip = v4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH;
            int addresses = v4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET;
            int length = local.getAddress().length;
            assertArrayEquals(local.getAddress(), Arrays.copyOfRange(packet, addresses, addresses + length));
            assertArrayEquals(remote.getAddress(), Arrays.copyOfRange(packet, addresses + length, addresses + 2 * length));
            assertEquals(localPort, IpPacket.u16(packet, ip));
            assertArrayEquals(hello, Arrays.copyOfRange(packet, ip + UdpDatagram.HEADER_LENGTH, packet.length));

            byte[] answer = "out of the tunnel".getBytes(US_ASCII);
            byte[] reply = UdpDatagram.packet(remote.getAddress(), PORT, local.getAddress(), localPort, answer);
            if (segment) {
                tun.queue(0).write(MemorySegment.ofArray(reply));
            } else {
                tun.queue(0).write(reply, 0, reply.length);
            }
            channel.socket().setSoTimeout((int) WAIT.toMillis());
            DatagramPacket received = new DatagramPacket(new byte[1500], 1500);
            channel.socket().receive(received);
            assertArrayEquals(answer, Arrays.copyOf(received.getData(), received.getLength()));
            assertEquals(new InetSocketAddress(remote, PORT), received.getSocketAddress());
        }
    }

    @Test
    void theKernelNamesTheDeviceWhichTakesItsConfigurationAndGoesWhenClosed() throws Exception {
        String name;
        try (TestNetwork net = TestNetwork.create("pot")) {
            try (TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("ptest%d"))) {
                name = tun.name();
                assertTrue(name.matches("ptest\\d+"), name);
                tun.setMtu(1400);
                assertEquals(1400, tun.mtu());
                tun.up();
                tun.addAddress(InetAddress.ofLiteral("198.51.100.77"), 32);
                tun.addAddress(InetAddress.ofLiteral("2001:db8:1::77"), 128);
                String link = Ip.in(net.left(), "-d", "link", "show", "dev", name);
                assertTrue(link.startsWith(tun.index() + ": " + name + ":"), link);
                assertTrue(link.contains(",UP") && link.contains("mtu 1400"), link);
                assertTrue(link.contains("persist off"), link);
                String addresses = Ip.in(net.left(), "addr", "show", "dev", name);
                assertTrue(addresses.contains("198.51.100.77/32") && addresses.contains("2001:db8:1::77/128"), addresses);
            }
            assertThrows(IOException.class, () -> Ip.in(net.left(), "link", "show", "dev", name), "the device outlived close()");
        }
    }

    @Test
    void closeEndsABlockedReadAndTheDeviceGoesWithIt() throws Exception {
        try (TestNetwork net = TestNetwork.create("pot")) {
            TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"));
            TunQueue queue = tun.queue(0);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    queue.read(new byte[2048], 0, 2048);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(200); // the reader is in poll(2) by now, or reaches it with the eventfd already signalled
            tun.close();
            assertInstanceOf(AsynchronousCloseException.class, outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            reader.join(WAIT.toMillis());
            assertThrows(ClosedChannelException.class, () -> queue.read(new byte[2048], 0, 2048));
            assertThrows(IOException.class, () -> Ip.in(net.left(), "link", "show", "dev", tun.name()));
            tun.close(); // again: nothing happens
        }
    }

    @Test
    void aTimedReadReturnsZeroWhenNothingCame() throws Exception {
        try (TestNetwork net = TestNetwork.create("pot");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"))) {
            long start = System.nanoTime();
            assertEquals(0, tun.queue(0).read(new byte[2048], 0, 2048, Duration.ofMillis(100)));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed >= 100 && elapsed < WAIT.toMillis(), elapsed + " ms");
        }
    }

    @Test
    void aMultiQueueDeviceSpreadsFlowsOverItsQueues() throws Exception {
        int flows = 16;
        try (TestNetwork net = TestNetwork.create("pot");
             TunDevice tun = Netns.call(net.left(), () -> TunDevice.openMultiQueue("petrel%d", 4));
             Routes routes = Netns.call(net.left(), Routes::open);
             DatagramChannel channel = Netns.call(net.left(), DatagramChannel::open)) {
            assertEquals(4, tun.queueCount());
            tun.up();
            routes.replace(IpPrefix.parse("203.0.113.0/24"), tun.index(), TestNetwork.LEFT_INNER);
            for (int port = PORT; port < PORT + flows; port++) {
                channel.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress("203.0.113.7", port));
            }
            Set<Integer> ports = new HashSet<>();
            Set<Integer> queuesUsed = new HashSet<>();
            byte[] buffer = new byte[2048];
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ports.size() < flows && System.nanoTime() < deadline) {
                for (int q = 0; q < tun.queueCount(); q++) {
                    int n = tun.queue(q).read(buffer, 0, buffer.length, Duration.ofMillis(10));
                    if (n > 0 && Ipv4Header.protocol(buffer, 0) == IpProtocol.UDP) {
                        ports.add(IpPacket.u16(buffer, Ipv4Header.MIN_LENGTH + 2));
                        queuesUsed.add(q);
                    }
                }
            }
            assertEquals(flows, ports.size(), "flows read: " + ports);
            assertTrue(queuesUsed.size() > 1, "all " + flows + " flows came through queues " + queuesUsed);
        }
    }

    @Test
    void failuresNameTheCallAndTheErrno() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> TunDevice.open("a-name-too-long0"));
        try (TestNetwork net = TestNetwork.create("pot")) {
            ErrnoException e = assertThrows(ErrnoException.class, () -> Netns.call(net.left(), () -> TunDevice.open("bad name")));
            assertEquals("TUNSETIFF(bad name): Invalid argument (errno 22)", e.getMessage());
            try (TunDevice tun = Netns.call(net.left(), () -> TunDevice.open("petrel%d"))) {
                byte[] notIp = {0, 1, 2, 3};
                ErrnoException write = assertThrows(ErrnoException.class, () -> tun.queue(0).write(notIp, 0, notIp.length));
                assertTrue(write.getMessage().startsWith("write(" + tun.name() + "): "), write.getMessage());
            }
        }
    }

    /** The first UDP packet to {@code port} the device gives, past anything else the kernel sends into it. */
    private static byte[] awaitUdpTo(TunQueue queue, int port, boolean segment) throws IOException {
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < MAX_OTHER_PACKETS; i++) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            int n = segment ? queue.read(MemorySegment.ofArray(buffer), left) : queue.read(buffer, 0, buffer.length, left);
            if (n == 0) {
                break;
            }
            boolean v4 = IpPacket.version(buffer, 0, n) == 4;
            int ip = v4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH;
            int protocol = v4 ? Ipv4Header.protocol(buffer, 0) : Ipv6Header.nextHeader(buffer, 0);
            if (protocol == IpProtocol.UDP && n >= ip + UdpDatagram.HEADER_LENGTH && IpPacket.u16(buffer, ip + 2) == port) {
                return Arrays.copyOf(buffer, n);
            }
        }
        return fail("no UDP packet to port " + port + " came out of the device within " + WAIT);
    }
}
