package dev.petrel.testkit.netns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TestNetwork} and {@link Netns}: real namespaces, a veth pair, and sockets opened inside them from this JVM. */
@UsesNamespaces
class TestNetworkTest {
    private static final int RECEIVE_TIMEOUT_MS = 5_000;


    @Test
    void namespacesExistWithTheirAddressesUntilClosed() throws IOException {
        String left;
        String right;
        try (TestNetwork net = TestNetwork.create()) {
            left = net.left();
            right = net.right();
            assertTrue(left.length() <= 15 && TestNetwork.leftovers().containsAll(List.of(left, right)), left);
            String list = Ip.run("netns", "list");
            assertTrue(list.contains(left) && list.contains(right), list);
            String addresses = Ip.in(left, "-br", "addr", "show", "dev", left);
            assertTrue(addresses.contains("192.0.2.1/24") && addresses.contains("2001:db8::1/64"), addresses);
            assertTrue(Ip.in(right, "-br", "link", "show", "dev", right).contains("UP"));
            String inner = Ip.in(right, "-br", "addr", "show", "dev", "lo");
            assertTrue(inner.contains("203.0.113.1/32") && inner.contains("2001:db8:2::1/128"), inner);
        }
        String list = Ip.run("netns", "list");
        assertFalse(list.contains(left) || list.contains(right), list);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IPv4", "IPv6"})
    void udpCrossesTheVethFromSocketsOpenedInEachNamespace(String family) throws Exception {
        boolean v4 = family.equals("IPv4");
        InetSocketAddress leftAddress = new InetSocketAddress(v4 ? TestNetwork.LEFT_IPV4 : TestNetwork.LEFT_IPV6, 500);
        InetSocketAddress rightAddress = new InetSocketAddress(v4 ? TestNetwork.RIGHT_IPV4 : TestNetwork.RIGHT_IPV6, 500);
        try (TestNetwork net = TestNetwork.create();
             DatagramChannel left = Netns.call(net.left(), () -> DatagramChannel.open().bind(leftAddress));
             DatagramChannel right = Netns.call(net.right(), () -> DatagramChannel.open().bind(rightAddress))) {
            byte[] hello = "hello from the left".getBytes(StandardCharsets.US_ASCII);
            left.send(ByteBuffer.wrap(hello), rightAddress);
            DatagramPacket received = receive(right);
            assertArrayEquals(hello, Arrays.copyOf(received.getData(), received.getLength()));
            assertEquals(leftAddress, received.getSocketAddress());
            right.send(ByteBuffer.wrap(new byte[] {42}), leftAddress);
            assertEquals(42, receive(left).getData()[0]);
        }
    }

    private static DatagramPacket receive(DatagramChannel channel) throws IOException {
        channel.socket().setSoTimeout(RECEIVE_TIMEOUT_MS);
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        channel.socket().receive(packet);
        return packet;
    }

    @Test
    void theNamespaceAddressCannotBeBoundOutsideIt() throws Exception {
        assertNull(NetworkInterface.getByInetAddress(TestNetwork.LEFT_IPV4), "this host itself owns 192.0.2.1");
        try (TestNetwork net = TestNetwork.create()) {
            try (DatagramChannel outside = DatagramChannel.open()) {
                assertThrows(BindException.class, () -> outside.bind(new InetSocketAddress(TestNetwork.LEFT_IPV4, 500)));
            }
            InetAddress inside = Netns.call(net.left(), () -> {
                try (DatagramChannel c = DatagramChannel.open()) {
                    return ((InetSocketAddress) c.bind(new InetSocketAddress(TestNetwork.LEFT_IPV4, 0)).getLocalAddress()).getAddress();
                }
            });
            assertEquals(TestNetwork.LEFT_IPV4, inside);
        }
    }

    @Test
    void closeStopsRegisteredProcesses() throws IOException {
        Process sleeper;
        try (TestNetwork net = TestNetwork.create()) {
            sleeper = net.register(new ProcessBuilder("ip", "netns", "exec", net.left(), "sleep", "60").start());
            assertTrue(sleeper.isAlive());
        }
        assertFalse(sleeper.isAlive());
    }

    @Test
    void callReturnsAndRethrows() throws Exception {
        try (TestNetwork net = TestNetwork.create()) {
            assertEquals("inside", Netns.call(net.left(), () -> "inside"));
            IOException thrown = assertThrows(IOException.class, () -> Netns.call(net.left(), () -> {
                throw new IOException("from the callable");
            }));
            assertEquals("from the callable", thrown.getMessage());
            assertThrows(TimeoutException.class, () -> Netns.call(net.left(), Duration.ofMillis(100), () -> {
                Thread.sleep(10_000);
                return null;
            }));
        }
    }

    @Test
    void unknownNamespacesAndBadNamesAreRefused() {
        IOException missing = assertThrows(IOException.class, () -> Netns.call("pk-no-such-namespace", () -> null));
        assertTrue(missing.getMessage().contains("No such file or directory"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Netns.call("../etc", () -> null));
        assertThrows(IllegalArgumentException.class, () -> TestNetwork.create("toolong"));
    }

    @Test
    void failingIpCommandsCarryTheirOutput() {
        IOException e = assertThrows(IOException.class, () -> Ip.run("link", "show", "dev", "pk-nonexistent0"));
        assertTrue(e.getMessage().contains("exited with") && e.getMessage().contains("pk-nonexistent0"), e.getMessage());
    }
}
