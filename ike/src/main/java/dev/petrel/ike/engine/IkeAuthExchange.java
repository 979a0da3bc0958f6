package dev.petrel.ike.engine;

import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.identity.Identity;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IdType;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * IKE_AUTH as the initiator (RFC 7296 §1.2): IDi, optional IDr, AUTH, INITIAL_CONTACT when this is our only IKE SA
 * of the connection (§2.4), and the first CHILD_SA. The response's AUTH must verify and its IDr match the
 * connection's remote identity before the IKE SA counts as established.
 */
final class IkeAuthExchange implements Exchange {
    private final ChildConfig child;
    private ChildNegotiation.Offer offer;

    /** @param child the first CHILD_SA, or null for an IKE SA without one (RFC 6023 is not announced, so rare) */
    IkeAuthExchange(ChildConfig child) {
        this.child = child;
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.IKE_AUTH;
    }

    @Override
    public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
        List<Payload> payloads = new ArrayList<>();
        IdentificationPayload idi = idPayload(true, sa.localId);
        payloads.add(idi);
        payloads.addAll(CertificatePayloads.ours(sa));
        CertificatePayloads.request(List.of(sa.config)).ifPresent(payloads::add);
        sa.config.remoteId().exact().ifPresent(id -> payloads.add(idPayload(false, id)));
        try {
            payloads.add(AuthPayloads.sign(sa, idi));
        } catch (AuthenticationException e) {
            fail(engine, sa, Failure.AUTHENTICATION, "we cannot authenticate: " + e.getMessage(), false, turn);
            return null;
        }
        if (!engine.hasContact(sa)) {
            payloads.add(NotifyPayload.of(NotifyType.INITIAL_CONTACT, new byte[0]));
        }
        if (child != null) {
            offer = ChildNegotiation.offer(engine, child, true);
            payloads.addAll(offer.payloads());
        }
        return payloads;
    }

    @Override
    public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
        IkeMessage message = response.message();
        var idr = message.identification(false);
        var auth = message.first(AuthenticationPayload.class);
        if (idr.isEmpty() || auth.isEmpty()) {
            var error = message.notifies().stream().filter(n -> NotifyType.isError(n.notifyType())).findFirst();
            fail(engine, sa, error.isPresent() && error.get().notifyType() == NotifyType.AUTHENTICATION_FAILED.value()
                    ? Failure.AUTHENTICATION : error.isPresent() ? Failure.PEER_ERROR : Failure.SYNTAX,
                    error.map(n -> "the responder answered " + NotifyNames.name(n.notifyType()))
                            .orElse("IKE_AUTH response lacks IDr or AUTH"), false, turn);
            return;
        }
        Identity peer = identity(idr.get());
        if (peer == null || !sa.config.remoteId().matches(peer)) {
            fail(engine, sa, Failure.IDENTITY, "the responder is " + (peer == null ? "an unusable identity" : peer)
                    + ", the connection accepts " + sa.config.remoteId(), true, turn);
            return;
        }
        String refused = AuthPayloads.verify(sa, message, idr.get(), peer, auth.get(), turn.now);
        if (refused != null) {
            fail(engine, sa, Failure.AUTHENTICATION, refused, true, turn);
            return;
        }
        sa.remoteId = peer;
        sa.state = IkeSaState.ESTABLISHED;
        turn.event(new IkeSaEstablished(sa.id, sa.name(), true, sa.local, sa.remote, sa.localId, peer, sa.suite,
                sa.natDetected()));
        if (offer != null) {
            ChildNegotiation.accept(engine, sa, offer, message, ChildNegotiation.Keying.ofIkeAuth(sa), turn);
        }
    }

    /** @param ours true when our check of the responder failed, which we tell it about */
    private void fail(IkeEngine engine, IkeSa sa, Failure failure, String why, boolean ours, Turn turn) {
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, why));
        if (ours) {
            // §2.21.2: the responder's AUTH failed here; say so in a separate INFORMATIONAL exchange.
            engine.tell(sa, NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED), turn);
        }
        abandon(engine);
        engine.destroy(sa, "IKE_AUTH failed", turn);
    }

    @Override
    public void abandon(IkeEngine engine) {
        if (offer != null) {
            engine.releaseChildSpi(offer.inboundSpi());
            offer = null;
        }
    }

    static IdentificationPayload idPayload(boolean initiator, Identity id) {
        return new IdentificationPayload(initiator, id.type().value(), id.data());
    }

    /** The identity an ID payload carries, or null for a type or data we cannot use. */
    static Identity identity(IdentificationPayload id) {
        try {
            return IanaValue.byValue(IdType.class, id.idType()).map(t -> new Identity(t, id.data())).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
