package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.proposal.ProposalMatcher;
import dev.petrel.ike.proposal.ProposalMatcher.NoMatch;
import dev.petrel.ike.proposal.ProposalMatcher.Outcome;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The peer rekeys the IKE SA (RFC 7296 §1.3.2, §2.18): we choose from our IKE proposals, answer with our new SPI,
 * Nr and KEr, and the new IKE SA takes over the CHILD_SAs while the old one waits for the peer's Delete. Refused
 * with TEMPORARY_FAILURE while one of our CHILD_SA exchanges is outstanding or the SA is already being replaced
 * (§2.25.2); when our own rekeying of it is outstanding, its response settles the collision (§2.8.2).
 */
final class RekeyIkeResponder {
    private RekeyIkeResponder() {}

    static List<Payload> answer(IkeEngine engine, IkeSa sa, IkeMessage request, Turn turn) {
        if (sa.state != IkeSaState.ESTABLISHED || sa.outstanding != null
                && (sa.outstanding.exchange instanceof CreateChildSaExchange
                || sa.outstanding.exchange instanceof InformationalExchange.DeleteChild)) {
            return refuse(sa, Failure.PEER_ERROR, "the peer asked to rekey the IKE SA while "
                    + (sa.state == IkeSaState.ESTABLISHED ? "our " + sa.outstanding.exchange.describe() + " is outstanding"
                    : "it is " + sa.state), NotifyType.TEMPORARY_FAILURE, turn);
        }
        var saPayload = request.first(SecurityAssociationPayload.class);
        var nonceI = request.first(NoncePayload.class);
        var kei = request.first(KeyExchangePayload.class);
        if (saPayload.isEmpty() || nonceI.isEmpty() || kei.isEmpty()) {
            return refuse(sa, Failure.SYNTAX, "IKE SA rekeying request lacks SA, Ni or KEi", NotifyType.INVALID_SYNTAX, turn);
        }
        Outcome outcome = ProposalMatcher.select(sa.config.proposals(), saPayload.get().proposals(), ProtocolId.IKE);
        if (outcome instanceof NoMatch(String why)) {
            return refuse(sa, Failure.PROPOSAL, "IKE SA rekeying: " + why, NotifyType.NO_PROPOSAL_CHOSEN, turn);
        }
        Selected chosen = (Selected) outcome;
        if (chosen.spi().length != 8) {
            return refuse(sa, Failure.SYNTAX, "IKE SA rekeying with a " + chosen.spi().length + "-octet SPI",
                    NotifyType.INVALID_SYNTAX, turn);
        }
        if (kei.get().group() != chosen.keyExchange().value()) {
            return List.of(ChildNegotiation.refuse(sa, Failure.KEY_EXCHANGE, "IKE SA rekeying KEi is group "
                    + kei.get().group() + ", we chose " + chosen.keyExchange(), InvalidKe.notify(chosen.keyExchange()),
                    turn).answer());
        }
        KeyExchange.Response keyResponse;
        try {
            keyResponse = KeyExchanges.create(chosen.keyExchange(), engine.random).respond(kei.get().data());
        } catch (InvalidKeyExchangeValueException e) {
            return refuse(sa, Failure.KEY_EXCHANGE, "the peer's " + chosen.keyExchange() + " value is invalid: "
                    + e.getMessage(), NotifyType.INVALID_SYNTAX, turn);
        }
        long ourSpi = engine.newIkeSpi();
        byte[] nonceR = engine.nonce();
        IkeSa created;
        try {
            created = RekeyIkeExchange.successor(engine, sa, false, ByteBuffer.wrap(chosen.spi()).getLong(), ourSpi,
                    IkeSuites.of(chosen), keyResponse.sharedSecret(), nonceI.get().data(), nonceR, turn);
        } finally {
            KeyMaterial.wipe(keyResponse.sharedSecret());
        }
        if (RekeyIkeExchange.outstanding(sa)) {
            ((RekeyIkeExchange) sa.outstanding.exchange).collision = new Collision<>(nonceI.get().data(), nonceR, created);
        } else {
            engine.adopt(created, sa, turn);
        }
        return List.of(new SecurityAssociationPayload(List.of(chosen.answer(ProtocolId.IKE, RekeyIkeExchange.spiBytes(ourSpi)))),
                new NoncePayload(nonceR), new KeyExchangePayload(chosen.keyExchange().value(), keyResponse.publicValue()));
    }

    private static List<Payload> refuse(IkeSa sa, Failure failure, String why, NotifyType notify, Turn turn) {
        return List.of(ChildNegotiation.refuse(sa, failure, why, notify, turn).answer());
    }
}
