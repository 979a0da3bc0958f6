package dev.petrel.ike.engine;

import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.keys.IkeSuite;
import java.util.List;

/** A read-only snapshot of an IKE SA, for list-sas and tests. */
public record IkeSaView(long id, String connection, boolean initiator, IkeSaState state, long initiatorSpi,
        long responderSpi, Endpoint local, Endpoint remote, Identity localId, Identity remoteId, IkeSuite suite,
        boolean natDetected, List<ChildSa> children) {

    static IkeSaView of(IkeSa sa) {
        return new IkeSaView(sa.id, sa.name(), sa.initiator, sa.state, sa.initiatorSpi, sa.responderSpi, sa.local,
                sa.remote, sa.localId, sa.remoteId, sa.suite, sa.natDetected(), List.copyOf(sa.children));
    }
}
