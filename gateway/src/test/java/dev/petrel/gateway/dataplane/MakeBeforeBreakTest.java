package dev.petrel.gateway.dataplane;

import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_L;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_R;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.LEFT_NET;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.RIGHT_NET;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.await;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.remove;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.ip.UdpDatagram;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Rekeying in the data plane (RFC 7296 §2.8): the new CHILD_SA is made before the old one is broken. The new outbound
 * SA takes over its predecessor's policy in place, when active or activated; both inbound SAs accept packets until the
 * old one is removed, and removing it leaves the successor's policy alone.
 */
class MakeBeforeBreakTest {
    private static final int OLD_L = 0x1001;
    private static final int OLD_R = 0x2001;
    private static final int NEW_L = 0x1002;
    private static final int NEW_R = 0x2002;

    @AutoClose
    private final TwoDataPlanes planes = new TwoDataPlanes();
    private final DataPlane left = planes.left;
    private final DataPlane right = planes.right;

    @Test
    void trafficBothWaysLosesNoPacketAcrossARekeying() throws Exception {
        planes.install("net", OLD_L, OLD_R, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        int count = 3000;
        Flood there = new Flood(planes.leftInner, planes.rightInner, HOST_L, HOST_R, count);
        Flood back = new Flood(planes.rightInner, planes.leftInner, HOST_R, HOST_L, count);
        there.start();
        back.start();
        await(() -> there.sent.get() > count / 5 && back.sent.get() > count / 5);
        planes.rekey("net", OLD_L, OLD_R, NEW_L, NEW_R);
        await(() -> there.sent.get() > 2 * count / 5);
        planes.activateRight("net", NEW_R, OLD_R);
        Thread.sleep(100); // the old inbound SAs linger (the engine waits 5 s) for what was sent before the switch
        remove(left, "net", OLD_L, OLD_R);
        remove(right, "net", OLD_R, OLD_L);
        there.join();
        back.join();
        assertEquals(count, there.received(), "left to right: " + left.counters());
        assertEquals(count, back.received(), "right to left: " + right.counters());
        long leftOut = left.traffic(NEW_L).orElseThrow().packetsOut();
        long rightOut = right.traffic(NEW_R).orElseThrow().packetsOut();
        assertTrue(leftOut > 0 && leftOut < count, "left sent " + leftOut + " of " + count + " on the new CHILD_SA");
        assertTrue(rightOut > 0 && rightOut < count, "right sent " + rightOut + " of " + count + " on the new CHILD_SA");
        assertEquals(0, left.counters().noPolicy() + right.counters().noPolicy());
    }

    @Test
    void theResponderSendsOnTheOldChildUntilActivatedWhileItAcceptsOnBoth() throws Exception {
        planes.install("net", OLD_L, OLD_R, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        planes.rekey("net", OLD_L, OLD_R, NEW_L, NEW_R);
        roundTrip();
        assertEquals(1, right.traffic(NEW_R).orElseThrow().packetsIn(), "the initiator sends on the new CHILD_SA");
        assertEquals(1, right.traffic(OLD_R).orElseThrow().packetsOut(), "the responder still on the old one");
        assertEquals(0, right.traffic(NEW_R).orElseThrow().packetsOut());
        assertEquals(1, left.traffic(OLD_L).orElseThrow().packetsIn(), "whose inbound SA still accepts");

        planes.activateRight("net", NEW_R, OLD_R);
        roundTrip();
        assertEquals(1, right.traffic(NEW_R).orElseThrow().packetsOut(), "activated, the responder sends on the new one");
        assertEquals(1, left.traffic(NEW_L).orElseThrow().packetsIn());
        remove(right, "net", OLD_R, OLD_L);
        remove(left, "net", OLD_L, OLD_R);
        roundTrip();
        assertEquals(3, left.traffic(NEW_L).orElseThrow().packetsOut(), "the old CHILD_SA took only its own SAs along");
        assertEquals(2, right.traffic(NEW_R).orElseThrow().packetsOut());
    }

    @Test
    void anActivationAfterThePredecessorIsGoneSendsUnderAPolicyOfItsOwn() throws Exception {
        planes.install("net", OLD_L, OLD_R, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        planes.rekey("net", OLD_L, OLD_R, NEW_L, NEW_R);
        remove(right, "net", OLD_R, OLD_L);
        planes.rightInner.toSend.offer(udp(HOST_R, HOST_L, 10));
        assertTrue(await(() -> right.counters().noPolicy() == 1), "neither CHILD_SA sends before the activation");
        planes.activateRight("net", NEW_R, OLD_R);
        planes.rightInner.toSend.offer(udp(HOST_R, HOST_L, 10));
        assertNotNull(planes.leftInner.take());
        assertEquals(1, right.traffic(NEW_R).orElseThrow().packetsOut());
    }

    @Test
    void theSuccessorKeepsItsPredecessorsRankAmongThePolicies() throws Exception {
        planes.install("broad", OLD_L, OLD_R, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        planes.install("narrow", 0x1003, 0x2003, LEFT_NET, "203.0.113.0/28", false, ChildOptions.DEFAULTS);
        planes.rekey("narrow", 0x1003, 0x2003, NEW_L, NEW_R);
        planes.leftInner.toSend.offer(udp(HOST_L, InetAddress.ofLiteral("203.0.113.5").getAddress(), 10));
        assertNotNull(planes.rightInner.take());
        assertEquals(1, left.traffic(NEW_L).orElseThrow().packetsOut(), "203.0.113.5 still goes through the /28");
        assertEquals(0, left.traffic(OLD_L).orElseThrow().packetsOut());
    }

    /** One packet left to right and one back, each delivered. */
    private void roundTrip() throws InterruptedException {
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        assertNotNull(planes.rightInner.take());
        planes.rightInner.toSend.offer(udp(HOST_R, HOST_L, 10));
        assertNotNull(planes.leftInner.take());
    }

    /** Numbered packets from one inner side, paced so that no queue overflows, and a thread that counts their arrival. */
    private static final class Flood {
        final AtomicInteger sent = new AtomicInteger();
        private final boolean[] seen;
        private final Thread sender;
        private final Thread receiver;
        private int received;

        Flood(MemoryPorts.Inner from, MemoryPorts.Inner to, byte[] source, byte[] destination, int count) {
            seen = new boolean[count];
            sender = Thread.ofPlatform().unstarted(() -> {
                for (int i = 0; i < count; i++) {
                    byte[] payload = {(byte) (i >> 8), (byte) i};
                    while (!from.toSend.offer(UdpDatagram.packet(source, 40_000, destination, 5_201, payload))) {
                        Thread.onSpinWait();
                    }
                    sent.incrementAndGet();
                    LockSupport.parkNanos(200_000);
                }
            });
            receiver = Thread.ofPlatform().unstarted(() -> {
                try {
                    byte[] p;
                    while (received < count && (p = to.take()) != null) {
                        int n = (p[p.length - 2] & 0xff) << 8 | p[p.length - 1] & 0xff;
                        if (!seen[n]) {
                            seen[n] = true;
                            received++;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void start() {
            receiver.start();
            sender.start();
        }

        void join() throws InterruptedException {
            sender.join(30_000);
            receiver.join(30_000);
        }

        /** Distinct packets delivered; read after {@link #join}. */
        int received() {
            return received;
        }
    }
}
