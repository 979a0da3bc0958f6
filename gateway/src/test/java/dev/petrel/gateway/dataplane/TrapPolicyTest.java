package dev.petrel.gateway.dataplane;

import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_L;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_R;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.LEFT_NET;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.RIGHT_NET;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.await;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.remove;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.policy.TrafficSelector;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Trap policies (swanctl's {@code trap}): packets with no CHILD_SA to go through are held, a few, and acquire it, at
 * most once a second; once it is installed they go through it; under its policy the trap waits for the next time.
 */
class TrapPolicyTest {
    private static final List<TrafficSelector> LOCAL = List.of(TrafficSelector.subnet(LEFT_NET));
    private static final List<TrafficSelector> REMOTE = List.of(TrafficSelector.subnet(RIGHT_NET));

    @AutoClose
    private final TwoDataPlanes planes = new TwoDataPlanes();
    private final DataPlane left = planes.left;

    private static byte[] numbered(int n) {
        return udp(HOST_L, HOST_R, 10 + n);
    }

    @Test
    void heldPacketsAcquireTheChildSaOnceAndGoThroughItWhenItIsInstalled() throws Exception {
        left.trap("test", "net", LOCAL, REMOTE);
        for (int i = 0; i < 3; i++) {
            planes.leftInner.toSend.offer(numbered(i));
        }
        assertTrue(await(() -> left.counters().held() == 3));
        assertEquals(List.of("test/net"), planes.acquires, "one acquire for the three packets");
        assertNull(planes.rightInner.delivered.poll(100));

        planes.install("net", 0x1001, 0x2001, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(numbered(i), planes.rightInner.take(), "held packet " + i + ", in order");
        }
        planes.leftInner.toSend.offer(numbered(3));
        assertArrayEquals(numbered(3), planes.rightInner.take(), "the CHILD_SA's policy ranks above the trap");
        assertEquals(List.of("test/net"), planes.acquires);
    }

    @Test
    void theTrapFiresAgainOnceTheChildSaIsGone() throws Exception {
        planes.install("net", 0x1001, 0x2001, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        left.trap("test", "net", LOCAL, REMOTE);
        planes.leftInner.toSend.offer(numbered(0));
        assertNotNull(planes.rightInner.take(), "installed after the CHILD_SA, the trap still ranks below it");
        remove(left, "net", 0x1001, 0x2001);
        planes.leftInner.toSend.offer(numbered(1));
        assertTrue(await(() -> planes.acquires.size() == 1));
        assertEquals(1, left.counters().held());
        assertEquals(0, left.counters().noPolicy());
    }

    @Test
    void aTrapHoldsAFewPacketsAndDropsTheRestUntilUntrapped() throws Exception {
        left.trap("test", "net", LOCAL, REMOTE);
        for (int i = 0; i < Trap.HELD + 3; i++) {
            planes.leftInner.toSend.offer(numbered(i));
        }
        assertTrue(await(() -> left.counters().held() + left.counters().heldDropped() == Trap.HELD + 3));
        assertEquals(Trap.HELD, left.counters().held());
        left.untrap("test", "net");
        planes.install("net", 0x1001, 0x2001, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        planes.leftInner.toSend.offer(numbered(99));
        assertArrayEquals(numbered(99), planes.rightInner.take(), "what the removed trap held was dropped");
        planes.leftInner.toSend.offer(numbered(100));
        assertArrayEquals(numbered(100), planes.rightInner.take());
        remove(left, "net", 0x1001, 0x2001);
        planes.leftInner.toSend.offer(numbered(101));
        assertTrue(await(() -> left.counters().noPolicy() == 1), "without its trap the traffic meets no policy");
    }
}
