package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.keys.IkeSaKeys;
import dev.petrel.ike.keys.IkeSuite;
import dev.petrel.ike.pool.Lease;
import dev.petrel.ike.protect.SkProtection;
import dev.petrel.wire.ike.HashAlgorithm;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * One IKE SA and everything the engine knows about it (RFC 7296 §2): SPIs, role, state, endpoints, keys, message
 * IDs in each direction with the outstanding request and the last response (§2.1-2.3), and its CHILD_SAs.
 * Package-private: only the engine and its exchanges touch it.
 */
final class IkeSa {
    final long id;
    final boolean initiator;
    final long initiatorSpi;
    long responderSpi;
    IkeSaState state = IkeSaState.CONNECTING;
    /** Null on the responder until IKE_AUTH picks the connection. */
    IkeConfig config;
    /** Connections that accepted the peer's address and IKE proposal (responder, before IKE_AUTH). */
    List<IkeConfig> candidates = List.of();
    final Instant created;

    Endpoint local;
    Endpoint remote;
    boolean localBehindNat;
    boolean remoteBehindNat;

    IkeSuite suite;
    IkeSaKeys keys;
    SkProtection protection;
    byte[] nonceI;
    byte[] nonceR;
    /** The IKE_SA_INIT request and response as sent, the start of each side's AUTH octets (§2.15). */
    byte[] initRequest;
    byte[] initResponse;
    /** Initiator during IKE_SA_INIT: our key exchange, a cookie the responder asked for, retries so far. */
    KeyExchange keyExchange;
    byte[] cookie;
    int initRetries;
    /** An unprotected IKE_SA_INIT answer that would end the negotiation, if no valid one comes in time. */
    NegotiationFailed unprotectedFailure;

    Identity localId;
    Identity remoteId;
    /** The EAP identity the peer proved (responder), or null. */
    String remoteEapId;
    /** Virtual IPs (RFC 7296 §3.15): assigned to us (initiator) or by us to the peer (responder). */
    List<InetAddress> virtualIps = List.of();
    /** Responder: the pool leases behind {@link #virtualIps}, given back when the SA dies. */
    List<Lease> leases = List.of();
    /** Responder: where IKE_AUTH's rounds stand, until the SA is established. */
    PeerAuthentication peerAuthentication;

    /** The hashes the peer's SIGNATURE_HASH_ALGORITHMS announced (RFC 7427 §4), or null when it sent none. */
    Set<HashAlgorithm> peerSignatureHashes;
    /** The peer sent a CERTREQ (strongSwan's COND_CERTREQ_SEEN), for {@code send_cert = ifasked}. */
    boolean peerRequestedCertificates;

    /** Our requests: the next message ID, the one in flight (window size 1), and what waits for it. */
    int nextRequestId;
    Outstanding outstanding;
    final Deque<Exchange> queue = new ArrayDeque<>();

    /** The peer's requests: the ID we expect next and our response to the previous one, for retransmits. */
    int expectedRequestId;
    byte[] lastResponse;

    /**
     * The CHILD_SAs installed in the data plane, live or lingering after their replacement. While two rekeyings of
     * this SA collide, the old SA and the new ones share this list, so that a request on any of them finds the
     * CHILD_SAs; the survivor keeps it (RFC 7296 §2.8.2).
     */
    List<ChildLife> children = new ArrayList<>();

    /**
     * The engine's order of events ({@link IkeEngine#stamp()}) when this SA was created and when it was established:
     * what INITIAL_CONTACT clears is what came up before the SA that carries it began, even within one instant.
     */
    long createdStamp;
    long establishedStamp;
    /** When IKE_AUTH completed (or the rekeying that made this SA), and the last authenticated message from the peer. */
    Instant established;
    Instant lastInbound;
    /** The IKE SA's own timers (RFC 7296 §2.4, §2.8): rekey, reauthenticate, hard end; null when off. */
    Instant rekeyAt;
    Instant reauthAt;
    Instant expireAt;
    /** A reauthentication in progress: the IKE SA this one replaces, deleted once this one is complete. */
    IkeSa replacing;
    /** An initiation that restarts these CHILD_SAs after a dead peer or a close; tried again if it times out. */
    List<ChildConfig> restart;

    IkeSa(long id, boolean initiator, long initiatorSpi, Endpoint local, Endpoint remote, Instant created) {
        this.id = id;
        this.initiator = initiator;
        this.initiatorSpi = initiatorSpi;
        this.local = local;
        this.remote = remote;
        this.created = created;
    }

    long localSpi() {
        return initiator ? initiatorSpi : responderSpi;
    }

    String name() {
        return config == null ? null : config.name();
    }

    /** True when a NAT lies between us, or the connection forces UDP encapsulation (RFC 3948). */
    boolean natDetected() {
        return localBehindNat || remoteBehindNat || (config != null && config.forceEncapsulation());
    }

    /** After NAT detection IKE continues on the NAT-T port (RFC 7296 §2.23), if it did not start there. */
    void floatToNatTPort(EngineSettings.Ports ports) {
        if (local.port() == ports.ike()) {
            local = local.withPort(ports.natTraversal());
        }
        if (remote.port() == ports.ike()) {
            remote = remote.withPort(ports.natTraversal());
        }
    }

    ChildLife childByInboundSpi(int spi) {
        return children.stream().filter(c -> c.sa.inboundSpi() == spi).findFirst().orElse(null);
    }

    ChildLife childByOutboundSpi(int spi) {
        return children.stream().filter(c -> c.sa.outboundSpi() == spi).findFirst().orElse(null);
    }

    /** The earliest moment this SA needs {@code onTimer}, or null. */
    Instant deadline(Instant halfOpenExpiry, Duration dpdTimeout) {
        Instant d = null;
        if (outstanding != null) {
            d = outstanding.nextRetransmit;
            if (!dpdTimeout.isZero()) {
                d = earliest(d, outstanding.sentAt.plus(dpdTimeout));
            }
        }
        if (!initiator && state == IkeSaState.CONNECTING) {
            d = earliest(d, halfOpenExpiry);
        }
        if (state == IkeSaState.ESTABLISHED) {
            d = earliest(earliest(earliest(d, rekeyAt), reauthAt), expireAt);
            Duration dpd = config.lifecycle().dpdDelay();
            if (!dpd.isZero() && outstanding == null) {
                d = earliest(d, lastInbound.plus(dpd));
            }
        }
        if (state == IkeSaState.REKEYED) {
            d = earliest(d, expireAt);
        }
        for (ChildLife child : children) {
            d = earliest(d, child.deadline());
        }
        return d;
    }

    static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Derives the SA's keys once both nonces and SPIs are known (RFC 7296 §2.14) and sets up the SK payload with
     * ours for sending and the peer's for receiving; wipes {@code sharedSecret}.
     */
    void key(IkeSuite negotiated, byte[] sharedSecret, SecureRandom random) {
        IkeSaKeys derived;
        try {
            derived = IkeSaKeys.derive(negotiated, sharedSecret, nonceI, nonceR, initiatorSpi, responderSpi);
        } finally {
            KeyMaterial.wipe(sharedSecret);
        }
        key(negotiated, derived, random);
    }

    /** Takes keys derived elsewhere (a rekeying, §2.18) and sets up the SK payload with them. */
    void key(IkeSuite negotiated, IkeSaKeys derived, SecureRandom random) {
        suite = negotiated;
        keys = derived;
        protection = initiator
                ? SkProtection.create(suite, keys.skEi(), keys.skAi(), keys.skEr(), keys.skAr(), random)
                : SkProtection.create(suite, keys.skEr(), keys.skAr(), keys.skEi(), keys.skAi(), random);
    }

    /** Wipes every secret the SA holds. */
    void destroy() {
        state = IkeSaState.DESTROYED;
        if (keyExchange != null) {
            keyExchange.destroy();
        }
        if (keys != null) {
            keys.destroy();
        }
        if (protection != null) {
            protection.destroy();
        }
        if (peerAuthentication != null) {
            peerAuthentication.destroy();
            peerAuthentication = null;
        }
        KeyMaterial.wipe(nonceI);
        KeyMaterial.wipe(nonceR);
        outstanding = null;
        queue.clear();
        lastResponse = null;
    }

    @Override
    public String toString() {
        return "IkeSa[" + id + " " + (name() == null ? "?" : name()) + " " + Spis.hex(initiatorSpi) + "_i "
                + Spis.hex(responderSpi) + "_r " + state + " " + local + " <-> " + remote + "]";
    }

    /** A request in flight: its bytes as sent, for retransmission, and the exchange that handles the answer. */
    static final class Outstanding {
        final int messageId;
        final Exchange exchange;
        byte[] datagram;
        int retransmits;
        final Instant sentAt;
        Instant nextRetransmit;

        Outstanding(int messageId, Exchange exchange, byte[] datagram, Instant sentAt, Instant nextRetransmit) {
            this.messageId = messageId;
            this.exchange = exchange;
            this.datagram = datagram;
            this.sentAt = sentAt;
            this.nextRetransmit = nextRetransmit;
        }
    }
}
