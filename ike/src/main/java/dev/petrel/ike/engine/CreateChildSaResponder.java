package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.engine.ChildNegotiation.Succession;
import dev.petrel.ike.event.ChildSaRekeyed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE_CHILD_SA as the responder (RFC 7296 §1.3): a new CHILD_SA, with PFS when the chosen proposal has a key
 * exchange (INVALID_KE_PAYLOAD names our group when the peer's KEi is another). A CHILD_SA rekey (REKEY_SA, §2.8)
 * is answered as a new CHILD_SA of the same configuration that receives at once and sends once the peer deletes the
 * old one. Rekeying the IKE SA itself is {@link RekeyIkeResponder}'s.
 */
final class CreateChildSaResponder {
    private CreateChildSaResponder() {}

    static void handle(IkeEngine engine, IkeSa sa, Received received, Turn turn) {
        IkeMessage request = received.message();
        engine.respond(sa, request.header(), answer(engine, sa, request, turn), turn);
    }

    private static List<Payload> answer(IkeEngine engine, IkeSa sa, IkeMessage request, Turn turn) {
        var saPayload = request.first(SecurityAssociationPayload.class);
        if (saPayload.isPresent() && saPayload.get().proposals().stream().anyMatch(p -> p.protocolId() == ProtocolId.IKE.value())) {
            return RekeyIkeResponder.answer(engine, sa, request, turn);
        }
        var nonceI = request.first(NoncePayload.class);
        if (nonceI.isEmpty()) {
            return List.of(ChildNegotiation.refuse(sa, Failure.SYNTAX, "CREATE_CHILD_SA request lacks Ni",
                    NotifyType.INVALID_SYNTAX, turn).answer());
        }
        if (sa.state != IkeSaState.ESTABLISHED || RekeyIkeExchange.outstanding(sa)) {
            // §2.25.2: no new CHILD_SA on an IKE SA being rekeyed or replaced; the peer tries again on its successor
            return List.of(ChildNegotiation.refuse(sa, Failure.PEER_ERROR, "CREATE_CHILD_SA while the IKE SA is "
                    + (sa.state == IkeSaState.ESTABLISHED ? "being rekeyed" : sa.state), NotifyType.TEMPORARY_FAILURE, turn).answer());
        }
        ChildLife old = null;
        var rekey = request.notify(NotifyType.REKEY_SA);
        if (rekey.isPresent()) {
            NotifyPayload n = rekey.get();
            old = n.spi().length == 4 ? sa.childByOutboundSpi(ByteBuffer.wrap(n.spi()).getInt()) : null;
            if (old == null || old.sa.protocol().value() != n.protocolId()) {
                // §2.25.1: it was deleted, perhaps by a Delete that crossed this request
                return List.of(ChildNegotiation.refuse(sa, Failure.PEER_ERROR, "the peer asked to rekey CHILD_SA "
                        + Spis.hex(n.spi().length == 4 ? ByteBuffer.wrap(n.spi()).getInt() : 0) + ", which we do not have",
                        NotifyType.CHILD_SA_NOT_FOUND, turn).answer());
            }
            if (!old.live()) {
                // §2.25.1: it is being deleted, or was replaced by our own rekeying of it
                return List.of(ChildNegotiation.refuse(sa, Failure.PEER_ERROR, "the peer asked to rekey CHILD_SA " + old
                        + ", which is being replaced or deleted", NotifyType.TEMPORARY_FAILURE, turn).answer());
            }
        }
        List<ChildConfig> candidates = old == null ? sa.config.children() : List.of(old.config);
        ChildNegotiation.Decision decision = ChildNegotiation.choose(sa, request, candidates, false, turn);
        if (decision instanceof ChildNegotiation.Refused(var answer)) {
            return List.of(answer);
        }
        ChildNegotiation.Choice choice = ((ChildNegotiation.Chosen) decision).choice();
        KeyExchangeMethod group = choice.chosen().keyExchange();
        var kei = request.first(KeyExchangePayload.class);
        byte[] nonceR = engine.nonce();
        List<Payload> extra = new ArrayList<>();
        extra.add(new NoncePayload(nonceR));
        byte[] shared = null;
        if (group != KeyExchangeMethod.NONE) {
            if (kei.isEmpty() || kei.get().group() != group.value()) {
                return List.of(ChildNegotiation.refuse(sa, Failure.KEY_EXCHANGE, "CHILD_SA KEi is group "
                        + kei.map(k -> String.valueOf(k.group())).orElse("missing") + ", we chose " + group,
                        InvalidKe.notify(group), turn).answer());
            }
            try {
                KeyExchange.Response r = KeyExchanges.create(group, engine.random).respond(kei.get().data());
                shared = r.sharedSecret();
                extra.add(new KeyExchangePayload(group.value(), r.publicValue()));
            } catch (InvalidKeyExchangeValueException e) {
                return List.of(ChildNegotiation.refuse(sa, Failure.KEY_EXCHANGE, "the peer's " + group + " value is invalid: "
                        + e.getMessage(), NotifyType.INVALID_SYNTAX, turn).answer());
            }
        }
        try {
            // §2.8: the rekey initiator may not have our answer yet; we send on the new CHILD_SA once it deletes the old
            Succession succession = old == null ? Succession.NONE : new Succession(old.inboundSpi(), false);
            List<Payload> answer = new ArrayList<>(ChildNegotiation.answer(engine, sa, choice,
                    new ChildNegotiation.Keying(nonceI.get().data(), nonceR, shared, false), succession, turn));
            answer.addAll(1, extra);
            if (old != null) {
                rekeyed(engine, sa, old, sa.children.getLast(), nonceI.get().data(), nonceR, turn);
            }
            return answer;
        } finally {
            KeyMaterial.wipe(shared);
        }
    }

    /**
     * We answered the peer's rekeying of {@code old} with {@code created}. If our own rekeying of it is outstanding,
     * the two collided and its response decides which survives (§2.8.1); otherwise the old one waits for the peer's
     * Delete.
     */
    private static void rekeyed(IkeEngine engine, IkeSa sa, ChildLife old, ChildLife created, byte[] nonceI, byte[] nonceR, Turn turn) {
        if (sa.outstanding != null && sa.outstanding.exchange instanceof CreateChildSaExchange ours && ours.rekeying == old) {
            ours.collision = new Collision<>(nonceI, nonceR, created);
            return;
        }
        old.supersede(engine.supersededDeadline(turn));
        turn.event(new ChildSaRekeyed(sa.id, sa.name(), old.sa.name(), old.inboundSpi(), created.inboundSpi()));
    }
}
