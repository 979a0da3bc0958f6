package dev.petrel.ike.ts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.wire.iana.IpProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSelectorsTest {
    private static final TrafficSelector NET = TrafficSelector.subnet("198.51.100.0/24");

    @Test
    void narrowsToTheOverlap() {
        List<TrafficSelector> n = TrafficSelectors.narrow(List.of(TrafficSelector.subnet("198.51.0.0/16")), List.of(NET));
        assertEquals(List.of(NET), n);
        TrafficSelector web = TrafficSelector.subnet("198.51.100.0/25", IpProtocol.TCP, 443, 443);
        assertEquals(List.of(web), TrafficSelectors.narrow(List.of(web), List.of(NET)));
        assertEquals(List.of(TrafficSelector.subnet("198.51.100.0/24", IpProtocol.TCP, 80, 100)), TrafficSelectors.narrow(
                List.of(TrafficSelector.subnet("198.51.100.0/24", IpProtocol.TCP, 0, 100)),
                List.of(TrafficSelector.subnet("0.0.0.0/0", IpProtocol.ANY, 80, 65535))));
    }

    @Test
    void nothingInCommonIsEmpty() {
        assertTrue(TrafficSelectors.narrow(List.of(TrafficSelector.subnet("203.0.113.0/24")), List.of(NET)).isEmpty());
        assertNull(TrafficSelectors.intersection(TrafficSelector.subnet("198.51.100.0/24", IpProtocol.TCP, 0, 65535),
                TrafficSelector.subnet("198.51.100.0/24", IpProtocol.UDP, 0, 65535)));
        assertNull(TrafficSelectors.intersection(NET, TrafficSelector.subnet("2001:db8::/32")), "another family");
    }

    @Test
    void theInitiatorAcceptsOnlyAnswersWithinItsProposal() {
        assertTrue(TrafficSelectors.within(List.of(TrafficSelector.subnet("198.51.100.0/25")), List.of(NET)));
        assertFalse(TrafficSelectors.within(List.of(TrafficSelector.subnet("198.51.0.0/16")), List.of(NET)));
        assertFalse(TrafficSelectors.within(List.of(), List.of(NET)), "an empty answer is no answer");
    }

    @Test
    void wireRoundTrip() {
        List<TrafficSelector> both = List.of(NET, TrafficSelector.subnet("2001:db8:1::/48", IpProtocol.UDP, 500, 4500));
        assertEquals(both, TrafficSelectors.fromWire(TrafficSelectors.toWire(true, both)));
    }
}
