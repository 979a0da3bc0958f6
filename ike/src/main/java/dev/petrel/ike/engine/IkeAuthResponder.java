package dev.petrel.ike.engine;

import dev.petrel.ike.auth.AuthenticationException;
import dev.petrel.ike.auth.Authorizer;
import dev.petrel.ike.config.EapCredentials;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.eap.Eap;
import dev.petrel.ike.eap.EapPacket;
import dev.petrel.ike.eap.EapStep;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.wire.ike.AuthenticationPayload;
import dev.petrel.wire.ike.EapPayload;
import dev.petrel.wire.ike.IdentificationPayload;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * IKE_AUTH as the responder (RFC 7296 §1.2, §2.15, §2.16; RFC 4739; RFC 5998). The first request picks the
 * connection by the peer's identity among those that accepted its address and IKE proposal (the PAD, RFC 4301
 * §4.4.3); we authenticate ourselves in the first response. Each of the connection's {@code remote} rounds then
 * authenticates the peer: by AUTH at once, or by an EAP conversation over several requests closed by AUTH payloads
 * keyed with the MSK. After the last round the first CHILD_SA and the CP request of the first message are answered.
 * A CHILD_SA that fails leaves the IKE SA up (§1.2).
 */
final class IkeAuthResponder {
    private IkeAuthResponder() {}

    static void handle(IkeEngine engine, IkeSa sa, Received received, Turn turn) {
        IkeMessage request = received.message();
        PeerAuthentication progress = sa.peerAuthentication;
        if (progress == null) {
            first(engine, sa, request, turn);
        } else if (progress.eapSucceeded) {
            afterEap(engine, sa, progress, request, turn);
        } else if (progress.eap != null) {
            eap(engine, sa, progress, request, turn);
        } else {
            open(engine, sa, progress, request, new ArrayList<>(), turn);
        }
    }

    private static void first(IkeEngine engine, IkeSa sa, IkeMessage request, Turn turn) {
        var idi = request.identification(true);
        var idr = request.identification(false);
        if (idi.isEmpty()) {
            refuse(engine, sa, request, Failure.SYNTAX, "IKE_AUTH request lacks IDi", NotifyType.INVALID_SYNTAX, turn);
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
        sa.remoteId = peer;
        // RFC 5998, as strongSwan: a responder whose own round is EAP authenticates by the MSK alone
        boolean eapOnly = config.localAuth() instanceof EapCredentials;
        if (eapOnly && (request.notify(NotifyType.EAP_ONLY_AUTHENTICATION).isEmpty()
                || !(config.remoteAuth() instanceof EapPolicy p && p.method().mutual()))) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + peer + ": connection " + config.name()
                    + " authenticates us by EAP only (RFC 5998), which needs the peer's EAP_ONLY_AUTHENTICATION and a "
                    + "mutual EAP method", NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        CertificatePayloads.noteRequests(sa, request);
        sa.peerAuthentication = new PeerAuthentication(request, IkeAuthExchange.idPayload(false, sa.localId), eapOnly);
        open(engine, sa, sa.peerAuthentication, request, new ArrayList<>(), turn);
    }

    /** A request that opens the peer's next round: IDi and, unless the round is EAP, AUTH. */
    private static void open(IkeEngine engine, IkeSa sa, PeerAuthentication progress, IkeMessage request,
            List<Payload> response, Turn turn) {
        var idi = request.identification(true);
        var auth = request.first(AuthenticationPayload.class);
        RemoteRound round = sa.config.remoteRounds().get(progress.round);
        Identity peer = idi.map(IkeAuthExchange::identity).orElse(null);
        if (peer == null || !round.id().matches(peer)) {
            refuse(engine, sa, request, Failure.IDENTITY, "round " + (progress.round + 1) + " of connection "
                    + sa.name() + " accepts " + round.id() + ", the peer is " + (peer == null ? "(no usable IDi)" : peer),
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        progress.roundId = idi.get();
        if (!progress.weAuthenticated && !authenticateUs(engine, sa, progress, request, response, turn)) {
            return;
        }
        if (round.auth() instanceof EapPolicy policy) {
            if (auth.isPresent()) {
                refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + peer + " sent AUTH, round "
                        + (progress.round + 1) + " of connection " + sa.name() + " authenticates it by EAP",
                        NotifyType.AUTHENTICATION_FAILED, turn);
                return;
            }
            progress.eap = Eap.server(policy, peer.toString(), engine.random);
            eapStep(engine, sa, progress, request, response, progress.eap.start(), turn);
            return;
        }
        if (auth.isEmpty()) {
            refuse(engine, sa, request, Failure.SYNTAX, "IKE_AUTH request lacks AUTH (round " + (progress.round + 1)
                    + " is " + round.auth().getClass().getSimpleName() + ")", NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        AuthPayloads.Checked checked = AuthPayloads.verify(sa, round.auth(), request, idi.get(), peer, auth.get(), turn.now);
        if (checked.refusal() != null) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + peer + ": " + checked.refusal(),
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        progress.groups.addAll(checked.groups());
        roundDone(engine, sa, progress, request, response, turn);
    }

    /** Our IDr, CERT and AUTH in the first response; AUTH waits for the MSK with EAP-only (RFC 5998). */
    private static boolean authenticateUs(IkeEngine engine, IkeSa sa, PeerAuthentication progress,
            IkeMessage request, List<Payload> response, Turn turn) {
        response.add(progress.ourId);
        response.addAll(CertificatePayloads.ours(sa, sa.config.localAuth()));
        if (!progress.eapOnly) {
            try {
                response.add(AuthPayloads.sign(sa, sa.config.localAuth(), progress.ourId, engine.random));
            } catch (AuthenticationException e) {
                refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + sa.remoteId + " may authenticate, but "
                        + "we cannot: " + e.getMessage(), NotifyType.AUTHENTICATION_FAILED, turn);
                return false;
            }
            progress.weAuthenticated = true;
        }
        return true;
    }

    /** The peer's next EAP message. */
    private static void eap(IkeEngine engine, IkeSa sa, PeerAuthentication progress, IkeMessage request, Turn turn) {
        var payload = request.first(EapPayload.class);
        if (payload.isEmpty()) {
            refuse(engine, sa, request, Failure.SYNTAX, "peer " + sa.remoteId + " sent no EAP payload during EAP",
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        eapStep(engine, sa, progress, request, new ArrayList<>(), progress.eap.receive(payload.get().message(), turn.now),
                turn);
    }

    /** Sends what the EAP server says next; on success remembers the MSK for the AUTH payloads that follow. */
    private static void eapStep(IkeEngine engine, IkeSa sa, PeerAuthentication progress, IkeMessage request,
            List<Payload> response, EapStep step, Turn turn) {
        switch (step) {
            case EapStep.Send(var message) -> {
                response.add(new EapPayload(message));
                engine.respond(sa, request.header(), response, turn);
            }
            case EapStep.Success(var message, var msk, var identity) -> {
                RemoteRound round = sa.config.remoteRounds().get(progress.round);
                if (round.eapId() != null && !round.eapId().matchesText(identity)) {
                    failEap(engine, sa, request, response, EapPacket.failure(message[1] & 0xff).encode(),
                            "EAP identity '" + identity
                            + "' is not one round " + (progress.round + 1) + " of connection " + sa.name()
                            + " accepts (" + round.eapId() + ")", turn);
                    return;
                }
                progress.eapSucceeded = true;
                progress.msk = msk;
                progress.eapIdentity = identity;
                progress.groups.addAll(((EapPolicy) round.auth()).users().groups(identity));
                response.add(new EapPayload(message));
                engine.respond(sa, request.header(), response, turn);
            }
            case EapStep.Failure(var message, var reason) -> failEap(engine, sa, request, response,
                    message != null ? message : EapPacket.failure(0).encode(), reason, turn);
        }
    }

    /** Ends the conversation with {@code failure}, an EAP-Failure (RFC 3748 §4.2), and forgets the SA. */
    private static void failEap(IkeEngine engine, IkeSa sa, IkeMessage request, List<Payload> response, byte[] failure,
            String reason, Turn turn) {
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.AUTHENTICATION, "peer " + sa.remoteId
                + ": EAP failed: " + reason));
        response.add(new EapPayload(failure));
        engine.respond(sa, request.header(), response, turn);
        engine.destroy(sa, "EAP failed", turn);
    }

    /** The peer's AUTH keyed by the MSK closes its EAP round; ours, the same way, answers it (§2.16). */
    private static void afterEap(IkeEngine engine, IkeSa sa, PeerAuthentication progress, IkeMessage request, Turn turn) {
        var auth = request.first(AuthenticationPayload.class);
        String refused = auth.isEmpty() ? "no AUTH after EAP succeeded"
                : AuthPayloads.verifyAfterEap(sa, progress.msk, progress.roundId, auth.get());
        if (refused == null && progress.eapOnly && progress.msk == null) {
            refused = "EAP-only authentication (RFC 5998) needs a method that derives an MSK";
        }
        if (refused != null) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + sa.remoteId + ": " + refused,
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        List<Payload> response = new ArrayList<>();
        response.add(AuthPayloads.signAfterEap(sa, progress.msk, progress.ourId));
        progress.weAuthenticated = true;
        progress.endEap();
        roundDone(engine, sa, progress, request, response, turn);
    }

    /** The round verified: wait for the next one the peer announces, or complete the IKE SA. */
    private static void roundDone(IkeEngine engine, IkeSa sa, PeerAuthentication progress, IkeMessage request,
            List<Payload> response, Turn turn) {
        int rounds = sa.config.remoteRounds().size();
        boolean another = request.notify(NotifyType.ANOTHER_AUTH_FOLLOWS).isPresent();
        if (another != progress.round + 1 < rounds) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + sa.remoteId + (another
                    ? " announced another authentication round; connection " + sa.name() + " has " + rounds
                    : " finished after round " + (progress.round + 1) + "; connection " + sa.name() + " needs " + rounds)
                    + " (RFC 4739)", NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        if (another) {
            progress.round++;
            engine.respond(sa, request.header(), response, turn);
            return;
        }
        complete(engine, sa, progress, request, response, turn);
    }

    private static void complete(IkeEngine engine, IkeSa sa, PeerAuthentication progress, IkeMessage request,
            List<Payload> response, Turn turn) {
        IkeConfig admitting = admitting(sa, progress);
        if (admitting == null) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + sa.remoteId + " authenticated, but its groups "
                    + progress.groups + " are none that connection " + sa.name() + " admits ("
                    + sa.config.remoteRounds().stream().map(RemoteRound::groups).toList() + ")",
                    NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        sa.config = admitting;
        String refused = engine.authorizer().refuse(new Authorizer.Peer(sa.name(), sa.remoteId, progress.eapIdentity,
                sa.remote.address(), sa.remote.port(), progress.groups));
        if (refused != null) {
            refuse(engine, sa, request, Failure.AUTHENTICATION, "peer " + sa.remoteId + " authenticated but is not "
                    + "authorized: " + refused, NotifyType.AUTHENTICATION_FAILED, turn);
            return;
        }
        IkeMessage first = progress.first;
        sa.remoteEapId = progress.eapIdentity;
        sa.peerAuthentication = null;
        progress.destroy();
        sa.state = IkeSaState.ESTABLISHED;
        engine.completed(sa);
        if (first.notify(NotifyType.INITIAL_CONTACT).isPresent()) {
            // §2.4: the peer restarted; its IKE SAs with us from before this one began are stale. One that came up
            // while this one was negotiated is not: both sides initiated at once, and one of the two will go.
            for (IkeSa stale : engine.others(sa)) {
                if (stale.established != null && stale.establishedStamp < sa.createdStamp) {
                    engine.destroy(stale, "INITIAL_CONTACT from " + sa.remoteId, turn);
                }
            }
        }
        // strongSwan leases by the EAP identity when there is one
        var configuration = ConfigPayloads.lease(engine, sa, first, sa.remoteEapId != null ? sa.remoteEapId
                : sa.remoteId.toString(), turn);
        configuration.ifPresent(response::add);
        turn.event(new IkeSaEstablished(sa.id, sa.name(), false, sa.local, sa.remote, sa.localId, sa.remoteId, sa.suite,
                sa.natDetected(), sa.virtualIps));
        boolean addressFailed = configuration.filter(p -> p instanceof NotifyPayload).isPresent();
        if (first.first(SecurityAssociationPayload.class).isPresent() && !addressFailed) {
            switch (ChildNegotiation.choose(sa, first, sa.config.children(), true, turn)) {
                case ChildNegotiation.Chosen(var choice) ->
                        response.addAll(ChildNegotiation.answer(engine, sa, choice, ChildNegotiation.Keying.ofIkeAuth(sa),
                                ChildNegotiation.Succession.NONE, turn));
                case ChildNegotiation.Refused(var answer) -> response.add(answer);
            }
        }
        engine.respond(sa, request.header(), response, turn);
        engine.established(sa, turn);
    }

    /**
     * The candidate whose remote identity matches the peer's best (one identity, then a wildcard, then %any, as
     * strongSwan ranks them), earlier ones first among equals; among those, one that is the identity the peer named
     * in IDr, if it named one.
     */
    private static IkeConfig choose(IkeSa sa, Identity peer, Identity wanted) {
        IkeConfig best = null;
        int bestScore = 0;
        for (IkeConfig c : sa.candidates) {
            if (!c.remoteId().matches(peer)) {
                continue;
            }
            int score = switch (c.remoteId()) {
                case IdentityMatcher.Exactly e -> 6;
                case IdentityMatcher.Suffix x -> 4;
                case IdentityMatcher.Any a -> 2;
            } + (wanted == null || wanted.equals(c.localIdentity(sa.local.address())) ? 1 : 0);
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * The connection that admits the peer's groups: the chosen one, or else the first other candidate that
     * authenticates us and the peer exactly as the rounds just run did and admits them (strongSwan likewise moves to
     * another connection once authentication tells more about the peer); null when none does.
     */
    private static IkeConfig admitting(IkeSa sa, PeerAuthentication progress) {
        if (admits(sa.config, progress.groups)) {
            return sa.config;
        }
        for (IkeConfig c : sa.candidates) {
            if (c != sa.config && c.localRounds().equals(sa.config.localRounds()) && c.remoteId().matches(sa.remoteId)
                    && sameRounds(c.remoteRounds(), sa.config.remoteRounds()) && admits(c, progress.groups)
                    && (progress.eapIdentity == null || c.remoteRounds().stream().allMatch(r -> r.eapId() == null
                            || r.eapId().matchesText(progress.eapIdentity)))) {
                return c;
            }
        }
        return null;
    }

    private static boolean admits(IkeConfig config, Set<String> groups) {
        return config.remoteRounds().stream().allMatch(r -> r.admits(groups));
    }

    /** The same authentication in each round, whatever groups they admit. */
    private static boolean sameRounds(List<RemoteRound> a, List<RemoteRound> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).auth().equals(b.get(i).auth())) {
                return false;
            }
        }
        return true;
    }

    /** Answers with the error notify, then forgets the SA (§2.21.2). */
    private static void refuse(IkeEngine engine, IkeSa sa, IkeMessage request, Failure failure, String why,
            NotifyType notify, Turn turn) {
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, why));
        engine.respond(sa, request.header(), List.of(NotifyPayload.of(notify, new byte[0])), turn);
        engine.destroy(sa, "IKE_AUTH refused", turn);
    }
}
