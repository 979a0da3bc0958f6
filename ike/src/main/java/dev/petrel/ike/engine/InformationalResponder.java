package dev.petrel.ike.engine;

import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.event.PeerReported;
import dev.petrel.wire.ike.DeletePayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.ProtocolId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * INFORMATIONAL requests from the peer (RFC 7296 §1.4), also from an initiator still in IKE_AUTH with us. Every one
 * is answered: Delete of the IKE SA (answered empty, then the SA is gone), AUTHENTICATION_FAILED (likewise, §2.21.2),
 * Delete of CHILD_SAs (answered with our SPIs of the pairs found, §1.4.1), and anything else, e.g. a liveness check
 * or MOBIKE's NO_ADDITIONAL_ADDRESSES, with an empty response: status notifies we do not know are ignored (§3.10.1).
 */
final class InformationalResponder {
    private InformationalResponder() {}

    static void handle(IkeEngine engine, IkeSa sa, Received received, Turn turn) {
        IkeMessage request = received.message();
        List<DeletePayload> deletes = request.payloads().stream()
                .filter(p -> p instanceof DeletePayload).map(p -> (DeletePayload) p).toList();
        if (deletes.stream().anyMatch(d -> d.protocolId() == ProtocolId.IKE.value())) {
            engine.respond(sa, request.header(), List.of(), turn);
            Lifecycle.deletedByPeer(engine, sa, turn);
            return;
        }
        if (request.notify(NotifyType.AUTHENTICATION_FAILED).isPresent()) {
            // §2.21.2: the initiator could not verify our AUTH, or, still in IKE_AUTH, gave up its EAP method; the
            // IKE SA it reports on is dead for it.
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.AUTHENTICATION,
                    sa.state == IkeSaState.CONNECTING ? gaveUp(sa)
                            : "the peer reports that our AUTH did not verify (AUTHENTICATION_FAILED)"));
            engine.respond(sa, request.header(), List.of(), turn);
            engine.destroy(sa, sa.state == IkeSaState.CONNECTING ? "the peer gave up IKE_AUTH"
                    : "the peer could not authenticate us", turn);
            return;
        }
        for (NotifyPayload n : request.notifies()) {
            if (n.notifyType() == NotifyType.INVALID_SPI.value() && n.data().length == 4) {
                // §3.10.1: the peer got ESP or AH with an SPI it does not know; ours, if it is one of our outbound SAs.
                int spi = java.nio.ByteBuffer.wrap(n.data()).getInt();
                ChildLife child = sa.childByOutboundSpi(spi);
                turn.event(new PeerReported(sa.id, sa.name(), "INVALID_SPI", "SPI " + Spis.hex(spi)
                        + (child == null ? ", none of ours" : ", our outbound SA of CHILD_SA " + child)));
            } else if (NotifyType.isError(n.notifyType())) {
                turn.event(new PeerReported(sa.id, sa.name(), NotifyNames.name(n.notifyType()), "in an INFORMATIONAL request"));
            }
        }
        List<Payload> response = new ArrayList<>();
        for (DeletePayload delete : deletes) {
            List<Integer> ours = new ArrayList<>();
            for (int spi : delete.spis()) {
                ChildLife child = sa.childByOutboundSpi(spi);
                if (child == null || child.sa.protocol().value() != delete.protocolId()) {
                    continue;
                }
                // §1.4.1: when our own Delete of it crossed this one, the response leaves it out
                if (!(sa.outstanding != null && sa.outstanding.exchange instanceof InformationalExchange.DeleteChild(var d)
                        && d == child)) {
                    ours.add(child.inboundSpi());
                }
                // a close: not the end of a CHILD_SA that was replaced, nor of a rekeying's CHILD_SA that never took over
                boolean closed = child.live() && !engine.hasSuccessor(sa, child)
                        && (child.replaces == 0 || sa.childByInboundSpi(child.replaces) == null);
                engine.removeChild(sa, child, "deleted by the peer", turn);
                if (closed) {
                    Lifecycle.childClosed(engine, sa, child.config, turn);
                }
            }
            if (!ours.isEmpty()) {
                response.add(new DeletePayload(delete.protocolId(), ours));
            }
        }
        engine.respond(sa, request.header(), response, turn);
    }

    /** Why an initiator abandoned IKE_AUTH with AUTHENTICATION_FAILED: our EAP server's refusal, if it made one. */
    private static String gaveUp(IkeSa sa) {
        String peer = sa.remoteId == null ? "the initiator" : "peer " + sa.remoteId;
        PeerAuthentication progress = sa.peerAuthentication;
        return (progress == null || progress.eap == null ? Optional.<String>empty() : progress.eap.refusal())
                .map(refusal -> peer + " gave up IKE_AUTH with AUTHENTICATION_FAILED; we had refused it: " + refusal)
                .orElse(peer + " gave up IKE_AUTH with AUTHENTICATION_FAILED (it did not verify our AUTH, or its EAP "
                        + "method failed)");
    }
}
