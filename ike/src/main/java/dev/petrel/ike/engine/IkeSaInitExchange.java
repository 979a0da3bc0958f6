package dev.petrel.ike.engine;

import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.ike.proposal.ProposalMatcher;
import dev.petrel.ike.proposal.ProposalMatcher.NoMatch;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * IKE_SA_INIT as the initiator (RFC 7296 §1.2): SA, KE, Ni and the NAT detection notifies; a COOKIE (§2.6) or
 * INVALID_KE_PAYLOAD (§1.2) answer restarts it with the cookie or the group the responder asked for.
 */
final class IkeSaInitExchange implements Exchange {
    /** Restarts allowed for cookies and group changes together, so that a hostile responder cannot loop us. */
    private static final int MAX_RESTARTS = 3;

    private KeyExchangeMethod group;

    @Override
    public ExchangeType type() {
        return ExchangeType.IKE_SA_INIT;
    }

    @Override
    public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
        List<CryptoProposal> proposals = sa.config.proposals();
        if (group == null) {
            group = firstGroup(sa);
        }
        if (sa.keyExchange == null) {
            sa.keyExchange = KeyExchanges.create(group, engine.random);
        }
        if (sa.nonceI == null) {
            sa.nonceI = engine.nonce();
        }
        List<Payload> payloads = new ArrayList<>();
        if (sa.cookie != null) {
            payloads.add(NotifyPayload.of(NotifyType.COOKIE, sa.cookie));
        }
        payloads.add(new SecurityAssociationPayload(ProposalMatcher.toWire(proposals, new byte[0])));
        payloads.add(new KeyExchangePayload(group.value(), sa.keyExchange.publicValue()));
        payloads.add(new NoncePayload(sa.nonceI));
        payloads.addAll(NatDetectionPayloads.notifies(sa, sa.config.forceEncapsulation(), engine.random));
        if (sa.config.usesCertificates()) {
            payloads.add(SignatureHashes.ours());
        }
        return payloads;
    }

    /** The responder's answer, as received (it is part of the responder's AUTH octets). */
    @Override
    public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
        IkeMessage message = response.message();
        IkeHeader header = message.header();
        if (restarted(engine, sa, message, turn)) {
            return;
        }
        var saPayload = message.first(SecurityAssociationPayload.class);
        var ke = message.first(KeyExchangePayload.class);
        var nonce = message.first(NoncePayload.class);
        if (saPayload.isEmpty() || ke.isEmpty() || nonce.isEmpty() || header.responderSpi() == 0) {
            fail(engine, sa, Failure.SYNTAX, "IKE_SA_INIT response lacks SA, KE, Nonce or the responder SPI", turn);
            return;
        }
        if (!(ProposalMatcher.accept(sa.config.proposals(), saPayload.get().proposals(), ProtocolId.IKE) instanceof Selected chosen)) {
            fail(engine, sa, Failure.PROPOSAL, ((NoMatch) ProposalMatcher.accept(sa.config.proposals(),
                    saPayload.get().proposals(), ProtocolId.IKE)).explanation(), turn);
            return;
        }
        if (chosen.keyExchange() != group || ke.get().group() != group.value()) {
            fail(engine, sa, Failure.KEY_EXCHANGE, "the responder chose " + chosen.keyExchange() + " with KE group "
                    + ke.get().group() + " but we sent " + group, turn);
            return;
        }
        byte[] shared;
        try {
            shared = sa.keyExchange.complete(ke.get().data());
        } catch (InvalidKeyExchangeValueException e) {
            fail(engine, sa, Failure.KEY_EXCHANGE, "the responder's " + group + " value is invalid: " + e.getMessage(), turn);
            return;
        }
        sa.keyExchange = null;
        sa.responderSpi = header.responderSpi();
        sa.nonceR = nonce.get().data();
        sa.initResponse = response.datagram();
        sa.peerSignatureHashes = SignatureHashes.announced(message);
        CertificatePayloads.noteRequests(sa, message);
        sa.key(IkeSuites.of(chosen), shared, engine.random);
        NatDetectionPayloads.check(sa, message.notifies(), sa.responderSpi);
        if (sa.natDetected()) {
            sa.floatToNatTPort(engine.settings.ports());
        }
    }

    /**
     * True when {@code response} answers a request we sent before restarting, a copy or a late arrival: a COOKIE we
     * already return (§2.6), or INVALID_KE_PAYLOAD asking for the group we already changed to (§1.2). The restarted
     * request is still in flight and its own answer is what counts (§2.1), so such a response is dropped.
     */
    boolean answersEarlierRequest(IkeSa sa, IkeMessage response) {
        var cookie = response.notify(NotifyType.COOKIE);
        var invalidKe = response.notify(NotifyType.INVALID_KE_PAYLOAD);
        return cookie.isPresent() && Arrays.equals(cookie.get().data(), sa.cookie)
                || invalidKe.isPresent() && group != firstGroup(sa) && InvalidKe.wanted(invalidKe.get()).orElse(null) == group;
    }

    private static KeyExchangeMethod firstGroup(IkeSa sa) {
        return (KeyExchangeMethod) sa.config.proposals().getFirst().of(TransformType.KE).getFirst().transform();
    }

    /** COOKIE or INVALID_KE_PAYLOAD: send IKE_SA_INIT again, adjusted, within {@link #MAX_RESTARTS}. */
    private boolean restarted(IkeEngine engine, IkeSa sa, IkeMessage message, Turn turn) {
        var cookie = message.notify(NotifyType.COOKIE);
        var invalidKe = message.notify(NotifyType.INVALID_KE_PAYLOAD);
        if (cookie.isEmpty() && invalidKe.isEmpty()) {
            return false;
        }
        if (sa.initRetries++ >= MAX_RESTARTS) {
            fail(engine, sa, Failure.PEER_ERROR, "the responder asked for a cookie or another group " + MAX_RESTARTS
                    + " times", turn);
            return true;
        }
        if (cookie.isPresent()) {
            byte[] data = cookie.get().data();
            if (data.length < 1 || data.length > 64) {
                fail(engine, sa, Failure.SYNTAX, "COOKIE of " + data.length + " octets (RFC 7296 §2.6: 1-64)", turn);
                return true;
            }
            sa.cookie = data;
        } else {
            KeyExchangeMethod wanted = InvalidKe.wanted(invalidKe.get()).orElse(null);
            boolean offered = wanted != null && sa.config.proposals().stream()
                    .anyMatch(p -> p.of(TransformType.KE).stream().anyMatch(t -> t.transform() == wanted));
            if (!offered || wanted == group) {
                fail(engine, sa, Failure.KEY_EXCHANGE, "INVALID_KE_PAYLOAD asks for "
                        + (wanted == null ? "an unknown group" : wanted) + ", which we did not offer", turn);
                return true;
            }
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.KEY_EXCHANGE,
                    "the responder wants " + wanted + " instead of " + group + "; retrying (RFC 7296 §1.2)"));
            group = wanted;
            sa.keyExchange.destroy();
            sa.keyExchange = null;
        }
        engine.restartInit(sa, this, turn);
        return true;
    }

    private static void fail(IkeEngine engine, IkeSa sa, Failure failure, String why, Turn turn) {
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, why));
        engine.destroy(sa, "IKE_SA_INIT failed", turn);
    }
}
