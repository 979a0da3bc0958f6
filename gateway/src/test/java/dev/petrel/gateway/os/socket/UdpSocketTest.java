package dev.petrel.gateway.os.socket;

import dev.petrel.testkit.netns.UsesNamespaces;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.linux.SockAddr;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UdpSocket} over the loopback of a fresh namespace: batches out and in with recvmmsg/sendmmsg. */
@UsesNamespaces
class UdpSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int BATCH = 32;
    private static final int ENETUNREACH = 101;


    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aBatchOf32GoesOutInOneCallAndComesInWithItsPeer(String loopback) throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.ofLiteral(loopback), 0);
        try (TestNetwork net = TestNetwork.create("pou");
             UdpSocket a = Netns.call(net.left(), () -> UdpSocket.bind(any));
             UdpSocket b = Netns.call(net.left(), () -> UdpSocket.bind(any))) {
            assertTrue(b.localAddress().port() != 0 && b.localAddress().address().equals(any.getAddress()), b.localAddress().toString());
            DatagramBatch out = new DatagramBatch(BATCH, 2048);
            for (int i = 0; i < BATCH; i++) {
                byte[] payload = ("datagram " + i).getBytes(US_ASCII);
                assertEquals(i, out.add(payload, 0, payload.length, b.localAddress()));
            }
            assertEquals(BATCH, a.send(out));

            DatagramBatch in = new DatagramBatch(BATCH, 2048);
            int received = 0;
            for (int call = 0; call < BATCH && received < BATCH; call++) {
                int n = b.receive(in, WAIT);
                assertTrue(n > 0, "nothing within " + WAIT + " after " + received);
                for (int i = 0; i < n; i++, received++) {
                    byte[] payload = new byte[in.length(i)];
                    in.copy(i, payload, 0);
                    assertEquals("datagram " + received, new String(payload, US_ASCII)); // loopback keeps the order
                    assertTrue(in.peerEquals(i, a.localAddress()));
                    assertEquals(a.localAddress(), in.peer(i));
                    assertTrue(!in.truncated(i));
                }
            }
            assertEquals(BATCH, received);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void aDatagramTheKernelRefusesIsSkippedWithItsErrno(String loopback) throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.ofLiteral(loopback), 0);
        SockAddr nowhere = SockAddr.of(InetAddress.ofLiteral(loopback.contains(":") ? "2001:db8:2::9" : "203.0.113.9"), 9);
        try (TestNetwork net = TestNetwork.create("pou");
             UdpSocket a = Netns.call(net.left(), () -> UdpSocket.bind(any));
             UdpSocket b = Netns.call(net.left(), () -> UdpSocket.bind(any))) {
            byte[] one = {1};
            DatagramBatch out = new DatagramBatch(4, 64);
            out.add(one, 0, 1, b.localAddress());
            out.add(one, 0, 1, nowhere); // no route in the namespace
            out.add(one, 0, 1, b.localAddress());
            assertEquals(2, a.send(out));
            assertEquals(0, out.error(0));
            assertEquals(ENETUNREACH, out.error(1));
            assertEquals(0, out.error(2));
            ErrnoException single = assertThrows(ErrnoException.class, () -> a.send(one, 0, 1, nowhere));
            assertEquals("sendto(" + nowhere + "): Network is unreachable (errno 101)", single.getMessage());
        }
    }

    @Test
    void aLongDatagramIsCutToTheSlotAndSaysSo() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (TestNetwork net = TestNetwork.create("pou");
             UdpSocket a = Netns.call(net.left(), () -> UdpSocket.bind(any));
             UdpSocket b = Netns.call(net.left(), () -> UdpSocket.bind(any))) {
            byte[] big = new byte[100];
            Arrays.fill(big, (byte) 7);
            a.send(big, 0, big.length, b.localAddress());
            DatagramBatch in = new DatagramBatch(2, 16);
            assertEquals(1, b.receive(in, WAIT));
            assertTrue(in.truncated(0));
            assertEquals(16, in.length(0));
            assertEquals(7, in.octet(0, 15));
            assertArrayEquals(Arrays.copyOf(big, 16), in.data(0).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void closeEndsABlockedReceiveAndATimedOneReturnsZero() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (TestNetwork net = TestNetwork.create("pou")) {
            UdpSocket socket = Netns.call(net.left(), () -> UdpSocket.bind(any));
            DatagramBatch batch = new DatagramBatch(4, 2048);
            long start = System.nanoTime();
            assertEquals(0, socket.receive(batch, Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
            assertEquals(0, batch.count());
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    socket.receive(new DatagramBatch(4, 2048));
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(200);
            socket.close();
            assertInstanceOf(AsynchronousCloseException.class, outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
