package dev.petrel.gateway.dataplane;

import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_L;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.HOST_R;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.LEFT_NET;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.RIGHT_NET;
import static dev.petrel.gateway.dataplane.TwoDataPlanes.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.esp.lifetime.LifetimeLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * What {@link DataPlane#poll} tells the control plane: each lifetime limit a CHILD_SA reached once (RFC 4301
 * §4.4.2.1), under our inbound SPI whichever of its SAs reached it, and the CHILD_SAs that received packets since.
 */
class ChildEventsTest {
    @AutoClose
    private final TwoDataPlanes planes = new TwoDataPlanes();

    /** Notes what a poll reports, as {@code lifetime 0x1001 soft} and {@code activity 0x1001}. */
    private static List<String> poll(DataPlane plane) {
        List<String> out = new ArrayList<>();
        plane.poll(new ChildEvents() {
            @Override
            public void lifetime(int inboundSpi, boolean hard) {
                out.add("lifetime 0x" + Integer.toHexString(inboundSpi) + (hard ? " hard" : " soft"));
            }

            @Override
            public void inboundActivity(int inboundSpi) {
                out.add("activity 0x" + Integer.toHexString(inboundSpi));
            }
        });
        return out;
    }

    private void send(MemoryPorts.Inner from, MemoryPorts.Inner to, byte[] source, byte[] destination) throws Exception {
        from.toSend.offer(udp(source, destination, 10));
        assertNotNull(to.take());
    }

    @Test
    void packetLimitsOfTheOutboundSaAreReportedOnceUnderTheInboundSpi() throws Exception {
        planes.install("net", 0x1001, 0x2001, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS, LifetimeLimits.packets(2, 4));
        assertEquals(List.of(), poll(planes.left));
        send(planes.leftInner, planes.rightInner, HOST_L, HOST_R);
        assertEquals(List.of(), poll(planes.left), "one packet out, none in");
        send(planes.leftInner, planes.rightInner, HOST_L, HOST_R);
        assertEquals(List.of("lifetime 0x1001 soft"), poll(planes.left), "the second packet sent reached the soft limit");
        assertEquals(List.of(), poll(planes.left), "reported once");
        send(planes.leftInner, planes.rightInner, HOST_L, HOST_R);
        send(planes.leftInner, planes.rightInner, HOST_L, HOST_R);
        assertEquals(List.of("lifetime 0x1001 hard"), poll(planes.left));
        planes.leftInner.toSend.offer(udp(HOST_L, HOST_R, 10));
        assertNull(planes.rightInner.delivered.poll(300), "the SA refuses packets past its hard limit");
        assertEquals(List.of("lifetime 0x2001 hard", "activity 0x2001"), poll(planes.right),
                "the inbound SA reached both limits between two polls: the hard one is reported");
    }

    @Test
    void inboundActivityIsReportedWhenPacketsArrivedSinceTheLastPoll() throws Exception {
        planes.install("net", 0x1001, 0x2001, LEFT_NET, RIGHT_NET, false, ChildOptions.DEFAULTS);
        planes.install("other", 0x1002, 0x2002, LEFT_NET, "192.0.2.128/25", false, ChildOptions.DEFAULTS);
        assertEquals(List.of(), poll(planes.left));
        send(planes.rightInner, planes.leftInner, HOST_R, HOST_L);
        assertEquals(List.of("activity 0x1001"), poll(planes.left));
        assertEquals(List.of(), poll(planes.left), "nothing new");
        send(planes.leftInner, planes.rightInner, HOST_L, HOST_R);
        assertEquals(List.of(), poll(planes.left), "what we send is not the peer's sign of life");
    }
}
