package dev.petrel.ike.engine;

import dev.petrel.ike.auth.Authorizer;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.cookie.CookieJar;
import dev.petrel.ike.event.ChildSaDeleted;
import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.ike.event.IkeSaRekeyed;
import dev.petrel.ike.pool.AddressPools;
import dev.petrel.ike.event.MessageDropped;
import dev.petrel.ike.event.MessageDropped.Reason;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.protect.SkProtectionException;
import dev.petrel.wire.ike.EncryptedPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import dev.petrel.wire.ike.PayloadChain;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The IKEv2 engine (RFC 7296), sans-I/O: datagrams and a time in, {@link Action}s out. It never touches a socket,
 * a thread or the wall clock; randomness comes from the injected source. Not thread-safe: one event loop owns it.
 *
 * <p>Datagrams given to {@link #onDatagram} start with the IKE header: on port 4500 the shell strips the non-ESP
 * marker first (RFC 3948 §2.2) and hands ESP to the data plane instead.
 */
public final class IkeEngine {
    final EngineSettings settings;
    final SecureRandom random;
    final CookieJar cookies;
    /** Unprotected answers (errors, cookies, INVALID_IKE_SPI): 20 at once, then 20 a second. */
    final UnprotectedReplies replies = new UnprotectedReplies(20, Duration.ofMillis(50));
    /** INVALID_SPI reports: 5 at once, then one a second. */
    private final TokenBucket invalidSpiReports = new TokenBucket(5, Duration.ofSeconds(1));
    private List<IkeConfig> connections;
    /** Every live IKE SA under our SPI. */
    private final Map<Long, IkeSa> bySpi = new HashMap<>();
    /** Responder SAs by the initiator's SPI and address, to spot IKE_SA_INIT requests seen before (RFC 7296 §2.1). */
    private final Map<InitiatorKey, IkeSa> responders = new HashMap<>();
    /** Responder SAs not yet through IKE_AUTH, which the half-open limit and the cookie threshold count (§2.6). */
    private final Set<IkeSa> halfOpen = new HashSet<>();
    /** Inbound CHILD_SA SPIs in use, so that a new one never collides, with the IKE SA that owns each. */
    private final Map<Integer, IkeSa> childOwners = new HashMap<>();
    /** How long the inbound SA of a CHILD_SA replaced by a rekeying keeps accepting packets sent before the switch. */
    static final Duration REKEYED_LINGER = Duration.ofSeconds(5);
    private long nextSaId = 1;
    private long stamps;
    private Authorizer authorizer = Authorizer.ANYONE;
    private AddressPools pools = new AddressPools(List.of());

    record InitiatorKey(long initiatorSpi, Endpoint remote) {}

    public IkeEngine(EngineSettings settings, List<IkeConfig> connections, SecureRandom random) {
        this.settings = settings;
        this.connections = List.copyOf(connections);
        this.random = random;
        this.cookies = new CookieJar(random, settings.cookieSecretLifetime());
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Who may complete an IKE SA as our peer once it authenticated ({@link Authorizer#ANYONE} by default). */
    public void authorizer(Authorizer check) {
        this.authorizer = Objects.requireNonNull(check, "check");
    }

    Authorizer authorizer() {
        return authorizer;
    }

    /** The pools virtual IPs are leased from (RFC 7296 §2.19); the caller keeps them across reloads. */
    public void pools(AddressPools addressPools) {
        this.pools = Objects.requireNonNull(addressPools, "addressPools");
    }

    AddressPools pools() {
        return pools;
    }

    /**
     * Replaces the connections (a configuration reload). IKE SAs already set up keep the configuration they were
     * made with until they are deleted; new negotiations use the new one.
     */
    public void configure(List<IkeConfig> newConnections) {
        this.connections = List.copyOf(newConnections);
    }

    /** Starts an IKE SA, with the first CHILD_SA {@code child} inside IKE_AUTH (or none when null). */
    public List<Action> initiate(String connection, String child, Endpoint local, Endpoint remote, Instant now) {
        return initiate(connection, child == null ? List.of() : List.of(child), local, remote, now);
    }

    /** Starts an IKE SA with {@code children}: the first inside IKE_AUTH, the others by CREATE_CHILD_SA after it. */
    public List<Action> initiate(String connection, List<String> children, Endpoint local, Endpoint remote, Instant now) {
        IkeConfig config = connection(connection).orElseThrow(
                () -> new IllegalArgumentException("no connection named " + connection));
        List<ChildConfig> configs = children.stream().map(c -> config.child(c).orElseThrow(
                () -> new IllegalArgumentException("connection " + connection + " has no child " + c))).toList();
        Turn turn = new Turn(now);
        start(config, configs, local, remote, turn);
        return turn.actions();
    }

    /** A new IKE SA as the initiator, with {@code children} (the first inside IKE_AUTH, the others after it). */
    private IkeSa start(IkeConfig config, List<ChildConfig> children, Endpoint local, Endpoint remote, Turn turn) {
        IkeSa sa = new IkeSa(nextSaId++, true, newIkeSpi(), local, remote, turn.now);
        sa.createdStamp = stamp();
        sa.config = config;
        sa.localId = config.localIdentity(local.address());
        bySpi.put(sa.localSpi(), sa);
        sa.queue.add(new IkeSaInitExchange());
        sa.queue.add(new IkeAuthExchange(children.isEmpty() ? null : children.getFirst()));
        for (ChildConfig child : children.subList(Math.min(1, children.size()), children.size())) {
            sa.queue.add(CreateChildSaExchange.create(child));
        }
        startNext(sa, turn);
        return sa;
    }

    /**
     * Negotiates {@code config} again with {@code children} (a restart after a dead peer or a close, or a
     * reauthentication), from the ports IKE starts on: a peer that floated to the NAT-T port is contacted on the IKE
     * port again (RFC 7296 §2.23).
     */
    IkeSa reestablish(IkeConfig config, List<ChildConfig> children, Endpoint local, Endpoint remote, Turn turn) {
        InetAddress peer = config.remoteAddress() != null ? config.remoteAddress() : remote.address();
        return start(config, children, unfloated(local), unfloated(new Endpoint(peer, remote.port())), turn);
    }

    private Endpoint unfloated(Endpoint e) {
        return e.port() == settings.ports().natTraversal() ? e.withPort(settings.ports().ike()) : e;
    }

    /** Negotiates another CHILD_SA on an established IKE SA with CREATE_CHILD_SA (RFC 7296 §1.3.1). */
    public List<Action> createChildSa(long ikeSaId, String child, Instant now) {
        IkeSa sa = established(ikeSaId);
        Turn turn = new Turn(now);
        sa.queue.add(CreateChildSaExchange.create(sa.config.child(child).orElseThrow(
                () -> new IllegalArgumentException("connection " + sa.name() + " has no child " + child))));
        startNext(sa, turn);
        return turn.actions();
    }

    /** Rekeys one CHILD_SA, named by our inbound SPI, now (RFC 7296 §2.8), as its soft lifetime would. */
    public List<Action> rekeyChildSa(long ikeSaId, int inboundSpi, Instant now) {
        IkeSa sa = established(ikeSaId);
        ChildLife child = sa.childByInboundSpi(inboundSpi);
        if (child == null || !child.live()) {
            throw new IllegalArgumentException("IKE SA " + ikeSaId + " has no live CHILD_SA " + Spis.hex(inboundSpi));
        }
        Turn turn = new Turn(now);
        sa.queue.add(CreateChildSaExchange.rekey(child));
        startNext(sa, turn);
        return turn.actions();
    }

    /** Rekeys the IKE SA now (RFC 7296 §2.18): a new one takes over its CHILD_SAs. */
    public List<Action> rekeyIkeSa(long ikeSaId, Instant now) {
        IkeSa sa = established(ikeSaId);
        Turn turn = new Turn(now);
        sa.rekeyAt = now;
        Lifecycle.onTimer(this, sa, turn);
        return turn.actions();
    }

    /** Reauthenticates the IKE SA now: a new one from scratch, then the old one is deleted (RFC 7296 §2.8.3). */
    public List<Action> reauthenticate(long ikeSaId, Instant now) {
        IkeSa sa = established(ikeSaId);
        Turn turn = new Turn(now);
        Lifecycle.reauthenticate(this, sa, turn);
        return turn.actions();
    }

    /**
     * The data plane counted a CHILD_SA, named by our inbound SPI, to a byte, packet or sequence number limit (RFC 4301
     * §4.4.2.1): a soft one rekeys it, a hard one deletes it.
     */
    public List<Action> onLifetime(int inboundSpi, boolean hard, Instant now) {
        Turn turn = new Turn(now);
        IkeSa sa = childOwners.get(inboundSpi);
        ChildLife child = sa == null ? null : sa.childByInboundSpi(inboundSpi);
        if (child == null) {
            return List.of();
        }
        if (hard && child.state != ChildLife.State.RETIRED && child.state != ChildLife.State.DELETING) {
            deleteChild(sa, child, turn);
        } else if (!hard && child.rekeyable() && sa.state == IkeSaState.ESTABLISHED) {
            child.rekeyAt = null;
            sa.queue.add(CreateChildSaExchange.rekey(child));
            startNext(sa, turn);
        }
        return turn.actions();
    }

    /**
     * The data plane received traffic on a CHILD_SA, named by our inbound SPI, at {@code at}: the peer is alive, and no
     * liveness check is due until {@code dpd_delay} after it (RFC 7296 §2.4).
     */
    public void inboundActivity(int inboundSpi, Instant at) {
        IkeSa sa = childOwners.get(inboundSpi);
        if (sa != null && at.isAfter(sa.lastInbound == null ? Instant.MIN : sa.lastInbound)) {
            sa.lastInbound = at;
        }
    }

    /** Deletes one CHILD_SA, named by our inbound SPI, and tells the peer (RFC 7296 §1.4.1). */
    public List<Action> deleteChildSa(long ikeSaId, int inboundSpi, Instant now) {
        IkeSa sa = established(ikeSaId);
        ChildLife child = sa.childByInboundSpi(inboundSpi);
        if (child == null) {
            throw new IllegalArgumentException("IKE SA " + ikeSaId + " has no CHILD_SA " + Spis.hex(inboundSpi));
        }
        Turn turn = new Turn(now);
        deleteChild(sa, child, turn);
        return turn.actions();
    }

    /** Deletes an IKE SA and its CHILD_SAs, telling the peer (RFC 7296 §1.4.1). */
    public List<Action> deleteIkeSa(long ikeSaId, Instant now) {
        IkeSa sa = established(ikeSaId);
        Turn turn = new Turn(now);
        deleteIke(sa, turn);
        return turn.actions();
    }

    /** Deletes the IKE SA and its CHILD_SAs, telling the peer, after the outstanding request (RFC 7296 §1.4.1). */
    void deleteIke(IkeSa sa, Turn turn) {
        delete(sa, IkeSaState.DELETING, turn);
    }

    /**
     * The IKE SA was replaced (rekeyed or reauthenticated) or is redundant: it starts nothing more and we delete it.
     * Its CHILD_SAs, if any are left, go with it.
     */
    void retire(IkeSa sa, Turn turn) {
        sa.expireAt = turn.now.plus(settings.halfOpenTimeout());
        delete(sa, IkeSaState.REKEYED, turn);
    }

    /** Drops the SA's queued work and sends its Delete after the outstanding request, the SA now in {@code state}. */
    private void delete(IkeSa sa, IkeSaState state, Turn turn) {
        sa.queue.forEach(e -> e.abandon(this));
        sa.queue.clear();
        sa.state = state;
        sa.queue.add(InformationalExchange.deleteIke());
        startNext(sa, turn);
    }

    /**
     * {@code successor}, made by rekeying {@code old} (RFC 7296 §2.18), takes over its CHILD_SAs, virtual IPs and
     * queued CHILD_SA work; {@code old} answers the peer until its Delete, and starts nothing more.
     */
    void adopt(IkeSa successor, IkeSa old, Turn turn) {
        if (successor.children != old.children) {
            successor.children.addAll(old.children);
        }
        old.children = new ArrayList<>();
        for (ChildLife child : successor.children) {
            childOwners.put(child.inboundSpi(), successor);
        }
        successor.virtualIps = old.virtualIps;
        successor.leases = old.leases;
        old.leases = List.of();
        for (Exchange e : old.queue) {
            if (e instanceof CreateChildSaExchange || e instanceof InformationalExchange.DeleteChild) {
                successor.queue.add(e);
            } else {
                e.abandon(this);
            }
        }
        old.queue.clear();
        old.state = IkeSaState.REKEYED;
        old.expireAt = turn.now.plus(settings.halfOpenTimeout());
        turn.event(new IkeSaRekeyed(old.id, old.name(), successor.id));
        startNext(successor, turn);
    }

    /** Deletes one CHILD_SA, telling the peer, before other queued work (RFC 7296 §1.4.1). */
    void deleteChild(IkeSa sa, ChildLife child, Turn turn) {
        if (child.live()) {
            child.state = ChildLife.State.DELETING;
        }
        sa.queue.addFirst(InformationalExchange.deleteChild(child));
        startNext(sa, turn);
    }

    /** True when a CHILD_SA replaces {@code child} (a rekeying of it succeeded on either side). */
    boolean hasSuccessor(IkeSa sa, ChildLife child) {
        return sa.children.stream().anyMatch(c -> c != child && c.replaces == child.inboundSpi());
    }

    /** How long a replaced or redundant CHILD_SA waits for the peer's Delete before we delete it. */
    Instant supersededDeadline(Turn turn) {
        return turn.now.plus(settings.halfOpenTimeout());
    }

    /** A rekeying or a CREATE_CHILD_SA that did not happen is tried again after a random pause. */
    Duration retryDelay() {
        return settings.retransmitTimeout().plusMillis(random.nextLong(2 * settings.retransmitTimeout().toMillis() + 1));
    }

    void retryRekey(IkeSa sa, Turn turn) {
        sa.rekeyAt = turn.now.plus(retryDelay());
    }

    /** Sends an empty INFORMATIONAL request, which the peer must answer (liveness check, RFC 7296 §1.4). */
    public List<Action> checkLiveness(long ikeSaId, Instant now) {
        IkeSa sa = established(ikeSaId);
        Turn turn = new Turn(now);
        sa.queue.add(InformationalExchange.liveness());
        startNext(sa, turn);
        return turn.actions();
    }

    /**
     * The data plane received ESP or AH from {@code remote} with an SPI it does not know: tell the peer in an
     * INFORMATIONAL exchange of an established IKE SA with it (RFC 7296 §3.10.1), at most a few times a second.
     */
    public List<Action> reportInvalidSpi(InetAddress remote, int spi, Instant now) {
        Turn turn = new Turn(now);
        bySpi.values().stream()
                .filter(sa -> sa.state == IkeSaState.ESTABLISHED && sa.remote.address().equals(remote))
                .findFirst()
                .filter(sa -> invalidSpiReports.take(now))
                .ifPresent(sa -> {
                    sa.queue.add(InformationalExchange.report(NotifyPayload.of(NotifyType.INVALID_SPI,
                            ChildNegotiation.spiBytes(spi))));
                    startNext(sa, turn);
                });
        return turn.actions();
    }

    /** A snapshot of every IKE SA, for list-sas and tests. */
    public List<IkeSaView> sas() {
        return bySpi.values().stream().sorted(java.util.Comparator.comparingLong(sa -> sa.id)).map(IkeSaView::of).toList();
    }

    /** Inbound CHILD_SA SPIs held: those of the CHILD_SAs and of offers in flight (a leak shows here). */
    public int reservedChildSpis() {
        return childOwners.size();
    }

    /** The earliest moment {@link #onTimer} has work, if any. */
    public Optional<Instant> nextTimer() {
        Instant next = null;
        for (IkeSa sa : bySpi.values()) {
            Instant d = sa.deadline(sa.created.plus(settings.halfOpenTimeout()), dpdTimeout(sa));
            if (d != null && (next == null || d.isBefore(next))) {
                next = d;
            }
        }
        return Optional.ofNullable(next);
    }

    /** Retransmits what is due (RFC 7296 §2.1), gives up on silent peers, and expires half-open SAs. */
    public List<Action> onTimer(Instant now) {
        Turn turn = new Turn(now);
        for (IkeSa sa : List.copyOf(bySpi.values())) {
            if (!sa.initiator && sa.state == IkeSaState.CONNECTING
                    && !now.isBefore(sa.created.plus(settings.halfOpenTimeout()))) {
                destroy(sa, "half-open IKE SA expired without IKE_AUTH", turn);
                continue;
            }
            IkeSa.Outstanding o = sa.outstanding;
            Duration dpdTimeout = dpdTimeout(sa);
            boolean overdue = o != null && !dpdTimeout.isZero() && !now.isBefore(o.sentAt.plus(dpdTimeout));
            if (o != null && (overdue || !now.isBefore(o.nextRetransmit))) {
                if (sa.unprotectedFailure != null) {
                    turn.event(sa.unprotectedFailure);
                    destroy(sa, "IKE_SA_INIT failed", turn);
                    continue;
                }
                if (overdue || o.retransmits >= settings.retransmitTries()) {
                    turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.TIMEOUT,
                            o.exchange.describe() + " request " + Integer.toUnsignedString(o.messageId)
                                    + " unanswered after " + o.retransmits + " retransmissions"
                                    + (overdue ? " and dpd_timeout " + dpdTimeout : "")));
                    dead(sa, "peer did not answer " + o.exchange.describe(), turn);
                    continue;
                }
                o.retransmits++;
                o.nextRetransmit = now.plus(settings.retransmitDelay(o.retransmits));
                turn.emit(new SendDatagram(sa.local, sa.remote, o.datagram));
            }
            if (sa.state != IkeSaState.DESTROYED && sa.config != null) {
                Lifecycle.onTimer(this, sa, turn);
            }
        }
        return turn.actions();
    }

    /** The connection's {@code dpd_timeout} for an established SA, else zero (only the retransmissions count). */
    private static Duration dpdTimeout(IkeSa sa) {
        return sa.state == IkeSaState.ESTABLISHED ? sa.config.lifecycle().dpdTimeout() : Duration.ZERO;
    }

    /**
     * The peer did not answer: the SA goes, and if it carried CHILD_SAs (or was to restart them) their
     * {@code dpd_action} applies.
     */
    private void dead(IkeSa sa, String reason, Turn turn) {
        List<ChildConfig> children = sa.state == IkeSaState.ESTABLISHED ? Lifecycle.liveConfigs(sa)
                : sa.restart != null ? sa.restart : List.of();
        boolean recover = sa.state == IkeSaState.ESTABLISHED || sa.restart != null || sa.replacing != null;
        destroy(sa, reason, turn);
        if (recover) {
            Lifecycle.dead(this, sa, children, turn);
        }
    }

    /** One received IKE datagram (the IKE header first; on port 4500 without its non-ESP marker). */
    public List<Action> onDatagram(Endpoint local, Endpoint remote, byte[] data, Instant now) {
        Turn turn = new Turn(now);
        IkeHeader header;
        try {
            header = IkeHeader.decode(data, 0, data.length);
        } catch (IkeDecodeException e) {
            turn.event(new MessageDropped(0, remote, Reason.MALFORMED, e.getMessage()));
            if (e.kind() == IkeDecodeException.Kind.INVALID_MAJOR_VERSION) {
                answerNewerVersion(local, remote, data, turn);
            }
            return turn.actions();
        }
        boolean fromInitiator = header.initiator();
        if (header.exchangeType() == ExchangeType.IKE_SA_INIT.value() && !header.response() && fromInitiator
                && header.responderSpi() == 0) {
            IkeSa known = responders.get(new InitiatorKey(header.initiatorSpi(), remote));
            if (known == null) {
                IkeSaInitResponder.handle(this, local, remote, data, header, turn);
            } else if (known.expectedRequestId == 1) {
                resendResponse(known, header, turn);
            } else {
                // §2.1: a copy from before IKE_AUTH; message 0 lies behind the window and its response is gone.
                turn.event(new MessageDropped(known.id, remote, Reason.MESSAGE_ID, "IKE_SA_INIT request after IKE_AUTH"));
            }
            return turn.actions();
        }
        IkeSa sa = bySpi.get(fromInitiator ? header.responderSpi() : header.initiatorSpi());
        if (sa == null || sa.initiatorSpi != header.initiatorSpi() || sa.initiator == fromInitiator) {
            // §2.21.4: never answer a response; a request may get an unprotected INVALID_IKE_SPI (the peer may have
            // lost its state, or we ours).
            boolean answered = !header.response() && replies.answer(local, remote, header,
                    NotifyPayload.of(NotifyType.INVALID_IKE_SPI), turn);
            turn.event(new MessageDropped(0, remote, Reason.UNKNOWN_SPI, "no IKE SA " + Spis.hex(header.initiatorSpi())
                    + "_i " + Spis.hex(header.responderSpi()) + "_r" + (answered ? "; answered INVALID_IKE_SPI" : "")));
            return turn.actions();
        }
        if (header.exchangeType() == ExchangeType.IKE_SA_INIT.value()) {
            if (header.response() && sa.outstanding != null && sa.outstanding.exchange instanceof IkeSaInitExchange) {
                onInitResponse(sa, data, turn);
            } else {
                turn.event(new MessageDropped(sa.id, remote, Reason.UNEXPECTED, "IKE_SA_INIT in state " + sa.state));
            }
            return turn.actions();
        }
        onProtected(sa, local, remote, data, header, turn);
        return turn.actions();
    }

    /**
     * The IKE_SA_INIT response is unprotected, so anyone on the path can forge one (RFC 7296 §2.21.1, §2.4). A
     * malformed one or one that carries an error (COOKIE and INVALID_KE_PAYLOAD restart the exchange instead) is
     * noted, and the initiator keeps waiting for a valid answer until its next retransmission is due; only then does
     * it give up, with the noted reason.
     */
    /**
     * A request of a newer major version is dropped and answered, unprotected, with INVALID_MAJOR_VERSION in a
     * version 2.0 header, the version we speak (RFC 7296 §2.5). Responses and older versions get nothing.
     */
    private void answerNewerVersion(Endpoint local, Endpoint remote, byte[] data, Turn turn) {
        try {
            IkeHeader newer = IkeHeader.decodeAnyVersion(data, 0, data.length);
            if (!newer.response() && IkeHeader.majorVersion(data, 0) > 2) {
                replies.answer(local, remote, newer, NotifyPayload.of(NotifyType.INVALID_MAJOR_VERSION), turn);
            }
        } catch (IkeDecodeException e) {
            // Too short for a header: nothing to answer.
        }
    }

    private void onInitResponse(IkeSa sa, byte[] data, Turn turn) {
        IkeMessage message;
        try {
            message = IkeMessage.decode(data, 0, data.length);
        } catch (IkeDecodeException e) {
            suspect(sa, Failure.SYNTAX, "malformed IKE_SA_INIT response: " + e.getMessage(), turn);
            return;
        }
        var error = message.notifies().stream()
                .filter(n -> n.isError() && n.notifyType() != NotifyType.INVALID_KE_PAYLOAD.value()).findFirst();
        if (error.isPresent()) {
            int type = error.get().notifyType();
            suspect(sa, type == NotifyType.NO_PROPOSAL_CHOSEN.value() ? Failure.PROPOSAL : Failure.PEER_ERROR,
                    "the responder answered " + NotifyNames.name(type), turn);
            return;
        }
        if (((IkeSaInitExchange) sa.outstanding.exchange).answersEarlierRequest(sa, message)) {
            turn.event(new MessageDropped(sa.id, sa.remote, Reason.MESSAGE_ID,
                    "IKE_SA_INIT response to a request from before the restart"));
            return;
        }
        complete(sa, new Received(message, data.clone()), turn);
    }

    private static void suspect(IkeSa sa, Failure failure, String why, Turn turn) {
        sa.unprotectedFailure = new NegotiationFailed(sa.id, sa.name(), sa.remote, failure, why);
        turn.event(new MessageDropped(sa.id, sa.remote, Reason.UNEXPECTED, why
                + " (unprotected; waiting for a valid response until the next retransmission)"));
    }

    /** Hands the response to the exchange that waits for it, then sends the next request. */
    private void complete(IkeSa sa, Received response, Turn turn) {
        IkeSa.Outstanding o = sa.outstanding;
        sa.outstanding = null;
        o.exchange.response(this, sa, response, turn);
        startNext(sa, turn);
    }

    private void onProtected(IkeSa sa, Endpoint local, Endpoint remote, byte[] data, IkeHeader header, Turn turn) {
        if (sa.protection == null) {
            turn.event(new MessageDropped(sa.id, remote, Reason.UNEXPECTED, "protected message before IKE_SA_INIT completed"));
            return;
        }
        if (header.response()) {
            if (sa.outstanding == null || sa.outstanding.messageId != header.messageId()
                    || sa.outstanding.exchange instanceof IkeSaInitExchange) {
                turn.event(new MessageDropped(sa.id, remote, Reason.MESSAGE_ID, "response "
                        + Integer.toUnsignedString(header.messageId()) + " to no outstanding request"));
                return;
            }
        } else if (header.messageId() == sa.expectedRequestId - 1 && sa.lastResponse != null) {
            // §2.1: a retransmitted request; answer from the cache once the message proves to be the peer's.
            if (open(sa, data, remote, turn) != null) {
                resendResponse(sa, header, turn);
            }
            return;
        } else if (header.messageId() != sa.expectedRequestId) {
            // §2.3: outside the window; dropped (INVALID_MESSAGE_ID is not sent for an unauthenticated message).
            turn.event(new MessageDropped(sa.id, remote, Reason.MESSAGE_ID, "request "
                    + Integer.toUnsignedString(header.messageId()) + ", expected "
                    + Integer.toUnsignedString(sa.expectedRequestId)));
            return;
        }
        Decrypted d = open(sa, data, remote, turn);
        if (d == null) {
            return;
        }
        sa.lastInbound = turn.now;
        if (!header.response()) {
            follow(sa, local, remote);
        }
        List<Payload> payloads;
        try {
            payloads = PayloadChain.decode(d.firstType, d.plaintext, 0, d.plaintext.length);
        } catch (IkeDecodeException e) {
            if (header.response()) {
                turn.event(new NegotiationFailed(sa.id, sa.name(), remote, Failure.SYNTAX,
                        "malformed " + sa.outstanding.exchange.describe() + " response: " + e.getMessage()));
                destroy(sa, "malformed response", turn);
            } else {
                turn.event(new MessageDropped(sa.id, remote, Reason.MALFORMED, e.getMessage()));
                respond(sa, header, List.of(errorNotify(e)), turn);
            }
            return;
        }
        Received received = new Received(new IkeMessage(header, payloads), data);
        if (header.response()) {
            complete(sa, received, turn);
        } else {
            Responders.handle(this, sa, received, turn);
        }
    }

    /**
     * Answers where an authenticated request came from: the port float to 4500 (RFC 7296 §2.23) always, another
     * address only when a NAT was detected (§2.23: the NAT may have rebound; without one the address stays).
     */
    private static void follow(IkeSa sa, Endpoint local, Endpoint remote) {
        if (remote.address().equals(sa.remote.address()) || sa.natDetected()) {
            sa.remote = remote;
            sa.local = local;
        }
    }

    /** The notify answering a decode failure: UNSUPPORTED_CRITICAL_PAYLOAD or INVALID_SYNTAX (RFC 7296 §2.5, §2.21). */
    static NotifyPayload errorNotify(IkeDecodeException e) {
        return e.kind() == IkeDecodeException.Kind.UNSUPPORTED_CRITICAL_PAYLOAD
                ? NotifyPayload.of(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD, new byte[] {(byte) e.payloadType()})
                : NotifyPayload.of(NotifyType.INVALID_SYNTAX, new byte[0]);
    }

    private record Decrypted(int firstType, byte[] plaintext) {}

    /** Decodes the outer message and opens its SK payload; null (and a drop event) when that fails (§2.21.2). */
    private Decrypted open(IkeSa sa, byte[] data, Endpoint remote, Turn turn) {
        try {
            IkeMessage message = IkeMessage.decode(data, 0, data.length);
            if (message.payloads().size() != 1 || !(message.payloads().getFirst() instanceof EncryptedPayload sk)) {
                turn.event(new MessageDropped(sa.id, remote, Reason.MALFORMED, "expected a single SK payload"));
                return null;
            }
            byte[] plaintext = sa.protection.open(data.clone(), data.length - sk.body().length, sk.body().length);
            return new Decrypted(sk.firstInnerPayload(), plaintext);
        } catch (IkeDecodeException e) {
            turn.event(new MessageDropped(sa.id, remote, Reason.MALFORMED, e.getMessage()));
        } catch (SkProtectionException e) {
            turn.event(new MessageDropped(sa.id, remote, Reason.INTEGRITY, e.getMessage()));
        }
        return null;
    }

    private void resendResponse(IkeSa sa, IkeHeader header, Turn turn) {
        if (sa.lastResponse != null) {
            turn.event(new MessageDropped(sa.id, sa.remote, Reason.RETRANSMISSION, "request "
                    + Integer.toUnsignedString(header.messageId()) + " again; cached response resent"));
            turn.emit(new SendDatagram(sa.local, sa.remote, sa.lastResponse));
        }
    }

    /** Sends the response to the peer's current request, caches it for retransmits, and moves the window. */
    void respond(IkeSa sa, IkeHeader request, List<Payload> payloads, Turn turn) {
        byte[] message = Messages.protect(sa, Messages.exchangeType(request), true, request.messageId(), payloads);
        sa.lastResponse = message;
        sa.expectedRequestId = request.messageId() + 1;
        turn.emit(new SendDatagram(sa.local, sa.remote, message));
    }

    /**
     * Sends a request that expects no retransmission, because the SA is about to go: the AUTHENTICATION_FAILED an
     * initiator reports in a new INFORMATIONAL exchange (RFC 7296 §2.21.2).
     */
    void tell(IkeSa sa, NotifyPayload notify, Turn turn) {
        byte[] message = Messages.protect(sa, ExchangeType.INFORMATIONAL, false, sa.nextRequestId++, List.of(notify));
        turn.emit(new SendDatagram(sa.local, sa.remote, message));
    }

    /** Sends the next queued request when none is in flight (we use a window of one, RFC 7296 §2.3). */
    void startNext(IkeSa sa, Turn turn) {
        if (sa.outstanding == null && sa.queue.isEmpty() && sa.replacing != null && sa.state == IkeSaState.ESTABLISHED) {
            Lifecycle.reauthenticated(this, sa, turn);
        }
        if (sa.outstanding != null || sa.queue.isEmpty() || sa.state == IkeSaState.DESTROYED) {
            return;
        }
        Exchange exchange = sa.queue.poll();
        List<Payload> payloads = exchange.request(this, sa, turn);
        if (payloads == null) {
            startNext(sa, turn);
            return;
        }
        int id = sa.nextRequestId++;
        byte[] message = exchange instanceof IkeSaInitExchange
                ? Messages.plain(sa, ExchangeType.IKE_SA_INIT, false, id, payloads)
                : Messages.protect(sa, exchange.type(), false, id, payloads);
        if (exchange instanceof IkeSaInitExchange) {
            sa.initRequest = message;
        }
        sa.outstanding = new IkeSa.Outstanding(id, exchange, message, turn.now, turn.now.plus(settings.retransmitDelay(0)));
        turn.emit(new SendDatagram(sa.local, sa.remote, message));
    }

    /** Sends a request again from scratch with the same message ID (IKE_SA_INIT after COOKIE or INVALID_KE_PAYLOAD). */
    void restartInit(IkeSa sa, IkeSaInitExchange exchange, Turn turn) {
        sa.nextRequestId = 0;
        sa.outstanding = null;
        sa.queue.addFirst(exchange);
        startNext(sa, turn);
    }

    /** Removes the SA and its CHILD_SAs from the data plane and from the engine, wiping its keys. */
    void destroy(IkeSa sa, String reason, Turn turn) {
        if (sa.state == IkeSaState.DESTROYED) {
            return;
        }
        for (ChildLife child : List.copyOf(sa.children)) {
            forget(sa, child, "with its IKE SA", turn);
        }
        if (sa.outstanding != null) {
            sa.outstanding.exchange.abandon(this);
        }
        sa.queue.forEach(e -> e.abandon(this));
        ConfigPayloads.release(this, sa);
        bySpi.remove(sa.localSpi());
        halfOpen.remove(sa);
        responders.values().remove(sa);
        sa.destroy();
        turn.event(new IkeSaDeleted(sa.id, sa.name(), reason));
    }

    /**
     * A CHILD_SA was deleted. A successor that waited for that starts sending (RFC 7296 §2.8); one that was itself
     * replaced lingers as RETIRED for {@link #REKEYED_LINGER}, so that what the peer sent on it before the switch still
     * arrives; any other leaves the data plane now.
     */
    void removeChild(IkeSa sa, ChildLife child, String reason, Turn turn) {
        boolean replaced = child.state == ChildLife.State.REKEYED || hasSuccessor(sa, child);
        for (ChildLife next : sa.children) {
            if (next.replaces == child.inboundSpi()) {
                if (!next.outboundActive && next.live()) {
                    turn.emit(new ActivateChildSa(sa.id, next.sa.name(), next.inboundSpi(), child.inboundSpi()));
                    next.outboundActive = true;
                }
                next.replaces = 0;
            }
        }
        if (replaced && child.state != ChildLife.State.RETIRED) {
            child.state = ChildLife.State.RETIRED;
            child.removeAt = turn.now.plus(REKEYED_LINGER);
            child.expireAt = null;
            return;
        }
        forget(sa, child, reason, turn);
    }

    /** Takes one CHILD_SA out of the engine and the data plane. */
    private void forget(IkeSa sa, ChildLife child, String reason, Turn turn) {
        sa.children.remove(child);
        childOwners.remove(child.inboundSpi());
        turn.emit(child.sa.removal(sa.id));
        turn.event(new ChildSaDeleted(sa.id, sa.name(), child.sa.name(), child.inboundSpi(), reason));
    }

    /** IKE_AUTH completed on {@code sa}: its lifetimes start, and a duplicate of it may go. */
    void established(IkeSa sa, Turn turn) {
        Lifecycle.established(this, sa, turn);
    }

    /** Registers an IKE SA made by a rekeying under its SPI. */
    void register(IkeSa sa) {
        bySpi.put(sa.localSpi(), sa);
    }

    /** Registers a new responder SA after IKE_SA_INIT. */
    void addHalfOpen(IkeSa sa) {
        sa.createdStamp = stamp();
        bySpi.put(sa.localSpi(), sa);
        responders.put(new InitiatorKey(sa.initiatorSpi, sa.remote), sa);
        halfOpen.add(sa);
    }

    /** The SA finished IKE_AUTH: no longer half-open. */
    void completed(IkeSa sa) {
        halfOpen.remove(sa);
    }

    int halfOpenCount() {
        return halfOpen.size();
    }

    long nextSaId() {
        return nextSaId++;
    }

    /** The next number of the engine's own order of events. */
    long stamp() {
        return ++stamps;
    }

    /** Connections that may serve this pair of addresses, in configuration order. */
    List<IkeConfig> candidates(Endpoint local, Endpoint remote) {
        return connections.stream().filter(c -> c.accepts(local.address(), remote.address())).toList();
    }

    /** Other established IKE SAs of a connection with the same peer identity (for INITIAL_CONTACT, RFC 7296 §2.4). */
    List<IkeSa> others(IkeSa sa) {
        List<IkeSa> out = new ArrayList<>();
        for (IkeSa other : bySpi.values()) {
            if (other != sa && other.config == sa.config && other.remoteId != null && other.remoteId.equals(sa.remoteId)) {
                out.add(other);
            }
        }
        return out;
    }

    /**
     * True when another authenticated IKE SA of this connection reaches the peer this initiator is contacting: one
     * with the identity we require of it or, when we accept any identity, at the same address. Without one, IKE_AUTH
     * carries INITIAL_CONTACT (RFC 7296 §2.4), as strongSwan decides it before the peer's identity is known.
     */
    boolean hasContact(IkeSa sa) {
        var required = sa.config.remoteId().exact();
        for (IkeSa other : bySpi.values()) {
            if (other != sa && other.config == sa.config && other.remoteId != null
                    && (required.isPresent() ? required.get().equals(other.remoteId) : other.remote.address().equals(sa.remote.address()))) {
                return true;
            }
        }
        return false;
    }

    /** A fresh, non-zero IKE SPI that no SA of ours uses. */
    long newIkeSpi() {
        long spi;
        do {
            spi = random.nextLong();
        } while (spi == 0 || bySpi.containsKey(spi));
        return spi;
    }

    /** A fresh inbound CHILD_SA SPI above the reserved 0-255 (RFC 4303 §2.1), unique among ours. */
    int newChildSpi(IkeSa owner) {
        int spi;
        do {
            spi = random.nextInt();
        } while (Integer.compareUnsigned(spi, 256) < 0 || childOwners.putIfAbsent(spi, owner) != null);
        return spi;
    }

    /** Returns an inbound SPI that was allocated but not used. */
    void releaseChildSpi(int spi) {
        childOwners.remove(spi);
    }

    byte[] nonce() {
        byte[] n = new byte[32];
        random.nextBytes(n);
        return n;
    }

    private Optional<IkeConfig> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private IkeSa established(long ikeSaId) {
        IkeSa sa = bySpi.values().stream().filter(s -> s.id == ikeSaId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no IKE SA " + ikeSaId));
        if (sa.state != IkeSaState.ESTABLISHED) {
            throw new IllegalStateException("IKE SA " + ikeSaId + " is " + sa.state);
        }
        return sa;
    }
}
