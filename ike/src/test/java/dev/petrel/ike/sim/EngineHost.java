package dev.petrel.ike.sim;

import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.ActivateChildSa;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.Event;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import dev.petrel.ike.engine.SendDatagram;
import dev.petrel.ike.engine.TrapChild;
import dev.petrel.ike.event.IkeEvent;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.testkit.sim.Datagram;
import dev.petrel.testkit.sim.Host;
import dev.petrel.testkit.sim.SimulatedNetwork;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.EncryptedPayload;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeHeader;
import dev.petrel.wire.ike.IkeMessage;
import dev.petrel.wire.ike.SecurityAssociationPayload;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An {@link IkeEngine} as a host of the testkit's {@link SimulatedNetwork}, in the gateway's place: it owns
 * {@code address} on ports 500 and 4500 (RFC 7296 §2.23), puts the engine's datagrams on the simulated wire, keeps a
 * stand-in data plane from InstallChildSa and RemoveChildSa, and records the engine's events. After every call into
 * the engine it checks that the data plane holds exactly the engine's CHILD_SAs and that no two IKE SAs share an
 * initiator SPI; the first breach is kept for the test to report. As the initiator it starts again after an attempt
 * that timed out, up to a number of tries (swanctl's {@code keyingtries}), and notes for every such give-up whether an
 * answer to the abandoned request had reached it (which would make the give-up an engine bug).
 */
final class EngineHost implements Host {
    /** An initiator that gave up on its outstanding request ({@code sa} as it was just before). */
    record GiveUp(Instant at, IkeSaView sa, boolean answered) {}

    private record Initiation(String connection, String child, Endpoint remote) {}

    private record ResponseKey(long initiatorSpi, int messageId) {}

    private IkeEngine engine;
    private final SimulatedNetwork network;
    private final Endpoint ike;
    private final Map<Integer, InstallChildSa> dataPlane = new LinkedHashMap<>();
    /** The CHILD_SAs (by inbound SPI) whose outbound SA carries their policy's traffic. */
    private final Set<Integer> sending = new HashSet<>();
    private final List<TrapChild> traps = new ArrayList<>();
    /** What the data plane was asked to do, with the time, for a failure message. */
    private final List<String> dataPlaneLog = new ArrayList<>();
    private final List<IkeEvent> events = new ArrayList<>();
    private final List<GiveUp> giveUps = new ArrayList<>();
    private final Set<ResponseKey> responses = new HashSet<>();
    private Initiation initiation;
    /** The IKE SAs this host's initiations created (the engine may create others, restarting). */
    private final Set<Long> attempts = new HashSet<>();
    private int triesLeft;
    private String breach;

    EngineHost(IkeEngine engine, SimulatedNetwork network, InetAddress address) {
        this.engine = engine;
        this.network = network;
        this.ike = new Endpoint(address, Endpoint.IKE_PORT);
        network.attach(ike.socketAddress(), this);
        network.attach(ike.withPort(Endpoint.NAT_T_PORT).socketAddress(), this);
    }

    /** Starts an IKE SA with the first CHILD_SA {@code child} towards {@code peer}:500, at most {@code tries} times. */
    void initiate(String connection, String child, InetAddress peer, int tries) {
        initiation = new Initiation(connection, child, new Endpoint(peer, Endpoint.IKE_PORT));
        triesLeft = tries;
        attempt(network.now());
    }

    /** The host restarts: {@code fresh} replaces the engine, which loses every SA, and the data plane empties. */
    void restart(IkeEngine fresh) {
        engine = fresh;
        dataPlane.clear();
        sending.clear();
    }

    /** Performs what a call into the engine made outside the network's events returned (e.g. a data plane report). */
    void apply(List<Action> actions) {
        perform(actions, engine.sas(), network.now());
    }

    @Override
    public void receive(Datagram datagram, Instant now) {
        byte[] data = datagram.payload();
        answer(data).ifPresent(responses::add);
        List<IkeSaView> before = engine.sas();
        Endpoint local = Endpoint.of(datagram.destination());
        perform(engine.onDatagram(local, Endpoint.of(datagram.source()), data, now), before, now);
    }

    @Override
    public Optional<Instant> nextTimer() {
        return engine.nextTimer();
    }

    @Override
    public void onTimer(Instant now) {
        List<IkeSaView> before = engine.sas();
        perform(engine.onTimer(now), before, now);
    }

    IkeEngine engine() {
        return engine;
    }

    /** The data plane: every CHILD_SA installed and not removed, by inbound SPI. */
    Map<Integer, InstallChildSa> dataPlane() {
        return Map.copyOf(dataPlane);
    }

    /** Our inbound SPIs of the CHILD_SAs that send: one per CHILD_SA configuration when all is settled. */
    Set<Integer> sending() {
        return Set.copyOf(sending);
    }

    List<TrapChild> traps() {
        return List.copyOf(traps);
    }

    List<IkeEvent> events() {
        return List.copyOf(events);
    }

    List<GiveUp> giveUps() {
        return List.copyOf(giveUps);
    }

    /** The first breach of an invariant checked after every call, if any. */
    Optional<String> breach() {
        return Optional.ofNullable(breach);
    }

    /** The engine's SAs, the data plane and the events, one a line, for a failure message. */
    String describe() {
        return "  SAs " + engine.sas() + "\n  data plane " + dataPlane.values() + "\n  give-ups " + giveUps + "\n  data plane log:\n    " + String.join("\n    ", dataPlaneLog) + "\n  events:\n"
                + events.stream().map(e -> "    " + e).collect(Collectors.joining("\n"));
    }

    private void attempt(Instant now) {
        triesLeft--;
        List<IkeSaView> before = engine.sas();
        perform(engine.initiate(initiation.connection(), initiation.child(), ike, initiation.remote(), now), before, now);
        engine.sas().stream().map(IkeSaView::id).filter(id -> before.stream().noneMatch(v -> v.id() == id))
                .forEach(attempts::add);
    }

    private void perform(List<Action> actions, List<IkeSaView> before, Instant now) {
        boolean retry = false;
        for (Action action : actions) {
            if (!(action instanceof SendDatagram) && !(action instanceof Event)) {
                dataPlaneLog.add(Duration.between(SimulatedNetwork.EPOCH, now) + " " + action);
            }
            switch (action) {
                case SendDatagram(Endpoint local, Endpoint remote, byte[] message) ->
                        network.send(new Datagram(local.socketAddress(), remote.socketAddress(), message));
                case InstallChildSa install -> {
                    dataPlane.put(install.inboundSpi(), install);
                    if (install.outboundActive()) {
                        sending.remove(install.replaces());
                        sending.add(install.inboundSpi());
                    }
                }
                case ActivateChildSa activate -> {
                    if (!dataPlane.containsKey(activate.inboundSpi()) || !sending.remove(activate.replaces())) {
                        breach = breach != null ? breach : "at " + now + " " + activate + " of a CHILD_SA not installed, "
                                + "or replacing one that does not send";
                    }
                    sending.add(activate.inboundSpi());
                }
                case RemoveChildSa remove -> {
                    dataPlane.remove(remove.inboundSpi());
                    sending.remove(remove.inboundSpi());
                }
                case TrapChild trap -> traps.add(trap);
                case Event(IkeEvent event) -> {
                    events.add(event);
                    if (event instanceof NegotiationFailed f && f.failure() == NegotiationFailed.Failure.TIMEOUT) {
                        giveUps.add(giveUp(now, before, f.ikeSaId()));
                        retry = attempts.contains(f.ikeSaId()); // not the engine's own restarts
                    }
                }
            }
        }
        check(now);
        if (retry && triesLeft > 0) {
            attempt(now);
        }
    }

    /**
     * The request a response answers for certain: any protected one (SK), but of IKE_SA_INIT only an acceptance (with an
     * SA payload), since a COOKIE or INVALID_KE_PAYLOAD may answer a request from before a restart (RFC 7296 §2.6, §1.2).
     */
    private static Optional<ResponseKey> answer(byte[] data) {
        try {
            IkeHeader header = IkeHeader.decode(data, 0, data.length);
            boolean init = header.exchangeType() == ExchangeType.IKE_SA_INIT.value();
            IkeMessage message = IkeMessage.decode(data, 0, data.length);
            // An unprotected answer to a later exchange (INVALID_IKE_SPI, RFC 7296 §2.21.4) is no answer to trust.
            return header.response() && (init ? message.first(SecurityAssociationPayload.class).isPresent()
                    : message.first(EncryptedPayload.class).isPresent())
                    ? Optional.of(new ResponseKey(header.initiatorSpi(), header.messageId()))
                    : Optional.empty();
        } catch (IkeDecodeException e) {
            throw new AssertionError("the simulated network delivered a datagram that is not IKE", e);
        }
    }

    private GiveUp giveUp(Instant now, List<IkeSaView> before, long ikeSaId) {
        IkeSaView sa = before.stream().filter(v -> v.id() == ikeSaId).findFirst()
                .orElseThrow(() -> new AssertionError("timeout of IKE SA " + ikeSaId + ", which did not exist"));
        return new GiveUp(now, sa, responses.contains(new ResponseKey(sa.initiatorSpi(), sa.nextRequestId() - 1)));
    }

    private void check(Instant now) {
        if (breach != null) {
            return;
        }
        List<IkeSaView> sas = engine.sas();
        Set<Integer> children = sas.stream().flatMap(sa -> sa.children().stream()).map(ChildSa::inboundSpi)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!children.equals(new TreeSet<>(dataPlane.keySet()))) {
            breach = "at " + now + " the data plane holds " + dataPlane.keySet() + ", the engine's CHILD_SAs are "
                    + children;
        } else if (sas.stream().map(IkeSaView::initiatorSpi).distinct().count() != sas.size()) {
            breach = "at " + now + " two IKE SAs share an initiator SPI: " + sas;
        } else {
            for (IkeSaView sa : sas) {
                List<String> senders = sa.children().stream().filter(c -> sending.contains(c.inboundSpi()))
                        .map(ChildSa::name).toList();
                if (senders.stream().distinct().count() != senders.size()) {
                    breach = "at " + now + " two CHILD_SAs of one configuration send in IKE SA " + sa.id() + ": " + sa;
                }
            }
        }
    }
}
