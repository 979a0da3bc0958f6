package dev.petrel.ike.engine;

import dev.petrel.ike.config.ChildConfig;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A CHILD_SA in the engine's hands: the negotiated facts ({@link ChildSa}), its configuration, and where it stands in
 * its life (RFC 7296 §2.8): when it rekeys and when it dies, whether its outbound SA is in use yet, and which CHILD_SA
 * it replaces. Package-private and mutable; only the engine's event loop touches it.
 */
final class ChildLife {
    enum State {
        /** Carries traffic; rekeyed when its time comes. */
        ACTIVE,
        /** Our CREATE_CHILD_SA rekeying it is outstanding. */
        REKEYING,
        /** Replaced by a successor (or redundant after a collision): waits for its Delete, never rekeyed again. */
        REKEYED,
        /** Our Delete of it is outstanding. */
        DELETING,
        /** Deleted after a rekeying; its inbound SA lingers a moment for packets still in flight. */
        RETIRED
    }

    final ChildSa sa;
    final ChildConfig config;
    State state = State.ACTIVE;
    /** Soft limit: start rekeying (null: never). */
    Instant rekeyAt;
    /** Hard limit: delete (null: never). */
    Instant expireAt;
    /** RETIRED: when its SAs leave the data plane. */
    Instant removeAt;
    /** Our inbound SPI of the CHILD_SA this one replaces, until the successor takes over its outbound traffic. */
    int replaces;
    /** False while the data plane holds only its inbound SA's traffic (rekey responder, RFC 7296 §2.8). */
    boolean outboundActive;

    ChildLife(ChildSa sa, ChildConfig config, Instant installed, RandomGenerator random, int replaces,
            boolean outboundActive) {
        this.sa = sa;
        this.config = config;
        this.replaces = replaces;
        this.outboundActive = outboundActive;
        var lifetime = config.lifetime();
        this.rekeyAt = lifetime.rekeyTime().isZero() ? null : installed.plus(lifetime.rekeyDelay(random));
        this.expireAt = lifetime.lifeTime().isZero() ? null : installed.plus(lifetime.lifeTime());
    }

    /**
     * Replaced by a successor, or redundant after a collision: it waits for the peer's Delete, but not for ever; if none
     * comes by {@code deadline} we delete it ourselves.
     */
    void supersede(Instant deadline) {
        state = State.REKEYED;
        rekeyAt = null;
        expireAt = expireAt == null || deadline.isBefore(expireAt) ? deadline : expireAt;
    }

    int inboundSpi() {
        return sa.inboundSpi();
    }

    /** Still the CHILD_SA that carries its policy's traffic, or about to: neither replaced nor on its way out. */
    boolean live() {
        return state == State.ACTIVE || state == State.REKEYING;
    }

    /**
     * It can be replaced: it carries traffic and no rekeying of it is under way, and it has taken over from any
     * predecessor (a successor the peer has not confirmed yet cannot be replaced, §2.8).
     */
    boolean rekeyable() {
        return state == State.ACTIVE && outboundActive;
    }

    /** The earliest moment this CHILD_SA needs the timer, or null. */
    Instant deadline() {
        Instant d = state == State.RETIRED ? removeAt : null;
        if (state == State.ACTIVE && rekeyAt != null) {
            d = rekeyAt;
        }
        if (state != State.RETIRED && expireAt != null && (d == null || expireAt.isBefore(d))) {
            d = expireAt;
        }
        return d;
    }

    @Override
    public String toString() {
        return sa.name() + " " + Spis.hex(sa.inboundSpi()) + " " + state;
    }
}
