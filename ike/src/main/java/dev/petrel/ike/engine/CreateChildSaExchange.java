package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.engine.ChildNegotiation.Succession;
import dev.petrel.ike.event.ChildSaRekeyed;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CREATE_CHILD_SA for a CHILD_SA as the initiator (RFC 7296 §1.3.1): SA, Ni, KEi when the child's proposals ask for
 * PFS, TSi, TSr; INVALID_KE_PAYLOAD (§1.3) starts it again once with the group the responder wants. To rekey a
 * CHILD_SA (§1.3.3, §2.8) the request adds REKEY_SA naming the old one and keeps its selectors; the new CHILD_SA
 * takes over the old one's traffic at once and the old one is deleted, unless the peer rekeyed the same CHILD_SA at
 * the same time and its exchange survives the nonce comparison of §2.8.1.
 */
final class CreateChildSaExchange implements Exchange {
    private final ChildConfig child;
    /** The CHILD_SA this exchange rekeys, or null for a new one. */
    final ChildLife rekeying;
    private final KeyExchangeMethod group;
    private final boolean retry;
    private ChildNegotiation.Offer offer;
    private KeyExchange keyExchange;
    private byte[] nonce;
    /** The peer's rekeying of the same CHILD_SA, answered while this one was outstanding (§2.8.1). */
    Collision<ChildLife> collision;

    private CreateChildSaExchange(ChildConfig child, ChildLife rekeying, KeyExchangeMethod group, boolean retry) {
        this.child = child;
        this.rekeying = rekeying;
        this.group = group;
        this.retry = retry;
    }

    /** A new CHILD_SA of {@code child}. */
    static CreateChildSaExchange create(ChildConfig child) {
        return new CreateChildSaExchange(child, null, firstGroup(child), false);
    }

    /** The replacement of {@code old} (REKEY_SA). */
    static CreateChildSaExchange rekey(ChildLife old) {
        return new CreateChildSaExchange(old.config, old, firstGroup(old.config), false);
    }

    private static KeyExchangeMethod firstGroup(ChildConfig child) {
        var ke = child.proposals().getFirst().of(TransformType.KE);
        return ke.isEmpty() ? KeyExchangeMethod.NONE : (KeyExchangeMethod) ke.getFirst().transform();
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.CREATE_CHILD_SA;
    }

    @Override
    public String describe() {
        return "CREATE_CHILD_SA " + (rekeying == null ? child.name() : "rekey " + rekeying);
    }

    @Override
    public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
        List<Payload> payloads = new ArrayList<>();
        if (rekeying != null) {
            if (!sa.children.contains(rekeying) || !rekeying.rekeyable()) {
                return null; // deleted, the peer rekeyed it first, or it has not taken over from its predecessor yet
            }
            rekeying.state = ChildLife.State.REKEYING;
            offer = ChildNegotiation.rekeyOffer(engine, sa, rekeying);
            payloads.add(NotifyPayload.of(NotifyType.REKEY_SA, rekeying.sa.protocol(), rekeying.inboundSpi(), new byte[0]));
        } else {
            offer = ChildNegotiation.offer(engine, sa, child, false);
        }
        nonce = engine.nonce();
        List<Payload> offered = offer.payloads();
        payloads.add(offered.getFirst());
        payloads.add(new NoncePayload(nonce));
        if (group != KeyExchangeMethod.NONE) {
            keyExchange = KeyExchanges.create(group, engine.random);
            payloads.add(new KeyExchangePayload(group.value(), keyExchange.publicValue()));
        }
        payloads.addAll(offered.subList(1, offered.size()));
        return payloads;
    }

    @Override
    public void response(IkeEngine engine, IkeSa sa, Received response, Turn turn) {
        IkeMessage message = response.message();
        var invalidKe = message.notify(NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe.isPresent()) {
            engine.releaseChildSpi(offer.inboundSpi());
            destroyKeyExchange();
            var wanted = InvalidKe.wanted(invalidKe.get());
            boolean offered = wanted.isPresent() && child.proposals().stream()
                    .anyMatch(p -> p.of(TransformType.KE).stream().anyMatch(t -> t.transform() == wanted.get()));
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.KEY_EXCHANGE, "CHILD_SA " + child.name()
                    + ": the responder wants " + wanted.map(Enum::name).orElse("an unknown group")
                    + (offered && !retry ? "; retrying" : ", which we cannot use")));
            if (offered && !retry) {
                CreateChildSaExchange again = new CreateChildSaExchange(child, rekeying, wanted.get(), true);
                again.collision = collision;
                sa.queue.addFirst(again);
                if (rekeying != null) {
                    rekeying.state = ChildLife.State.ACTIVE;
                }
            } else {
                failed(engine, sa, turn);
            }
            return;
        }
        Optional<NotifyPayload> error = message.notifies().stream().filter(n -> NotifyType.isError(n.notifyType())).findFirst();
        if (rekeying != null && error.isPresent() && refusedRekey(engine, sa, error.get().notifyType(), turn)) {
            engine.releaseChildSpi(offer.inboundSpi());
            destroyKeyExchange();
            return;
        }
        var nonceR = message.first(NoncePayload.class);
        var ke = message.first(KeyExchangePayload.class);
        byte[] shared = null;
        String problem = null;
        if (nonceR.isEmpty() && error.isEmpty()) {
            problem = "CREATE_CHILD_SA response lacks Nr";
        } else if (keyExchange != null && nonceR.isPresent()) {
            if (ke.isEmpty() || ke.get().group() != group.value()) {
                problem = "the responder's KE does not answer our " + group;
            } else {
                try {
                    shared = keyExchange.complete(ke.get().data());
                } catch (InvalidKeyExchangeValueException e) {
                    problem = "the responder's " + group + " value is invalid: " + e.getMessage();
                }
            }
        }
        destroyKeyExchange();
        if (problem != null) {
            engine.releaseChildSpi(offer.inboundSpi());
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.KEY_EXCHANGE, problem));
            failed(engine, sa, turn);
            return;
        }
        try {
            byte[] nr = nonceR.map(NoncePayload::data).orElse(new byte[0]);
            boolean redundant = collision != null && collision.peerWins(nonce, nr);
            boolean succeeds = rekeying != null && sa.children.contains(rekeying);
            // a redundant CHILD_SA never carries our traffic: the peer's successor does, or the old one until deleted
            Succession succession = new Succession(succeeds ? rekeying.inboundSpi() : 0, !redundant);
            ChildLife created = ChildNegotiation.accept(engine, sa, offer, message,
                    new ChildNegotiation.Keying(nonce, nr, shared, true), succession, turn);
            if (created == null) {
                failed(engine, sa, turn);
            } else if (rekeying != null) {
                rekeyed(engine, sa, created, redundant, turn);
            }
        } finally {
            KeyMaterial.wipe(shared);
        }
    }

    /**
     * Our rekeying created {@code created}. If it won (the usual case) it replaces the old CHILD_SA, which we delete,
     * and a colliding CHILD_SA of the peer's is redundant: the peer deletes it. If it lost, it is the redundant one and
     * we delete it; the peer's replaces the old one when the peer deletes that (§2.8.1).
     */
    private void rekeyed(IkeEngine engine, IkeSa sa, ChildLife created, boolean redundant, Turn turn) {
        if (sa.children.contains(rekeying)) {
            rekeying.supersede(engine.supersededDeadline(turn));
        }
        if (redundant) {
            created.supersede(engine.supersededDeadline(turn));
            engine.deleteChild(sa, created, turn);
            return;
        }
        if (collision != null) {
            collision.created().supersede(engine.supersededDeadline(turn));
        }
        turn.event(new ChildSaRekeyed(sa.id, sa.name(), child.name(), rekeying.inboundSpi(), created.inboundSpi()));
        if (sa.children.contains(rekeying)) {
            engine.deleteChild(sa, rekeying, turn);
        }
    }

    /**
     * The peer refused our rekeying; true when that is settled here. TEMPORARY_FAILURE (it is rekeying or deleting the
     * CHILD_SA itself) and CHILD_SA_NOT_FOUND (it deleted it) leave the succession to the peer's own rekeying if one
     * collided with ours; otherwise the first is tried again later, and after the second the CHILD_SA is gone for the
     * peer and goes here too (§2.25.1). Other refusals are explained by {@link ChildNegotiation#accept}.
     */
    private boolean refusedRekey(IkeEngine engine, IkeSa sa, int type, Turn turn) {
        boolean temporary = type == NotifyType.TEMPORARY_FAILURE.value();
        if (!temporary && type != NotifyType.CHILD_SA_NOT_FOUND.value()) {
            return false;
        }
        if (!sa.children.contains(rekeying)) {
            return true;
        }
        if (collision != null) {
            rekeying.supersede(engine.supersededDeadline(turn));
        } else if (temporary) {
            failed(engine, sa, turn);
        } else {
            turn.event(new NegotiationFailed(sa.id, sa.name(), sa.remote, Failure.PEER_ERROR, "the peer does not know "
                    + "CHILD_SA " + rekeying + " we asked it to rekey (CHILD_SA_NOT_FOUND)"));
            engine.removeChild(sa, rekeying, "unknown to the peer", turn);
            Lifecycle.childClosed(engine, sa, rekeying.config, turn);
        }
        return true;
    }

    /** The rekeying did not happen: the old CHILD_SA tries again later, until its hard lifetime ends it. */
    private void failed(IkeEngine engine, IkeSa sa, Turn turn) {
        if (rekeying != null && rekeying.state == ChildLife.State.REKEYING) {
            rekeying.state = ChildLife.State.ACTIVE;
            rekeying.rekeyAt = turn.now.plus(engine.retryDelay());
        }
    }

    @Override
    public void abandon(IkeEngine engine) {
        if (offer != null) {
            engine.releaseChildSpi(offer.inboundSpi());
        }
        destroyKeyExchange();
    }

    private void destroyKeyExchange() {
        if (keyExchange != null) {
            keyExchange.destroy();
            keyExchange = null;
        }
    }
}
