package dev.petrel.gateway.daemon;

import static dev.petrel.gateway.daemon.LifecycleViews.home;
import static dev.petrel.gateway.daemon.LifecycleViews.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.petrel.gateway.daemon.Acquisitions.Decision;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trap's acquires: one negotiation at a time per child, on an IKE SA of the connection when there is one. */
class AcquisitionsTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
    private final Acquisitions acquisitions = new Acquisitions();

    @Test
    void withoutAnIkeSaTheConnectionIsInitiatedOnceUntilItEnds() {
        assertInstanceOf(Decision.Initiate.class, acquisitions.decide(List.of(), "home", "net", T));
        assertInstanceOf(Decision.Wait.class, acquisitions.decide(List.of(), "home", "net", T.plusSeconds(1)),
                "the initiation is under way");
        List<IkeSaView> connecting = List.of(home(1, IkeSaState.CONNECTING, List.of(), List.of()));
        assertEquals(new Decision.Wait("an IKE SA of home is being set up"),
                acquisitions.decide(connecting, "home", "other", T.plusSeconds(1)));
        acquisitions.ended("home"); // it failed
        assertInstanceOf(Decision.Initiate.class, acquisitions.decide(List.of(), "home", "net", T.plusSeconds(2)));
        assertInstanceOf(Decision.Initiate.class, acquisitions.decide(List.of(), "home", "net",
                T.plusSeconds(2).plus(Acquisitions.PATIENCE)), "a negotiation that never ended no longer counts");
    }

    @Test
    void anEstablishedIkeSaGetsTheChildUnlessItIsUp() {
        List<IkeSaView> bare = List.of(home(3, IkeSaState.REKEYED, List.of(), List.of()),
                home(4, IkeSaState.ESTABLISHED, List.of(), List.of()));
        assertEquals(new Decision.CreateChild(4), acquisitions.decide(bare, "home", "net", T));
        acquisitions.installed("home", "net");
        List<IkeSaView> up = List.of(home(4, IkeSaState.ESTABLISHED, List.of(net(0x1001)), List.of()));
        assertEquals(new Decision.Wait("net is up"), acquisitions.decide(up, "home", "net", T.plusSeconds(1)));
        List<IkeSaView> retiring = List.of(home(4, IkeSaState.ESTABLISHED, List.of(net(0x1001)), List.of(0x1001)));
        assertEquals(new Decision.CreateChild(4), acquisitions.decide(retiring, "home", "net", T.plusSeconds(2)),
                "a CHILD_SA on its way out does not count");
        assertInstanceOf(Decision.Initiate.class, acquisitions.decide(up, "office", "net", T.plusSeconds(2)),
                "another connection's IKE SA does not serve");
    }
}
