package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.CertificateIdentity;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.eap.Eap;
import dev.petrel.ike.eap.EapPeer;
import dev.petrel.ike.eap.EapStep;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.identity.Identity;
import dev.petrel.wire.iana.IanaValue;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.EapPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IdType;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * IKE_AUTH as the initiator (RFC 7296 §1.2, §2.16; RFC 4739): one round per {@code local} section of the
 * connection, each opened by an IDi and closed by our AUTH; an EAP round carries EAP messages in between and ends
 * with AUTH payloads keyed by the MSK from both sides. The first request also carries the first CHILD_SA, the CP
 * request and INITIAL_CONTACT when this is our only IKE SA of the connection (§2.4); the last response carries the
 * CHILD_SA's answer. The responder authenticates in its first response (or, EAP-only, RFC 5998, by the MSK at the
 * end), and its IDr must match the connection's remote identity before the IKE SA counts as established.
 * One instance drives every message of the exchange: it queues itself again until the last response.
 */
final class IkeAuthExchange implements Exchange {
    private final ChildConfig child;
    private ChildNegotiation.Offer offer;

    /** The round we are in, the ID payload that opened it, and where in the round we are. */
    private int round;
    private IdentificationPayload roundId;
    private Identity roundIdentity;
    private Stage stage = Stage.OPEN;
    private EapPeer eap;
    private byte[] eapMessage;
    private byte[] msk;
    /** The responder's ID payload and whether its AUTH verified already (not yet with EAP-only, RFC 5998). */
    private IdentificationPayload responderId;
    private boolean responderAuthenticated;

    private enum Stage {
        /** The round's first message: IDi and, unless it is EAP, AUTH. */
        OPEN,
        /** An EAP response goes next. */
        EAP,
        /** EAP succeeded: our MSK AUTH goes next. */
        EAP_AUTH
    }

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
        switch (stage) {
            case OPEN -> {
                if (!open(engine, sa, payloads, turn)) {
                    return null;
                }
            }
            case EAP -> payloads.add(new EapPayload(eapMessage));
            case EAP_AUTH -> {
                payloads.add(AuthPayloads.signAfterEap(sa, msk, roundId));
                announceAnotherRound(sa, payloads);
            }
        }
        return payloads;
    }

    /** The first message of a round; false when we cannot authenticate (the SA is then gone). */
    private boolean open(IkeEngine engine, IkeSa sa, List<Payload> payloads, Turn turn) {
        LocalRound local = sa.config.localRounds().get(round);
        roundIdentity = round == 0 || local.id() == null ? sa.localId : local.id();
        roundId = idPayload(true, roundIdentity);
        payloads.add(roundId);
        payloads.addAll(CertificatePayloads.ours(sa, local.auth()));
        if (round == 0) {
            CertificatePayloads.request(List.of(sa.config)).ifPresent(payloads::add);
            sa.config.remoteId().exact().ifPresent(r -> payloads.add(idPayload(false, r)));
        }
        if (!(local.auth() instanceof EapCredentials)) {
            try {
                payloads.add(AuthPayloads.sign(sa, local.auth(), roundId, engine.random));
            } catch (AuthenticationException e) {
                fail(engine, sa, Failure.AUTHENTICATION, "we cannot authenticate: " + e.getMessage(), false, turn);
                return false;
            }
            announceAnotherRound(sa, payloads);
        }
        if (round == 0) {
            if (!engine.hasContact(sa)) {
                payloads.add(NotifyPayload.of(NotifyType.INITIAL_CONTACT));
            }
            if (sa.config.multipleRounds()) {
                payloads.add(NotifyPayload.of(NotifyType.MULTIPLE_AUTH_SUPPORTED)); // RFC 4739 §3.1, the initiator's
            }
            if (eapOnly(sa)) {
                payloads.add(NotifyPayload.of(NotifyType.EAP_ONLY_AUTHENTICATION));
            }
            ConfigPayloads.request(sa.config).ifPresent(payloads::add);
            if (child != null) {
                offer = ChildNegotiation.offer(engine, sa, child, true);
                payloads.addAll(offer.payloads());
            }
        }
        return true;
    }

    /** ANOTHER_AUTH_FOLLOWS with the AUTH that closes a round, unless it is our last (RFC 4739 §3.2). */
    private void announceAnotherRound(IkeSa sa, List<Payload> payloads) {
        if (round + 1 < sa.config.localRounds().size()) {
            payloads.add(NotifyPayload.of(NotifyType.ANOTHER_AUTH_FOLLOWS));
        }
    }

    /**
     * We let the responder authenticate by the MSK alone (RFC 5998): the connection's remote round is EAP
     * (strongSwan's {@code remote { auth = eap-... }} on a client).
     */
    private static boolean eapOnly(IkeSa sa) {
        return sa.config.remoteAuth() instanceof EapPolicy;
    }

    @Override
    public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
        IkeMessage message = response.message();
        var error = message.notifies().stream().filter(n -> NotifyType.isError(n.notifyType())).findFirst();
        if (error.isPresent()) {
            fail(engine, sa, error.get().notifyType() == NotifyType.AUTHENTICATION_FAILED.value()
                    ? Failure.AUTHENTICATION : Failure.PEER_ERROR, "the responder answered "
                    + NotifyNames.name(error.get().notifyType()), false, turn);
            return;
        }
        if (responderId == null && !responder(engine, sa, message, turn)) {
            return;
        }
        LocalRound local = sa.config.localRounds().get(round);
        if (local.auth() instanceof EapCredentials credentials && stage != Stage.EAP_AUTH) {
            eap(engine, sa, credentials, message, turn);
            return;
        }
        if (stage == Stage.EAP_AUTH && !msKeyed(engine, sa, message, turn)) {
            return;
        }
        if (++round < sa.config.localRounds().size()) {
            next(sa, Stage.OPEN);
            return;
        }
        established(engine, sa, message, turn);
    }

    /** Checks the responder's IDr and, unless EAP-only, its AUTH; false when it failed (the SA is then gone). */
    private boolean responder(IkeEngine engine, IkeSa sa, IkeMessage message, Turn turn) {
        var idr = message.identification(false);
        var auth = message.first(AuthenticationPayload.class);
        boolean deferred = eapOnly(sa) && auth.isEmpty();
        if (idr.isEmpty() || (auth.isEmpty() && !deferred)) {
            fail(engine, sa, Failure.SYNTAX, "IKE_AUTH response lacks IDr or AUTH", false, turn);
            return false;
        }
        Identity peer = identity(idr.get());
        if (peer == null || !sa.config.remoteId().matches(peer)) {
            fail(engine, sa, Failure.IDENTITY, "the responder is " + (peer == null ? "an unusable identity" : peer)
                    + ", the connection accepts " + sa.config.remoteId(), true, turn);
            return false;
        }
        RemoteRound remote = sa.config.remoteRounds().getFirst();
        if (!deferred) {
            String refused = AuthPayloads.verify(sa, remote.auth(), message, idr.get(), peer, auth.get(), turn.now).refusal();
            if (refused != null) {
                fail(engine, sa, Failure.AUTHENTICATION, refused, true, turn);
                return false;
            }
            responderAuthenticated = true;
        }
        responderId = idr.get();
        sa.remoteId = peer;
        return true;
    }

    /** One EAP message from the server: answer it, or take its Success or Failure. */
    private void eap(IkeEngine engine, IkeSa sa, EapCredentials credentials, IkeMessage message, Turn turn) {
        var payload = message.first(EapPayload.class);
        if (payload.isEmpty()) {
            fail(engine, sa, Failure.SYNTAX, "the responder sent no EAP payload in round " + (round + 1)
                    + ", which authenticates us by EAP", false, turn);
            return;
        }
        if (eap == null) {
            eap = Eap.peer(credentials, roundIdentity.toString(), engine.random);
        }
        switch (eap.receive(payload.get().message(), turn.now)) {
            case EapStep.Send(var answer) -> {
                eapMessage = answer;
                next(sa, Stage.EAP);
            }
            case EapStep.Success(var ignored, var key, var identity) -> {
                msk = key;
                next(sa, Stage.EAP_AUTH);
            }
            case EapStep.Failure(var ignored, var reason) ->
                    fail(engine, sa, Failure.AUTHENTICATION, "EAP failed: " + reason, false, turn);
        }
    }

    /** The responder's AUTH keyed by the MSK at the end of our EAP round (RFC 7296 §2.16). */
    private boolean msKeyed(IkeEngine engine, IkeSa sa, IkeMessage message, Turn turn) {
        var auth = message.first(AuthenticationPayload.class);
        String refused = auth.isEmpty() ? "the responder sent no AUTH after EAP"
                : AuthPayloads.verifyAfterEap(sa, msk, responderId, auth.get());
        if (refused == null && !responderAuthenticated) {
            refused = eapOnlyRefusal(sa);
        }
        endEap();
        if (refused != null) {
            fail(engine, sa, Failure.AUTHENTICATION, refused, true, turn);
            return false;
        }
        responderAuthenticated = true;
        return true;
    }

    /**
     * Why a responder that authenticated by EAP alone (RFC 5998) is not accepted: the method derived no MSK, or
     * its EAP-TLS certificate does not name its IKE identity (RFC 5216 §5.2).
     */
    private String eapOnlyRefusal(IkeSa sa) {
        if (msk == null) {
            return "EAP-only authentication (RFC 5998) needs a method that derives an MSK";
        }
        X509Certificate server = eap.serverCertificate();
        if (server != null && !CertificateIdentity.contains(server, sa.remoteId)) {
            return "the responder's EAP-TLS certificate does not name its identity " + sa.remoteId + " ("
                    + CertificateIdentity.names(server) + ")";
        }
        return null;
    }

    private void established(IkeEngine engine, IkeSa sa, IkeMessage message, Turn turn) {
        if (!responderAuthenticated) {
            fail(engine, sa, Failure.AUTHENTICATION, "the responder never authenticated (EAP-only without EAP)", true, turn);
            return;
        }
        sa.state = IkeSaState.ESTABLISHED;
        sa.virtualIps = ConfigPayloads.assigned(sa, message, turn);
        turn.event(new IkeSaEstablished(sa.id, sa.name(), true, sa.local, sa.remote, sa.localId, sa.remoteId, sa.suite,
                sa.natDetected(), sa.virtualIps));
        if (offer != null) {
            ChildNegotiation.accept(engine, sa, offer, message, ChildNegotiation.Keying.ofIkeAuth(sa),
                    ChildNegotiation.Succession.NONE, turn);
        }
        engine.established(sa, turn);
    }

    /** Sends the next message of the exchange. */
    private void next(IkeSa sa, Stage next) {
        stage = next;
        sa.queue.addFirst(this);
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
        endEap();
    }

    /** Ends the round's EAP conversation and wipes its MSK. */
    private void endEap() {
        if (eap != null) {
            eap.destroy();
            eap = null;
        }
        KeyMaterial.wipe(msk);
        msk = null;
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
