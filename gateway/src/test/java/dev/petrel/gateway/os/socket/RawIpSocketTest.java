package dev.petrel.gateway.os.socket;

import dev.petrel.testkit.netns.UsesNamespaces;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RawIpSocket} across the veth of a {@link TestNetwork}: ESP-looking packets of IP protocol 50, both ways. */
@UsesNamespaces
class RawIpSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int PACKETS = 8;


    @ParameterizedTest
    @ValueSource(strings = {"IPv4", "IPv6"})
    void espGoesBothWaysAsTheEspPacketAloneWithItsSource(String family) throws Exception {
        boolean v4 = family.equals("IPv4");
        InetAddress leftAddress = v4 ? TestNetwork.LEFT_IPV4 : TestNetwork.LEFT_IPV6;
        InetAddress rightAddress = v4 ? TestNetwork.RIGHT_IPV4 : TestNetwork.RIGHT_IPV6;
        try (TestNetwork net = TestNetwork.create("poe");
             RawIpSocket left = Netns.call(net.left(), () -> RawIpSocket.esp(leftAddress));
             RawIpSocket right = Netns.call(net.right(), () -> RawIpSocket.esp(rightAddress))) {
            byte[] esp = esp(0x01020304, 1);
            left.send(esp, 0, esp.length, RawIpSocket.peer(rightAddress));
            DatagramBatch in = new DatagramBatch(PACKETS, 2048);
            assertEquals(1, right.receive(in, WAIT));
            byte[] received = new byte[in.length(0)];
            in.copy(0, received, 0);
            assertArrayEquals(esp, received);
            assertEquals(leftAddress, in.peer(0).address());
            byte[] peer = new byte[16];
            int peerLength = in.peerAddress(0, peer);
            assertArrayEquals(leftAddress.getAddress(), java.util.Arrays.copyOf(peer, peerLength));
            assertTrue(in.peerEquals(0, RawIpSocket.peer(leftAddress)));

            DatagramBatch out = new DatagramBatch(PACKETS, 2048);
            for (int seq = 1; seq <= PACKETS; seq++) {
                byte[] packet = esp(0x0a0b0c0d, seq);
                out.add(packet, 0, packet.length, RawIpSocket.peer(leftAddress));
            }
            assertEquals(PACKETS, right.send(out));
            int seq = 1;
            for (int call = 0; call < PACKETS && seq <= PACKETS; call++) {
                int n = left.receive(in, WAIT);
                assertTrue(n > 0, "no ESP within " + WAIT + " before sequence number " + seq);
                for (int i = 0; i < n; i++, seq++) {
                    byte[] packet = new byte[in.length(i)];
                    in.copy(i, packet, 0);
                    assertArrayEquals(esp(0x0a0b0c0d, seq), packet);
                    assertTrue(in.peerEquals(i, RawIpSocket.peer(rightAddress)));
                }
            }
            assertEquals(PACKETS + 1, seq);
        }
    }

    @Test
    void bindingAnAddressNotHereNamesTheCallAndTheErrno() throws Exception {
        try (TestNetwork net = TestNetwork.create("poe")) {
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> Netns.call(net.left(), () -> RawIpSocket.esp(TestNetwork.RIGHT_IPV4)));
            assertEquals("bind(raw 50 192.0.2.2:0): Cannot assign requested address (errno 99)", e.getMessage());
        }
    }

    /** An ESP header (SPI, sequence number) and 32 octets that look like ciphertext. */
    private static byte[] esp(int spi, int seq) {
        ByteBuffer b = ByteBuffer.allocate(40).putInt(spi).putInt(seq);
        for (int i = 0; b.hasRemaining(); i++) {
            b.put((byte) (seq * 31 + i));
        }
        return b.array();
    }
}
