package dev.petrel.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.pool.LeaseStatus;
import dev.petrel.ike.pool.PoolStatus;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.KeyExchangePayload;
import dev.petrel.wire.ike.NoncePayload;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A fresh responder of a {@link Conversation} fed datagrams at given times, with the invariants checked after every
 * step: only the documented actions come out, every datagram it sends is a response, only a well-formed IKE_SA_INIT
 * request creates an SA (one at most), half-open SAs stay within {@code halfOpenLimit} and match the engine's
 * half-open table, at most one IKE SA (the genuine conversation's) authenticates and it has at most two CHILD_SAs,
 * only established SAs have virtual IPs and the pools' online leases are exactly theirs (RFC 7296 §2.19); and, at
 * the end, once the half-open timeout has passed on the engine's own timers, none is left half-open (SAs in the
 * middle of EAP included) and no timer is pending.
 */
final class ResponderRun {
    private static final InetAddress OTHER = Peers.address("192.0.2.9");

    private final EngineSettings settings;
    private final IkeEngine engine;
    private Instant now = Conversation.T0;

    ResponderRun(Conversation conversation, EngineSettings settings) {
        this.settings = settings;
        this.engine = conversation.responder(settings);
    }

    /**
     * Advances the clock by {@code when}'s low four bits in seconds (running due timers), then delivers
     * {@code datagram} from the peer on port 500, from it on port 4500, or from another address on port 500, as
     * bits 4-5 of {@code when} say (0 or 3, 1, 2). Returns the datagrams the responder answered it with.
     */
    List<byte[]> step(int when, byte[] datagram) {
        now = now.plusSeconds(when & 0x0f);
        checkActions(engine.onTimer(now));
        int port = (when >> 4 & 3) == 1 ? Endpoint.NAT_T_PORT : Endpoint.IKE_PORT;
        Endpoint from = new Endpoint((when >> 4 & 3) == 2 ? OTHER : Peers.LEFT, port);
        Set<Long> before = ids();
        List<Action> actions = engine.onDatagram(Peers.RIGHT_IKE.withPort(port), from, datagram, now);
        checkActions(actions);
        List<IkeSaView> created = engine.sas().stream().filter(sa -> !before.contains(sa.id())).toList();
        if (!created.isEmpty()) {
            IkeHeader h = initRequest(datagram);
            assertNotNull(h, "an SA was created for a datagram that is not an IKE_SA_INIT request");
            assertEquals(1, created.size(), "one request, one SA");
            assertEquals(h.initiatorSpi(), created.getFirst().initiatorSpi());
            assertTrue(!created.getFirst().initiator() && created.getFirst().state() == IkeSaState.CONNECTING);
        }
        checkBounds();
        return EnginePairTest.Pair.of(actions, SendDatagram.class).stream().map(SendDatagram::message).toList();
    }

    /**
     * Runs the timer as a shell would, at each {@code nextTimer()} until the half-open timeout has passed: then only
     * established SAs may remain, with nothing to wait for. Returns how many SAs it found in the middle of IKE_AUTH
     * (a request answered, as in EAP, the SA not yet established) and saw destroyed.
     */
    int expire() {
        List<Long> authenticating = engine.sas().stream()
                .filter(sa -> sa.state() == IkeSaState.CONNECTING && sa.expectedRequestId() > 1).map(IkeSaView::id).toList();
        Instant end = now.plus(settings.halfOpenTimeout());
        for (int i = 0; i <= settings.halfOpenLimit() && engine.nextTimer().filter(t -> !t.isAfter(end)).isPresent(); i++) {
            now = engine.nextTimer().orElseThrow();
            checkActions(engine.onTimer(now));
            checkBounds();
        }
        assertTrue(engine.sas().stream().allMatch(sa -> sa.state() == IkeSaState.ESTABLISHED), engine.sas()::toString);
        assertEquals(0, engine.halfOpenCount());
        assertTrue(engine.nextTimer().isEmpty(), "a timer is pending with nothing half-open");
        assertTrue(ids().stream().noneMatch(authenticating::contains), "an SA in the middle of IKE_AUTH outlived the timeout");
        return authenticating.size();
    }

    /** The pools' leases, as their status lists them. */
    List<LeaseStatus> leases() {
        return engine.pools().status().stream().flatMap(p -> p.leases().stream()).toList();
    }

    List<IkeSaView> sas() {
        return engine.sas();
    }

    private Set<Long> ids() {
        return engine.sas().stream().map(IkeSaView::id).collect(Collectors.toSet());
    }

    private void checkBounds() {
        List<IkeSaView> sas = engine.sas();
        long halfOpen = sas.stream().filter(sa -> sa.state() == IkeSaState.CONNECTING).count();
        long established = sas.stream().filter(sa -> sa.state() == IkeSaState.ESTABLISHED).count();
        assertTrue(halfOpen <= settings.halfOpenLimit(), () -> halfOpen + " half-open SAs: " + sas);
        assertEquals(halfOpen, engine.halfOpenCount(), "the half-open table and the SAs disagree");
        assertEquals(sas.size(), halfOpen + established, sas::toString);
        assertTrue(established <= 1, () -> "SAs authenticated by forged messages: " + sas);
        assertTrue(sas.stream().allMatch(sa -> sa.children().size() <= 2), sas::toString);
        assertTrue(sas.stream().allMatch(sa -> sa.state() == IkeSaState.ESTABLISHED || sa.virtualIps().isEmpty()),
                () -> "a virtual IP for an SA not established: " + sas);
        Set<InetAddress> held = sas.stream().flatMap(sa -> sa.virtualIps().stream()).collect(Collectors.toSet());
        Set<InetAddress> online = leases().stream().filter(LeaseStatus::online).map(LeaseStatus::address)
                .collect(Collectors.toSet());
        assertEquals(held, online, () -> "online leases " + leases() + " for SAs " + sas);
        assertEquals(held.size(), engine.pools().status().stream().mapToInt(PoolStatus::online).sum(),
                () -> "the pools count online leases other than they list: " + engine.pools().status());
    }

    /** Every action is one of the documented kinds; a responder only ever sends responses. */
    private static void checkActions(List<Action> actions) {
        for (Action a : actions) {
            switch (a) {
                case SendDatagram d -> {
                    try {
                        assertTrue(IkeHeader.decode(d.message(), 0, d.message().length).response(), "sent a request");
                    } catch (IkeDecodeException e) {
                        throw new AssertionError("sent an undecodable datagram", e);
                    }
                }
                case InstallChildSa install -> { // the shell builds both; keys and selectors must fit the data plane
                    assertNotNull(install.inbound());
                    assertNotNull(install.outbound());
                }
                case RemoveChildSa remove -> assertNotNull(remove.protocol());
                case ActivateChildSa activate -> assertNotEquals(0, activate.replaces());
                case TrapChild trap -> assertNotNull(trap.child());
                case Event(var event) -> assertNotNull(event);
            }
        }
    }

    /** The header of {@code datagram} if it is a well-formed IKE_SA_INIT request with SA, KE and Nonce, else null. */
    private static IkeHeader initRequest(byte[] datagram) {
        try {
            IkeMessage m = IkeMessage.decode(datagram, 0, datagram.length);
            IkeHeader h = m.header();
            boolean init = h.exchangeType() == ExchangeType.IKE_SA_INIT.value() && h.initiator() && !h.response()
                    && h.responderSpi() == 0 && h.messageId() == 0 && m.first(SecurityAssociationPayload.class).isPresent()
                    && m.first(KeyExchangePayload.class).isPresent() && m.first(NoncePayload.class).isPresent();
            return init ? h : null;
        } catch (IkeDecodeException e) {
            return null;
        }
    }
}
