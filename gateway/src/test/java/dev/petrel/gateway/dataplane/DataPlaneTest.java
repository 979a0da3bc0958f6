package dev.petrel.gateway.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.UdpDatagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two data planes back to back in memory: what one protects the other delivers, by the policy that fits best. */
class DataPlaneTest {
    private static final InetAddress LEFT = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress RIGHT = InetAddress.ofLiteral("192.0.2.2");
    private static final byte[] HOST_L = InetAddress.ofLiteral("198.51.100.10").getAddress();
    private static final byte[] HOST_R = InetAddress.ofLiteral("203.0.113.20").getAddress();

    private final MemoryPorts.Outer leftOuter = new MemoryPorts.Outer(new InetSocketAddress(LEFT, 4500));
    private final MemoryPorts.Outer rightOuter = new MemoryPorts.Outer(new InetSocketAddress(RIGHT, 4500));
    private final MemoryPorts.Inner leftInner = new MemoryPorts.Inner();
    private final MemoryPorts.Inner rightInner = new MemoryPorts.Inner();
    private final List<Integer> unknownSpis = new CopyOnWriteArrayList<>();
    private DataPlane left;
    private DataPlane right;

    @BeforeEach
    void start() {
        leftOuter.peer = rightOuter;
        rightOuter.peer = leftOuter;
        IkeLink link = new IkeLink() {
            @Override
            public void ikeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message) {
            }

            @Override
            public void unknownSpi(InetAddress source, int spi) {
                unknownSpis.add(spi);
            }
        };
        left = new DataPlane(leftInner, leftOuter, link).start();
        right = new DataPlane(rightInner, rightOuter, link).start();
    }

    @AfterEach
    void stop() {
        left.close();
        right.close();
    }

    /** The two halves of one CHILD_SA, as each side's engine would hand them out. */
    private void install(String child, int leftSpi, int rightSpi, String leftNet, String rightNet, boolean udp, ChildOptions options) {
        byte[] keyLr = key(leftSpi);
        byte[] keyRl = key(rightSpi);
        List<TrafficSelector> l = List.of(TrafficSelector.subnet(leftNet));
        List<TrafficSelector> r = List.of(TrafficSelector.subnet(rightNet));
        left.install(sa(child, leftSpi, rightSpi, keyRl, keyLr, l, r, LEFT, RIGHT, udp), options);
        right.install(sa(child, rightSpi, leftSpi, keyLr, keyRl, r, l, RIGHT, LEFT, udp), options);
    }

    private static InstallChildSa sa(String child, int in, int out, byte[] inKey, byte[] outKey, List<TrafficSelector> local,
                                     List<TrafficSelector> remote, InetAddress self, InetAddress peer, boolean udp) {
        return new InstallChildSa(1, "test", child, ProtocolId.ESP, Mode.TUNNEL, in, out, EncryptionAlgorithm.ENCR_AES_GCM_16,
                128, IntegrityAlgorithm.NONE, false, inKey.clone(), new byte[0], outKey.clone(), new byte[0], local, remote,
                new Endpoint(self, 4500), new Endpoint(peer, 4500), udp, 64, LifetimeLimits.NONE, 0, true);
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[20]; // AES-128 key and 4-octet salt (RFC 4106 §8.1)
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return k;
    }

    private static byte[] udp(byte[] from, byte[] to, int size) {
        return UdpDatagram.packet(from, 40_000, to, 5_201, new byte[size]);
    }

    @Test
    void packetsCrossBothWaysInUdpAndRaw() throws Exception {
        install("net", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", true, ChildOptions.DEFAULTS);
        byte[] there = udp(HOST_L, HOST_R, 100);
        leftInner.toSend.offer(there);
        assertArrayEquals(there, rightInner.take());
        byte[] back = udp(HOST_R, HOST_L, 1200);
        rightInner.toSend.offer(back);
        assertArrayEquals(back, leftInner.take());
        ChildTraffic traffic = left.traffic(0x1001).orElseThrow();
        assertEquals(1, traffic.packetsOut());
        assertEquals(1, traffic.packetsIn());
    }

    @Test
    void theMostSpecificPolicyWinsWhateverTheOrderOfInstallation() throws Exception {
        install("broad", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", false, ChildOptions.DEFAULTS);
        install("narrow", 0x1002, 0x2002, "198.51.100.0/24", "203.0.113.0/28", false, ChildOptions.DEFAULTS);
        leftInner.toSend.offer(udp(HOST_L, InetAddress.ofLiteral("203.0.113.5").getAddress(), 10));
        leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        assertNotNull(rightInner.take());
        assertNotNull(rightInner.take());
        assertEquals(1, left.traffic(0x1002).orElseThrow().packetsOut(), "203.0.113.5 goes through the /28");
        assertEquals(1, left.traffic(0x1001).orElseThrow().packetsOut(), "203.0.113.20 through the /24");
    }

    @Test
    void aPacketTooBigForThePathIsAnsweredWithIcmp() throws Exception {
        install("net", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", true, new ChildOptions(1280, 0));
        leftInner.toSend.offer(udp(HOST_L, HOST_R, 1400)); // DF set
        byte[] icmp = leftInner.take();
        assertNotNull(icmp);
        assertEquals(1, icmp[9], "ICMP");
        assertEquals(3, icmp[20]);
        assertEquals(4, icmp[21]);
        int mtu = IpPacket.u16(icmp, 26);
        assertTrue(mtu > 1200 && mtu < 1280, "next-hop MTU " + mtu + " leaves room for ESP, UDP and the outer header");
        assertEquals(1, left.counters().tooBig());
        leftInner.toSend.offer(udp(HOST_L, HOST_R, mtu - 28)); // exactly the MTU it announced
        assertEquals(mtu, rightInner.take().length);
    }

    @Test
    void afterRemovalTrafficIsDiscardedAndTheSpiIsReportedUnknown() throws Exception {
        install("net", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", false, ChildOptions.DEFAULTS);
        right.remove(new RemoveChildSa(1, "net", ProtocolId.ESP, 0x2001, 0x1001));
        leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (unknownSpis.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(0x2001), unknownSpis);
        left.remove(new RemoveChildSa(1, "net", ProtocolId.ESP, 0x1001, 0x2001));
        leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (left.counters().noPolicy() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, left.counters().noPolicy());
        assertTrue(left.traffic(0x1001).isEmpty());
    }
}
