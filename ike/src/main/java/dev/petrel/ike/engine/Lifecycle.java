package dev.petrel.ike.engine;

import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.CloseAction;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.IkeLifecycle;
import dev.petrel.wire.iana.KeyExchangeMethod;
import dev.petrel.wire.iana.TransformType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The timed life of IKE and CHILD SAs (RFC 7296 §2.4, §2.8): rekeying and hard expiry of CHILD_SAs, rekeying,
 * reauthentication and hard expiry of IKE SAs, dead peer detection, and what a dead peer or the peer's close does to
 * the CHILD_SAs (strongSwan's {@code dpd_action} and {@code close_action}). Also settles two IKE SAs of one connection
 * that both peers initiated at once.
 */
final class Lifecycle {
    private Lifecycle() {}

    /**
     * An IKE SA came up (IKE_AUTH or a rekeying): its timers start now, and if it duplicates another IKE SA of the
     * connection, one of the two goes.
     */
    static void start(IkeEngine engine, IkeSa sa, Turn turn) {
        Instant now = turn.now;
        IkeLifecycle lifecycle = sa.config.lifecycle();
        sa.established = now;
        sa.establishedStamp = engine.stamp();
        sa.lastInbound = now;
        sa.rekeyAt = at(now, lifecycle.rekeyDelay(engine.random));
        sa.reauthAt = at(now, lifecycle.reauthDelay(engine.random));
        sa.expireAt = at(now, lifecycle.hardLife());
        settleDuplicates(engine, sa, turn);
    }

    private static Instant at(Instant now, java.time.Duration delay) {
        return delay.isZero() ? null : now.plus(delay);
    }

    /** IKE_AUTH completed on {@code sa}. */
    static void established(IkeEngine engine, IkeSa sa, Turn turn) {
        start(engine, sa, turn);
    }

    /** The SA's work that is due at {@code turn.now}: CHILD_SA and IKE SA timers, and a liveness check. */
    static void onTimer(IkeEngine engine, IkeSa sa, Turn turn) {
        Instant now = turn.now;
        for (ChildLife child : List.copyOf(sa.children)) {
            if (child.state == ChildLife.State.RETIRED) {
                if (!now.isBefore(child.removeAt)) {
                    engine.removeChild(sa, child, "replaced", turn);
                }
            } else if (child.expireAt != null && !now.isBefore(child.expireAt)) {
                child.expireAt = null;
                engine.deleteChild(sa, child, turn); // hard lifetime (RFC 4301 §4.4.2.1)
            } else if (child.state == ChildLife.State.ACTIVE && child.rekeyAt != null && !now.isBefore(child.rekeyAt)) {
                if (!child.outboundActive) {
                    // a successor the peer has not yet confirmed (§2.8): it cannot be replaced before it is in use
                    child.rekeyAt = now.plus(engine.retryDelay());
                } else {
                    child.rekeyAt = null;
                    if (sa.state == IkeSaState.ESTABLISHED) { // not on an IKE SA on its way out
                        sa.queue.add(CreateChildSaExchange.rekey(child));
                    }
                }
            }
        }
        if (sa.state == IkeSaState.REKEYED && sa.expireAt != null && !now.isBefore(sa.expireAt)) {
            engine.destroy(sa, "replaced; the peer never deleted it", turn);
            return;
        }
        if (sa.state != IkeSaState.ESTABLISHED) {
            return;
        }
        if (sa.expireAt != null && !now.isBefore(sa.expireAt)) {
            // hard end without a successful rekeying: what should be restarted after a dead peer or a close is
            // negotiated again at once, as a new IKE SA
            sa.expireAt = null;
            List<ChildConfig> restart = liveConfigs(sa).stream()
                    .filter(c -> c.dpdAction() == CloseAction.RESTART || c.closeAction() == CloseAction.RESTART).toList();
            engine.deleteIke(sa, turn);
            recover(engine, sa.config, restart, c -> CloseAction.RESTART, sa.local, sa.remote, turn);
            return;
        }
        if (sa.rekeyAt != null && !now.isBefore(sa.rekeyAt)) {
            sa.rekeyAt = null;
            sa.queue.add(new RekeyIkeExchange(firstGroup(sa.config), false));
        }
        if (sa.reauthAt != null && !now.isBefore(sa.reauthAt)) {
            sa.reauthAt = null;
            reauthenticate(engine, sa, turn);
        }
        var dpd = sa.config.lifecycle().dpdDelay();
        if (!dpd.isZero() && sa.outstanding == null && sa.queue.isEmpty() && !now.isBefore(sa.lastInbound.plus(dpd))) {
            sa.queue.add(InformationalExchange.liveness()); // §2.4: nothing from the peer for dpd_delay
        }
        engine.startNext(sa, turn);
    }

    private static KeyExchangeMethod firstGroup(IkeConfig config) {
        return (KeyExchangeMethod) config.proposals().getFirst().of(TransformType.KE).getFirst().transform();
    }

    /**
     * Reauthentication, make-before-break (RFC 7296 §2.8.3): a new IKE SA from scratch with the live CHILD_SAs'
     * configurations; once it and its CHILD_SAs are up, the old one is deleted.
     */
    static void reauthenticate(IkeEngine engine, IkeSa sa, Turn turn) {
        List<ChildConfig> children = liveConfigs(sa);
        if (sa.config.remoteAddress() == null && !sa.initiator) {
            return; // a responder for any peer address does not chase a roaming peer
        }
        IkeSa replacement = engine.reestablish(sa.config, children, sa.local, sa.remote, turn);
        replacement.replacing = sa;
    }

    /** Called when {@code sa} is idle: a reauthenticated SA deletes its predecessor once all its CHILD_SAs are up. */
    static void reauthenticated(IkeEngine engine, IkeSa sa, Turn turn) {
        IkeSa old = sa.replacing;
        sa.replacing = null;
        if (old.state == IkeSaState.ESTABLISHED) {
            engine.retire(old, turn);
        }
    }

    /** The peer deleted the IKE SA (§1.4.1). */
    static void deletedByPeer(IkeEngine engine, IkeSa sa, Turn turn) {
        if (sa.outstanding != null && sa.outstanding.exchange instanceof RekeyIkeExchange ours && ours.collision != null) {
            // §2.8.2: the peer's rekeying won and it deletes the old SA before our response came
            engine.adopt(ours.collision.created(), sa, turn);
        }
        // a close, but not of CHILD_SAs another IKE SA with the peer still carries (a duplicate the peer settled)
        List<ChildConfig> carried = engine.others(sa).stream().filter(o -> o.state == IkeSaState.ESTABLISHED)
                .flatMap(o -> liveConfigs(o).stream()).toList();
        List<ChildConfig> closed = sa.state == IkeSaState.ESTABLISHED
                ? liveConfigs(sa).stream().filter(c -> !carried.contains(c)).toList() : List.of();
        Endpoint local = sa.local;
        Endpoint remote = sa.remote;
        IkeConfig config = sa.config;
        engine.destroy(sa, sa.state == IkeSaState.REKEYED ? "replaced" : "deleted by the peer", turn);
        recover(engine, config, closed.stream().filter(c -> c.closeAction() != CloseAction.CLEAR).toList(),
                ChildConfig::closeAction, local, remote, turn);
    }

    /** The peer deleted one CHILD_SA that nothing replaces: its {@code close_action}. */
    static void childClosed(IkeEngine engine, IkeSa sa, ChildConfig child, Turn turn) {
        if (liveConfigs(sa).contains(child)) {
            return; // another CHILD_SA of the configuration carries its traffic
        }
        switch (child.closeAction()) {
            case RESTART -> {
                sa.queue.add(CreateChildSaExchange.create(child));
                engine.startNext(sa, turn);
            }
            case TRAP -> turn.emit(new TrapChild(sa.name(), child.name()));
            case CLEAR -> { }
        }
    }

    /**
     * {@code sa} died because the peer stopped answering: its CHILD_SAs' {@code dpd_action}, and a restart that
     * failed the same way is tried again, so that a peer that comes back gets its tunnel back.
     */
    static void dead(IkeEngine engine, IkeSa sa, List<ChildConfig> children, Turn turn) {
        if (sa.replacing != null && sa.replacing.state == IkeSaState.ESTABLISHED) {
            sa.replacing.reauthAt = turn.now.plus(engine.retryDelay()); // the reauthentication failed: the old SA stays
            return;
        }
        recover(engine, sa.config, children.stream().filter(c -> c.dpdAction() != CloseAction.CLEAR).toList(),
                ChildConfig::dpdAction, sa.local, sa.remote, turn);
    }

    private static void recover(IkeEngine engine, IkeConfig config, List<ChildConfig> children,
            java.util.function.Function<ChildConfig, CloseAction> action, Endpoint local, Endpoint remote, Turn turn) {
        List<ChildConfig> restart = children.stream().filter(c -> action.apply(c) == CloseAction.RESTART).toList();
        for (ChildConfig c : children) {
            if (action.apply(c) == CloseAction.TRAP) {
                turn.emit(new TrapChild(config.name(), c.name()));
            }
        }
        if (!restart.isEmpty() && config.remoteAddress() != null) {
            engine.reestablish(config, restart, local, remote, turn).restart = restart;
        }
    }

    /** The configurations of the CHILD_SAs that carry traffic, once each. */
    static List<ChildConfig> liveConfigs(IkeSa sa) {
        List<ChildConfig> out = new ArrayList<>();
        for (ChildLife child : sa.children) {
            if (child.live() && !out.contains(child.config)) {
                out.add(child.config);
            }
        }
        return out;
    }

    /**
     * Both peers initiated the connection at once (or restarted it at once after a dead peer) and two IKE SAs are up
     * for it; the check runs whenever one of them comes up, rekeyings included: the one whose IKE_SA_INIT holds the
     * lowest of the four nonces is redundant (as §2.8.1 settles redundant CHILD_SAs), and its initiator deletes it,
     * once the survivor carries its CHILD_SAs too.
     */
    private static void settleDuplicates(IkeEngine engine, IkeSa sa, Turn turn) {
        for (IkeSa other : engine.others(sa)) {
            // not its predecessor or a sibling of a rekeying (they share the CHILD_SAs), nor a reauthentication
            if (other.state != IkeSaState.ESTABLISHED || other.children == sa.children
                    || other.replacing == sa || sa.replacing == other) {
                continue;
            }
            boolean saRedundant = Arrays.compareUnsigned(lower(sa), lower(other)) < 0;
            IkeSa redundant = saRedundant ? sa : other;
            IkeSa survivor = saRedundant ? other : sa;
            if (!redundant.initiator) {
                continue; // the peer deletes it
            }
            for (ChildConfig missing : liveConfigs(redundant)) {
                if (survivor.children.stream().noneMatch(c -> c.live() && c.config.equals(missing))) {
                    survivor.queue.add(CreateChildSaExchange.create(missing));
                }
            }
            engine.retire(redundant, turn);
            engine.startNext(survivor, turn);
            return;
        }
    }

    private static byte[] lower(IkeSa sa) {
        return Arrays.compareUnsigned(sa.nonceI, sa.nonceR) <= 0 ? sa.nonceI : sa.nonceR;
    }
}
