package dev.petrel.ike.engine;

import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.keys.IkeSuite;
import java.net.InetAddress;
import java.util.List;

/**
 * A read-only snapshot of an IKE SA, for list-sas and tests.
 *
 * @param nextRequestId the message ID of our next request (RFC 7296 §2.2)
 * @param expectedRequestId the message ID we expect on the peer's next request
 * @param awaitingResponse our request {@code nextRequestId - 1} is in flight (window size 1, §2.3)
 * @param remoteEapId the EAP identity the peer proved, or null
 * @param virtualIps assigned to us (initiator) or by us to the peer (responder), RFC 7296 §2.19
 * @param children every CHILD_SA in the data plane, including those in {@code retiring}
 * @param retiring our inbound SPIs of the CHILD_SAs replaced by a rekeying, redundant, or being deleted
 */
public record IkeSaView(long id, String connection, boolean initiator, IkeSaState state, long initiatorSpi,
        long responderSpi, Endpoint local, Endpoint remote, Identity localId, Identity remoteId, IkeSuite suite,
        boolean natDetected, List<ChildSa> children, int nextRequestId, int expectedRequestId,
        boolean awaitingResponse, String remoteEapId, List<InetAddress> virtualIps, List<Integer> retiring) {

    static IkeSaView of(IkeSa sa) {
        return new IkeSaView(sa.id, sa.name(), sa.initiator, sa.state, sa.initiatorSpi, sa.responderSpi, sa.local,
                sa.remote, sa.localId, sa.remoteId, sa.suite, sa.natDetected(),
                sa.children.stream().map(c -> c.sa).toList(), sa.nextRequestId, sa.expectedRequestId,
                sa.outstanding != null, sa.remoteEapId, List.copyOf(sa.virtualIps),
                sa.children.stream().filter(c -> !c.live()).map(ChildLife::inboundSpi).toList());
    }
}
