package dev.petrel.ike.engine;

import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.event.MessageDropped;
import dev.petrel.ike.event.MessageDropped.Reason;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.proposal.ProposalMatcher;
import dev.petrel.ike.proposal.ProposalMatcher.NoMatch;
import dev.petrel.ike.proposal.ProposalMatcher.Outcome;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeDecodeException;
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
import java.util.List;

/**
 * IKE_SA_INIT as the responder (RFC 7296 §1.2). Nothing is kept for a request that fails, that must first return
 * a cookie (§2.6), or that must change its group (INVALID_KE_PAYLOAD); only an accepted request creates a
 * half-open SA, and their number is capped.
 */
final class IkeSaInitResponder {
    private IkeSaInitResponder() {}

    static void handle(IkeEngine engine, Endpoint local, Endpoint remote, byte[] data, IkeHeader header, Turn turn) {
        IkeMessage request;
        try {
            request = IkeMessage.decode(data, 0, data.length);
        } catch (IkeDecodeException e) {
            turn.event(new MessageDropped(0, remote, Reason.MALFORMED, e.getMessage()));
            if (e.kind() != IkeDecodeException.Kind.INVALID_MAJOR_VERSION) {
                answer(engine, local, remote, header, IkeEngine.errorNotify(e), turn);
            }
            return;
        }
        if (header.messageId() != 0) {
            turn.event(new MessageDropped(0, remote, Reason.MESSAGE_ID, "IKE_SA_INIT with message ID "
                    + Integer.toUnsignedString(header.messageId())));
            return;
        }
        if (engine.halfOpenCount() >= engine.settings.halfOpenLimit()) {
            turn.event(new MessageDropped(0, remote, Reason.CAPACITY, engine.halfOpenCount() + " half-open IKE SAs"));
            return;
        }
        var saPayload = request.first(SecurityAssociationPayload.class);
        var ke = request.first(KeyExchangePayload.class);
        var nonce = request.first(NoncePayload.class);
        if (saPayload.isEmpty() || ke.isEmpty() || nonce.isEmpty()) {
            turn.event(new NegotiationFailed(0, null, remote, Failure.SYNTAX, "IKE_SA_INIT request lacks SA, KE or Nonce"));
            answer(engine, local, remote, header, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]), turn);
            return;
        }
        if (engine.halfOpenCount() >= engine.settings.cookieThreshold() && !cookieValid(engine, request, remote, turn)) {
            byte[] cookie = engine.cookies.cookie(nonce.get().data(), remote.address(), header.initiatorSpi(), turn.now);
            answer(engine, local, remote, header, NotifyPayload.of(NotifyType.COOKIE, cookie), turn);
            return;
        }
        List<IkeConfig> candidates = new ArrayList<>();
        Selected chosen = null;
        StringBuilder why = new StringBuilder();
        for (IkeConfig config : engine.candidates(local, remote)) {
            Outcome outcome = ProposalMatcher.select(config.proposals(), saPayload.get().proposals(), ProtocolId.IKE);
            if (outcome instanceof Selected s && (chosen == null || sameSuite(s, chosen))) {
                chosen = chosen == null ? s : chosen;
                candidates.add(config);
            } else if (outcome instanceof NoMatch(String explanation)) {
                why.append(why.isEmpty() ? "" : "; ").append(config.name()).append(": ").append(explanation);
            }
        }
        if (chosen == null) {
            turn.event(new NegotiationFailed(0, null, remote, Failure.PROPOSAL,
                    why.isEmpty() ? "no connection accepts " + local + " <- " + remote : why.toString()));
            answer(engine, local, remote, header, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN, new byte[0]), turn);
            return;
        }
        if (ke.get().group() != chosen.keyExchange().value()) {
            // §1.2: tell the initiator which group we want; it retries with it.
            turn.event(new NegotiationFailed(0, null, remote, Failure.KEY_EXCHANGE, "the initiator sent KE group "
                    + ke.get().group() + ", we chose " + chosen.keyExchange() + "; answered INVALID_KE_PAYLOAD"));
            answer(engine, local, remote, header, InvalidKe.notify(chosen.keyExchange()), turn);
            return;
        }
        KeyExchange exchange = KeyExchanges.create(chosen.keyExchange(), engine.random);
        KeyExchange.Response keyResponse;
        try {
            keyResponse = exchange.respond(ke.get().data());
        } catch (InvalidKeyExchangeValueException e) {
            turn.event(new NegotiationFailed(0, null, remote, Failure.KEY_EXCHANGE, "the initiator's "
                    + chosen.keyExchange() + " value is invalid: " + e.getMessage()));
            answer(engine, local, remote, header, NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]), turn);
            return;
        }
        IkeSa sa = new IkeSa(engine.nextSaId(), false, header.initiatorSpi(), local, remote, turn.now);
        sa.responderSpi = engine.newIkeSpi();
        sa.candidates = List.copyOf(candidates);
        sa.nonceI = nonce.get().data();
        sa.nonceR = engine.nonce();
        sa.key(IkeSuites.of(chosen), keyResponse.sharedSecret(), engine.random);
        sa.initRequest = data.clone();
        sa.peerSignatureHashes = SignatureHashes.announced(request);
        NatDetectionPayloads.check(sa, request.notifies(), 0);
        List<Payload> payloads = new ArrayList<>();
        payloads.add(new SecurityAssociationPayload(List.of(chosen.answer(ProtocolId.IKE, new byte[0]))));
        payloads.add(new KeyExchangePayload(chosen.keyExchange().value(), keyResponse.publicValue()));
        payloads.add(new NoncePayload(sa.nonceR));
        boolean peerDoesNatT = request.notify(NotifyType.NAT_DETECTION_SOURCE_IP).isPresent();
        if (peerDoesNatT) {
            payloads.addAll(NatDetectionPayloads.notifies(sa, candidates.getFirst().forceEncapsulation(), engine.random));
        }
        // RFC 7296 §3.7, RFC 7427 §4: before IKE_AUTH names the connection, for any candidate that uses certificates
        CertificatePayloads.request(candidates).ifPresent(payloads::add);
        if (sa.peerSignatureHashes != null && candidates.stream().anyMatch(IkeConfig::usesCertificates)) {
            payloads.add(SignatureHashes.ours());
        }
        if (candidates.stream().anyMatch(IkeConfig::multipleRounds)) {
            payloads.add(NotifyPayload.of(NotifyType.MULTIPLE_AUTH_SUPPORTED)); // RFC 4739 §3.1, the responder's
        }
        byte[] response = Messages.plain(sa, ExchangeType.IKE_SA_INIT, true, 0, payloads);
        sa.initResponse = response;
        sa.lastResponse = response;
        sa.expectedRequestId = 1;
        engine.addHalfOpen(sa);
        turn.emit(new SendDatagram(local, remote, response));
    }

    /** Two connections share a half-open SA only when they agree on the IKE suite. */
    private static boolean sameSuite(Selected a, Selected b) {
        return a.transforms().equals(b.transforms());
    }

    /** §2.6: the COOKIE must come first and verify against the current or previous secret. */
    private static boolean cookieValid(IkeEngine engine, IkeMessage request, Endpoint remote, Turn turn) {
        if (request.payloads().isEmpty() || !(request.payloads().getFirst() instanceof NotifyPayload n)
                || n.notifyType() != NotifyType.COOKIE.value()) {
            return false;
        }
        byte[] nonce = request.first(NoncePayload.class).orElseThrow().data();
        boolean valid = engine.cookies.verify(n.data(), nonce, remote.address(), request.header().initiatorSpi(), turn.now);
        if (!valid) {
            turn.event(new MessageDropped(0, remote, Reason.UNEXPECTED, "invalid or expired COOKIE; a new one is sent"));
        }
        return valid;
    }

    /** An unprotected answer that creates no state: an error notify or a COOKIE request (§2.6, §2.21.1). */
    private static void answer(IkeEngine engine, Endpoint local, Endpoint remote, IkeHeader request, NotifyPayload notify,
            Turn turn) {
        engine.replies.answer(local, remote, request, notify, turn);
    }
}
