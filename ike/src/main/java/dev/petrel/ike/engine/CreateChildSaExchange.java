package dev.petrel.ike.engine;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.crypto.ke.InvalidKeyExchangeValueException;
import dev.petrel.crypto.ke.KeyExchange;
import dev.petrel.crypto.ke.KeyExchanges;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.event.NegotiationFailed.Failure;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.TransformType;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.NotifyType;
import dev.petrel.wire.ike.Payload;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE_CHILD_SA for a new CHILD_SA as the initiator (RFC 7296 §1.3.1): SA, Ni, KEi when the child's proposals
 * ask for PFS, TSi, TSr. INVALID_KE_PAYLOAD (§1.3) starts it again once with the group the responder wants.
 */
final class CreateChildSaExchange implements Exchange {
    private final ChildConfig child;
    private final KeyExchangeMethod group;
    private final boolean retry;
    private ChildNegotiation.Offer offer;
    private KeyExchange keyExchange;
    private byte[] nonce;

    CreateChildSaExchange(ChildConfig child) {
        this(child, firstGroup(child), false);
    }

    private CreateChildSaExchange(ChildConfig child, KeyExchangeMethod group, boolean retry) {
        this.child = child;
        this.group = group;
        this.retry = retry;
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
        return "CREATE_CHILD_SA " + child.name();
    }

    @Override
    public List<Payload> request(IkeEngine engine, IkeSa sa, Turn turn) {
        offer = ChildNegotiation.offer(engine, sa, child, false);
        nonce = engine.nonce();
        List<Payload> offered = offer.payloads();
        List<Payload> payloads = new ArrayList<>();
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
                sa.queue.addFirst(new CreateChildSaExchange(child, wanted.get(), true));
            }
            return;
        }
        var nonceR = message.first(NoncePayload.class);
        var ke = message.first(KeyExchangePayload.class);
        byte[] shared = null;
        String problem = null;
        if (nonceR.isEmpty() && message.notifies().stream().noneMatch(n -> NotifyType.isError(n.notifyType()))) {
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
            return;
        }
        try {
            byte[] nr = nonceR.map(NoncePayload::data).orElse(new byte[0]);
            ChildNegotiation.accept(engine, sa, offer, message, new ChildNegotiation.Keying(nonce, nr, shared, true), turn);
        } finally {
            KeyMaterial.wipe(shared);
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
