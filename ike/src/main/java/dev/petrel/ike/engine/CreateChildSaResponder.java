package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE_CHILD_SA as the responder (RFC 7296 §1.3): a new CHILD_SA, with PFS when the chosen proposal has a key
 * exchange (INVALID_KE_PAYLOAD names our group when the peer's KEi is another). A CHILD_SA rekey (REKEY_SA) is
 * answered as a new CHILD_SA that the peer then swaps in by deleting the old one. Rekeying the IKE SA itself is
 * refused with NO_ADDITIONAL_SAS until it is built.
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
            return List.of(ChildNegotiation.refuse(sa, Failure.PROPOSAL, "the peer asked to rekey the IKE SA, which Petrel "
                    + "does not do yet", NotifyType.NO_ADDITIONAL_SAS, turn).answer());
        }
        var nonceI = request.first(NoncePayload.class);
        if (nonceI.isEmpty()) {
            return List.of(ChildNegotiation.refuse(sa, Failure.SYNTAX, "CREATE_CHILD_SA request lacks Ni",
                    NotifyType.INVALID_SYNTAX, turn).answer());
        }
        ChildNegotiation.Decision decision = ChildNegotiation.choose(sa, request, false, turn);
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
            List<Payload> answer = new ArrayList<>(ChildNegotiation.answer(engine, sa, choice,
                    new ChildNegotiation.Keying(nonceI.get().data(), nonceR, shared, false), turn));
            answer.addAll(1, extra);
            return answer;
        } finally {
            KeyMaterial.wipe(shared);
        }
    }
}
