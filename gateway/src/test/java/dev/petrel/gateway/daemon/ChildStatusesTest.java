package dev.petrel.gateway.daemon;

import static dev.petrel.gateway.daemon.LifecycleViews.home;
import static dev.petrel.gateway.daemon.LifecycleViews.net;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.gateway.control.ChildSaState;
import dev.petrel.gateway.control.ChildSaStatus;
import dev.petrel.gateway.control.IkeSaState;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.gateway.dataplane.ChildTraffic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CHILD_SAs and IKE SAs around a rekeying in list-sas: the replaced ones are REKEYED until they go. */
class ChildStatusesTest {
    @Test
    void theReplacedChildSaIsRekeyedAndItsSuccessorInstalled() {
        Instant now = Instant.parse("2025-01-01T00:01:00Z");
        IkeSaStatus status = Statuses.ikeSa(home(7, dev.petrel.ike.engine.IkeSaState.ESTABLISHED,
                List.of(net(0x1001), net(0x1003)), List.of(0x1001)), now, Map.of(7L, now.minusSeconds(60)),
                Map.of(0x1001, now.minusSeconds(60), 0x1003, now.minusSeconds(1)),
                spi -> Optional.of(new ChildTraffic(1, 1, 1, 1)), false);
        assertEquals(IkeSaState.ESTABLISHED, status.state());
        assertEquals(60, status.establishedSeconds());
        assertEquals(List.of(ChildSaState.REKEYED, ChildSaState.INSTALLED),
                status.children().stream().map(ChildSaStatus::state).toList());
        assertEquals(List.of("00001001", "00001003"), status.children().stream().map(ChildSaStatus::spiIn).toList());
        IkeSaStatus old = Statuses.ikeSa(home(6, dev.petrel.ike.engine.IkeSaState.REKEYED, List.of(), List.of()), now,
                Map.of(), Map.of(), spi -> Optional.empty(), false);
        assertEquals(IkeSaState.REKEYED, old.state());
    }
}
