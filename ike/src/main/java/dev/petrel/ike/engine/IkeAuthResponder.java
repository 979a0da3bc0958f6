package dev.petrel.ike.engine;

import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.identity.Identity;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * IKE_AUTH as the responder (RFC 7296 §1.2, §2.15): the connection is chosen by the peer's identity among those
 * that accepted its address and IKE proposal (the PAD, RFC 4301 §4.4.3), its AUTH verified, then the first
 * CHILD_SA negotiated. A CHILD_SA that fails leaves the IKE SA up (§1.2).
 */
final class IkeAuthResponder {
    private IkeAuthResponder() {}

    static void handle(IkeEngine engine, IkeSa sa, Received received, Turn turn) {
        IkeMessage request = received.message();
        var idi = request.identification(true);
        var idr = request.identification(false);
        var auth = request.first(AuthenticationPayload.class);
        if (idi.isEmpty() || auth.isEmpty()) {
            refuse(engine, sa, request, Failure.SYNTAX, "IKE_AUTH request lacks IDi or AUTH", NotifyType.INVALID_SYNTAX, turn);
            return;
        }
        Identity peer = IkeAuthExchange.identity(idi.get());
        Identity wanted = idr.map(IkeAuthExchange::identity).orElse(null);
        IkeConfig config = peer == null ? null : choose(sa, peer, wanted);
        if (config == null) {
            refuse(engine, sa, request, Failure.IDENTITY, "no connection accepts the peer identity "
                    + (peer == null ? "(unusable ID payload)" : peer) + ": " + sa.candidates.stream()
                    .map(c -> c.name() + " accepts " + c.remoteId()).collect(Collectors.joining(", ")),
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        sa.config = config;
        sa.localId = config.localIdentity(sa.local.address());
        String refused = AuthPayloads.verify(sa, request, idi.get(), peer, auth.get(), turn.now);
        if (refused != null) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + peer + ": " + refused,
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        IdentificationPayload ourId = IkeAuthExchange.idPayload(false, sa.localId);
        AuthenticationPayload ourAuth;
        try {
            ourAuth = AuthPayloads.sign(sa, ourId);
        } catch (AuthenticationException e) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + peer + " authenticated, but we cannot: "
                    + e.getMessage(), NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        sa.remoteId = peer;
        sa.state = IkeSaState.ESTABLISHED;
        engine.completed(sa);
        if (request.notify(NotifyType.INITIAL_CONTACT).isPresent()) {
            // §2.4: the peer restarted; its older IKE SAs with us are stale.
            for (IkeSa stale : engine.others(sa)) {
                engine.destroy(stale, "INITIAL_CONTACT from " + peer, turn);
            }
        }
        turn.event(new IkeSaEstablished(sa.id, sa.name(), false, sa.local, sa.remote, sa.localId, peer, sa.suite,
                sa.natDetected()));
        List<Payload> response = new ArrayList<>();
        response.add(ourId);
        CertificatePayloads.noteRequests(sa, request);
        response.addAll(CertificatePayloads.ours(sa));
        response.add(ourAuth);
        if (request.first(SecurityAssociationPayload.class).isPresent()) {
            switch (ChildNegotiation.choose(sa, request, true, turn)) {
                case ChildNegotiation.Chosen(var choice) ->
                        response.addAll(ChildNegotiation.answer(engine, sa, choice, ChildNegotiation.Keying.ofIkeAuth(sa), turn));
                case ChildNegotiation.Refused(var answer) -> response.add(answer);
            }
        }
        engine.respond(sa, request.header(), response, turn);
    }

    /** The first candidate that accepts the peer's identity and, if the peer named us (IDr), is that identity. */
    private static IkeConfig choose(IkeSa sa, Identity peer, Identity wanted) {
        IkeConfig fallback = null;
        for (IkeConfig c : sa.candidates) {
            if (c.remoteId().matches(peer)) {
                if (wanted == null || wanted.equals(c.localIdentity(sa.local.address()))) {
                    return c;
                }
                fallback = fallback == null ? c : fallback;
            }
        }
        return fallback;
    }

    /** Answers with the error notify, then forgets the SA (§2.21.2). */
    private static void refuse(IkeEngine engine, IkeSa sa, IkeMessage request, Failure failure, String why,
            NotifyType notify, Turn turn) {
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, why));
        engine.respond(sa, request.header(), List.of(NotifyPayload.of(notify, new byte[0])), turn);
        engine.destroy(sa, "IKE_AUTH refused", turn);
    }
}
