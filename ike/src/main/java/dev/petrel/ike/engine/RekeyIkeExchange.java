package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.ike.keys.IkeSaKeys;
import dev.petrel.ike.proposal.ProposalMatcher;
import dev.petrel.ike.proposal.ProposalMatcher.NoMatch;
import dev.petrel.ike.proposal.ProposalMatcher.Outcome;
import dev.petrel.ike.proposal.ProposalMatcher.Selected;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.ExchangeType;
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
import java.util.Optional;

/**
 * Rekeying the IKE SA as the initiator (RFC 7296 §1.3.2, §2.18): CREATE_CHILD_SA with SA (our new SPI), Ni and KEi;
 * the answer gives the new IKE SA, keyed from the old SK_d, which takes over the CHILD_SAs; then we delete the old
 * one. If the peer rekeyed the IKE SA at the same time, the nonces decide which new IKE SA survives (§2.8.2).
 */
final class RekeyIkeExchange implements Exchange {
    private final KeyExchangeMethod group;
    private final boolean retry;
    private long newSpi;
    private KeyExchange keyExchange;
    private byte[] nonce;
    /** The peer's rekeying of this IKE SA, answered while ours was outstanding. */
    Collision<IkeSa> collision;

    RekeyIkeExchange(KeyExchangeMethod group, boolean retry) {
        this.group = group;
        this.retry = retry;
    }

    /** True while we are rekeying {@code sa}. */
    static boolean outstanding(IkeSa sa) {
        return sa.outstanding != null && sa.outstanding.exchange instanceof RekeyIkeExchange;
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.CREATE_CHILD_SA;
    }

    @Override
    public String describe() {
        return "CREATE_CHILD_SA rekey IKE SA";
    }

    @Override
    public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
        if (sa.state != IkeSaState.ESTABLISHED) {
            return null;
        }
        newSpi = engine.newIkeSpi();
        nonce = engine.nonce();
        keyExchange = KeyExchanges.create(group, engine.random);
        return List.of(new SecurityAssociationPayload(ProposalMatcher.toWire(sa.config.proposals(), spiBytes(newSpi))),
                new NoncePayload(nonce), new KeyExchangePayload(group.value(), keyExchange.publicValue()));
    }

    @Override
    public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
        IkeMessage message = response.message();
        Optional<NotifyPayload> error = message.notifies().stream().filter(n -> NotifyType.isError(n.notifyType())).findFirst();
        if (error.isPresent()) {
            refused(engine, sa, error.get(), turn);
            return;
        }
        var saPayload = message.first(SecurityAssociationPayload.class);
        var nonceR = message.first(NoncePayload.class);
        var ke = message.first(KeyExchangePayload.class);
        String problem = null;
        Selected chosen = null;
        if (saPayload.isEmpty() || nonceR.isEmpty() || ke.isEmpty()) {
            problem = "the IKE SA rekeying answer lacks SA, Nr or KEr";
        } else {
            Outcome outcome = ProposalMatcher.accept(sa.config.proposals(), saPayload.get().proposals(), ProtocolId.IKE);
            if (outcome instanceof NoMatch(String why)) {
                problem = why;
            } else {
                chosen = (Selected) outcome;
                if (chosen.spi().length != 8 || chosen.keyExchange() != group || ke.get().group() != group.value()) {
                    problem = "the IKE SA rekeying answer has a " + chosen.spi().length + "-octet SPI or another group than our "
                            + group;
                }
            }
        }
        byte[] shared = null;
        if (problem == null) {
            try {
                shared = keyExchange.complete(ke.get().data());
            } catch (InvalidKeyExchangeValueException e) {
                problem = "the responder's " + group + " value is invalid: " + e.getMessage();
            }
        }
        abandon(engine);
        if (problem != null) {
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.SYNTAX, problem));
            engine.retryRekey(sa, turn);
            return;
        }
        long peerSpi = ByteBuffer.wrap(chosen.spi()).getLong();
        IkeSa created;
        try {
            created = successor(engine, sa, true, newSpi, peerSpi, IkeSuites.of(chosen), shared, nonce,
                    nonceR.get().data(), turn);
        } finally {
            KeyMaterial.wipe(shared);
        }
        if (collision != null && collision.peerWins(nonce, nonceR.get().data())) {
            // §2.8.2: ours is redundant; the peer's takes the CHILD_SAs and the peer deletes the old IKE SA
            engine.adopt(collision.created(), sa, turn);
            created.children = new ArrayList<>();
            engine.retire(created, turn);
            return;
        }
        if (collision != null) {
            IkeSa redundant = collision.created();
            redundant.children = new ArrayList<>();
            redundant.state = IkeSaState.REKEYED; // the peer deletes it
            redundant.expireAt = turn.now.plus(engine.settings.halfOpenTimeout());
        }
        engine.adopt(created, sa, turn);
        engine.retire(sa, turn);
    }

    /**
     * INVALID_KE_PAYLOAD restarts the exchange once with the group the peer wants; TEMPORARY_FAILURE means the peer
     * is busy with a CHILD_SA or its own rekeying: if that rekeying collided with ours it has already won (the peer
     * finished it before ours arrived), else we try later (§2.25.2).
     */
    private void refused(IkeEngine engine, IkeSa sa, NotifyPayload error, Turn turn) {
        abandon(engine);
        if (error.notifyType() == NotifyType.INVALID_KE_PAYLOAD.value() && !retry) {
            var wanted = InvalidKe.wanted(error).filter(g -> sa.config.proposals().stream()
                    .anyMatch(p -> p.of(TransformType.KE).stream().anyMatch(t -> t.transform() == g)));
            if (wanted.isPresent()) {
                sa.queue.addFirst(new RekeyIkeExchange(wanted.get(), true));
                return;
            }
        }
        if (collision != null) {
            engine.adopt(collision.created(), sa, turn);
            return;
        }
        turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.PEER_ERROR, "the peer refused to rekey the "
                + "IKE SA: " + NotifyNames.name(error.notifyType())));
        engine.retryRekey(sa, turn);
    }

    /**
     * The IKE SA that a rekeying of {@code old} creates (§2.18): the same peer, identities and configuration, new
     * SPIs and nonces, keys from the old SK_d; its role is that of the rekeying's initiator.
     */
    static IkeSa successor(IkeEngine engine, IkeSa old, boolean weInitiated, long spiI, long spiR,
            dev.petrel.ike.keys.IkeSuite suite, byte[] shared, byte[] nonceI, byte[] nonceR, Turn turn) {
        IkeSa sa = new IkeSa(engine.nextSaId(), weInitiated, spiI, old.local, old.remote, turn.now);
        sa.responderSpi = spiR;
        sa.config = old.config;
        sa.localId = old.localId;
        sa.remoteId = old.remoteId;
        sa.remoteEapId = old.remoteEapId;
        sa.localBehindNat = old.localBehindNat;
        sa.remoteBehindNat = old.remoteBehindNat;
        sa.peerSignatureHashes = old.peerSignatureHashes;
        sa.nonceI = nonceI.clone();
        sa.nonceR = nonceR.clone();
        sa.key(suite, IkeSaKeys.deriveRekeyed(suite, old.suite.prf(), old.keys.skD(), shared, nonceI, nonceR, spiI, spiR),
                engine.random);
        sa.state = IkeSaState.ESTABLISHED;
        sa.children = old.children;
        engine.register(sa);
        Lifecycle.start(engine, sa, turn);
        return sa;
    }

    static byte[] spiBytes(long spi) {
        return ByteBuffer.allocate(8).putLong(spi).array();
    }

    @Override
    public void abandon(IkeEngine engine) {
        if (keyExchange != null) {
            keyExchange.destroy();
            keyExchange = null;
        }
    }
}
