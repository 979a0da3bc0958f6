package dev.petrel.gateway.dataplane;

import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_L;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_R;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.ip.IpPacket;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Two data planes back to back in memory: what one protects the other delivers, by the policy that fits best. */
class DataPlaneTest {
    @AutoClose
    private final TwoDataPlanes planes = new TwoDataPlanes();
    private final DataPlane left = planes.left;
    private final DataPlane right = planes.right;

    @Test
    void packetsCrossBothWaysInUdpAndRaw() throws Exception {
        planes.install("net", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", true, ChildOptions.DEFAULTS);
        byte[] there = udp(HOST_L, HOST_R, 100);
        planes.leftInner.toSend.offer(there);
        assertArrayEquals(there, planes.rightInner.take());
        byte[] back = udp(HOST_R, HOST_L, 1200);
        planes.rightInner.toSend.offer(back);
        assertArrayEquals(back, planes.leftInner.take());
        ChildTraffic traffic = left.traffic(0x1001).orElseThrow();
        assertEquals(1, traffic.packetsOut());
        assertEquals(1, traffic.packetsIn());
    }

    @Test
    void theMostSpecificPolicyWinsWhateverTheOrderOfInstallation() throws Exception {
        planes.install("broad", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", false, ChildOptions.DEFAULTS);
        planes.install("narrow", 0x1002, 0x2002, "198.51.100.0/24", "203.0.113.0/28", false, ChildOptions.DEFAULTS);
        planes.leftInner.toSend.offer(udp(HOST_L, InetAddress.ofLiteral("203.0.113.5").getAddress(), 10));
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        assertNotNull(planes.rightInner.take());
        assertNotNull(planes.rightInner.take());
        assertEquals(1, left.traffic(0x1002).orElseThrow().packetsOut(), "203.0.113.5 goes through the /28");
        assertEquals(1, left.traffic(0x1001).orElseThrow().packetsOut(), "203.0.113.20 through the /24");
    }

    @Test
    void aPacketTooBigForThePathIsAnsweredWithIcmp() throws Exception {
        planes.install("net", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", true, new ChildOptions(1280, 0));
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, 1400)); // DF set
        byte[] icmp = planes.leftInner.take();
        assertNotNull(icmp);
        assertEquals(1, icmp[9], "ICMP");
        assertEquals(3, icmp[20]);
        assertEquals(4, icmp[21]);
        int mtu = IpPacket.u16(icmp, 26);
        assertTrue(mtu > 1200 && mtu < 1280, "next-hop MTU " + mtu + " leaves room for ESP, UDP and the outer header");
        assertEquals(1, left.counters().tooBig());
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, mtu - 28)); // exactly the MTU it announced
        assertEquals(mtu, planes.rightInner.take().length);
    }

    @Test
    void afterRemovalTrafficIsDiscardedAndTheSpiIsReportedUnknown() throws Exception {
        planes.install("net", 0x1001, 0x2001, "198.51.100.0/24", "203.0.113.0/24", false, ChildOptions.DEFAULTS);
        TwoDataPlanes.remove(right, "net", 0x2001, 0x1001);
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        assertTrue(TwoDataPlanes.await(() -> !planes.unknownSpis.isEmpty()));
        assertEquals(List.of(0x2001), planes.unknownSpis);
        TwoDataPlanes.remove(left, "net", 0x1001, 0x2001);
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        assertTrue(TwoDataPlanes.await(() -> left.counters().noPolicy() > 0));
        assertEquals(1, left.counters().noPolicy());
        assertTrue(left.traffic(0x1001).isEmpty());
    }
}
