package dev.petrel.cli.load;

import dev.petrel.cli.load.Handshake.Phase;
import dev.petrel.gateway.dataplane.NonEspMarker;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.Event;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.SendDatagram;
import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.NegotiationFailed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;

/**
 * Drives many IKEv2 initiators against one responder over real UDP sockets, from one thread: each handshake is an
 * {@link IkeEngine} of its own ({@link Handshake}) on one of the sockets (round robin), datagrams are routed to it
 * by the initiator SPI of their IKE header, and up to {@code concurrency} IKE SAs are under way at once. An IKE SA
 * that comes up is deleted at once (its DELETE exchange keeps its slot) or, with {@code keep}, held until the end.
 * The CHILD_SAs' keys are wiped as they arrive: there is no data plane.
 */
final class LoadGenerator implements AutoCloseable {
    private static final Duration TICK = Duration.ofMillis(20);
    private static final int BUFFER = 1 << 20;
    private static final int MAX_DATAGRAM = 65_535;
    private static final int IKE_HEADER = 28;
    /** Datagrams read from one socket before the others get their turn. */
    private static final int BURST = 256;

    private record Socket(DatagramChannel channel, Endpoint local) {}

    private final LoadPlan plan;
    private final Initiators initiators;
    private final SecureRandom random;
    private final EngineSettings settings;
    private final List<Socket> sockets = new ArrayList<>();
    private final Selector selector;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Map<Long, Handshake> bySpi = new HashMap<>();
    /** Handshakes being set up or deleted: they hold the concurrency slots and have timers. */
    private final Set<Handshake> active = new LinkedHashSet<>();
    private final SequencedSet<Handshake> kept = new LinkedHashSet<>();
    private final Latencies latencies;
    private final Map<String, Long> failureCounts = new HashMap<>();
    private final Map<String, String> failureExamples = new HashMap<>();
    private long started;
    private long succeeded;
    private long failed;
    private long connecting;
    private long deletesRequested;
    private long deletesAnswered;
    private long deletedByResponder;
    private long lastEnd;

    LoadGenerator(LoadPlan plan, Initiators initiators, SecureRandom random) throws IOException {
        this.plan = plan;
        this.initiators = initiators;
        this.random = random;
        this.settings = EngineSettings.DEFAULTS.withPorts(new EngineSettings.Ports(plan.target().port(),
                plan.natTraversalPort()));
        this.latencies = new Latencies(plan.count());
        this.selector = Selector.open();
        try {
            for (InetAddress source : plan.sources().isEmpty() ? List.of(routeSource(plan.target())) : plan.sources()) {
                for (int i = 0; i < plan.ports().size(); i++) {
                    sockets.add(open(new InetSocketAddress(source, plan.ports().port(i))));
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The local addresses and ports the load comes from. */
    List<Endpoint> locals() {
        return sockets.stream().map(Socket::local).toList();
    }

    /** Runs the plan and reports; {@code setup} describes it in the report. */
    LoadReport run(String setup) throws IOException {
        long begin = System.nanoTime();
        long stopStarting = begin + plan.duration().toNanos();
        lastEnd = begin;
        long now = begin;
        while (now < stopStarting && (started < plan.count() || connecting > 0)) {
            while (active.size() < plan.concurrency() && started < plan.count() && now < stopStarting) {
                start(now);
            }
            poll(Math.min(TICK.toNanos(), stopStarting - now));
            now = System.nanoTime();
            tick(now);
        }
        long unfinished = connecting;
        double seconds = (Math.max(lastEnd, connecting > 0 ? now : begin) - begin) / 1e9;
        for (Handshake h : List.copyOf(active)) {
            if (h.phase == Phase.CONNECTING) {
                forget(h);
            }
        }
        drain();
        if (plan.keep()) {
            hold();
            deleteKept();
        }
        return new LoadReport(setup, started, succeeded, failed, unfinished, seconds,
                seconds > 0 ? succeeded / seconds : 0, latencies.summary(), failures(),
                new LoadReport.Deletes(deletesRequested, deletesAnswered, deletedByResponder));
    }

    private void start(long now) throws IOException {
        long n = started++;
        Socket socket = sockets.get((int) (n % sockets.size()));
        IkeEngine engine = new IkeEngine(settings, List.of(initiators.config(n, plan.target().address())), random);
        Handshake h = new Handshake(n, engine, socket.channel(), socket.local(), now, now + plan.timeout().toNanos());
        List<Action> actions = engine.initiate(Initiators.CONNECTION, initiators.childName(), socket.local(),
                plan.target(), Instant.now());
        long spi = actions.stream().filter(SendDatagram.class::isInstance).map(a -> ((SendDatagram) a).message())
                .mapToLong(m -> ByteBuffer.wrap(m).getLong(0)).findFirst()
                .orElseThrow(() -> new IllegalStateException("initiate sent no IKE_SA_INIT"));
        h.spi = spi;
        if (bySpi.putIfAbsent(spi, h) != null) {
            // Two live 64-bit random SPIs alike: not worth a retry, but it must not take the other's datagrams.
            fail(h, "SPI_COLLISION", "IKE SPI " + Long.toHexString(spi) + " is in use by another handshake");
            return;
        }
        connecting++;
        active.add(h);
        perform(h, actions);
    }

    /** Waits up to {@code nanos} for datagrams and hands each to its handshake's engine. */
    private void poll(long nanos) throws IOException {
        selector.select(Math.max(1, nanos / 1_000_000));
        for (SelectionKey key : selector.selectedKeys()) {
            Socket socket = (Socket) key.attachment();
            for (int i = 0; i < BURST; i++) {
                receive.clear();
                InetSocketAddress from = (InetSocketAddress) socket.channel().receive(receive);
                if (from == null) {
                    break;
                }
                receive.flip();
                deliver(Endpoint.of(from), receive);
            }
        }
        selector.selectedKeys().clear();
    }

    private void deliver(Endpoint from, ByteBuffer datagram) {
        if (from.port() == plan.natTraversalPort()) {
            // RFC 3948 §2.2: IKE on the NAT-T port follows four zero octets; anything else is ESP or a keepalive
            byte[] head = new byte[Math.min(datagram.remaining(), NonEspMarker.LENGTH + 1)];
            datagram.get(datagram.position(), head);
            if (NonEspMarker.classify(head, 0, head.length) != NonEspMarker.Kind.IKE) {
                return;
            }
            datagram.position(datagram.position() + NonEspMarker.LENGTH);
        }
        if (datagram.remaining() < IKE_HEADER) {
            return;
        }
        Handshake h = bySpi.get(datagram.getLong(datagram.position()));
        if (h == null) {
            return; // late answers to forgotten handshakes, or not ours
        }
        byte[] message = new byte[datagram.remaining()];
        datagram.get(message);
        perform(h, h.engine.onDatagram(h.local, from, message, Instant.now()));
    }

    /** Retransmissions and the handshakes' own deadlines. */
    private void tick(long now) {
        Instant instant = Instant.now();
        for (Handshake h : List.copyOf(active)) {
            if (now - h.deadline >= 0) {
                if (h.phase == Phase.CONNECTING) {
                    fail(h, "TIMEOUT", "no IKE SA within " + plan.timeout().toMillis() + " ms");
                } else {
                    deleted(h, false);
                }
            } else if (h.engine.nextTimer().filter(t -> !t.isAfter(instant)).isPresent()) {
                perform(h, h.engine.onTimer(instant));
            }
        }
    }

    /** Performs one batch of the engine's actions, then judges where the handshake stands. */
    private void perform(Handshake h, List<Action> actions) {
        for (Action a : actions) {
            switch (a) {
                case SendDatagram d -> send(h, d);
                case InstallChildSa install -> {
                    install.destroy();
                    h.childUp = true;
                }
                case Event(IkeSaEstablished e) -> {
                    h.ikeUp = true;
                    h.ikeSaId = e.ikeSaId();
                }
                case Event(NegotiationFailed f) when h.failure == null -> h.failure = f;
                case Event(IkeSaDeleted _) -> h.destroyed = true;
                default -> { }
            }
        }
        settle(h);
    }

    private void settle(Handshake h) {
        long now = System.nanoTime();
        switch (h.phase) {
            case CONNECTING -> {
                if (h.ikeUp) {
                    connecting--;
                    lastEnd = now;
                    if (initiators.child() != null && !h.childUp) {
                        failed++;
                        tally("CHILD_SA", h.failure != null ? h.failure.failure() + ": " + h.failure.explanation()
                                : "the IKE SA came up without its CHILD_SA");
                    } else {
                        succeeded++;
                        latencies.add(now - h.started);
                    }
                    if (plan.keep()) {
                        active.remove(h);
                        h.enter(Phase.KEPT, Long.MAX_VALUE);
                        kept.add(h);
                    } else {
                        delete(h, now);
                    }
                } else if (h.destroyed) {
                    fail(h, h.failure != null ? h.failure.failure().name() : "DELETED",
                            h.failure != null ? h.failure.explanation() : "the IKE SA was deleted before it was up");
                }
            }
            case DELETING -> {
                if (h.destroyed) {
                    deleted(h, h.failure == null);
                }
            }
            case KEPT -> {
                if (h.destroyed) {
                    deletedByResponder++;
                    kept.remove(h);
                    bySpi.remove(h.spi);
                }
            }
        }
    }

    private void delete(Handshake h, long now) {
        h.enter(Phase.DELETING, now + plan.timeout().toNanos());
        active.add(h);
        deletesRequested++;
        perform(h, h.engine.deleteIkeSa(h.ikeSaId, Instant.now()));
    }

    private void deleted(Handshake h, boolean answered) {
        if (answered) {
            deletesAnswered++;
        }
        forget(h);
    }

    private void fail(Handshake h, String reason, String explanation) {
        if (h.phase == Phase.CONNECTING && active.contains(h)) {
            connecting--;
        }
        failed++;
        lastEnd = System.nanoTime();
        tally(reason, explanation);
        forget(h);
    }

    private void tally(String reason, String explanation) {
        failureCounts.merge(reason, 1L, Long::sum);
        failureExamples.putIfAbsent(reason, explanation);
    }

    /** Drops the handshake and its engine; the responder is not told. */
    private void forget(Handshake h) {
        active.remove(h);
        bySpi.remove(h.spi, h);
    }

    /** After the last handshake: lets the DELETE exchanges under way finish, each within its timeout. */
    private void drain() throws IOException {
        while (!active.isEmpty()) {
            poll(TICK.toNanos());
            tick(System.nanoTime());
        }
    }

    /** With keep: answers the responder for the hold time, so that it can be looked at with every IKE SA up. */
    private void hold() throws IOException {
        long end = System.nanoTime() + plan.hold().toNanos();
        for (long now = System.nanoTime(); now - end < 0; now = System.nanoTime()) {
            poll(Math.min(TICK.toNanos(), end - now));
            tick(now);
        }
    }

    /** With keep, at the end: deletes the kept IKE SAs, {@code concurrency} at a time, each within its timeout. */
    private void deleteKept() throws IOException {
        while (!kept.isEmpty() || !active.isEmpty()) {
            while (active.size() < plan.concurrency() && !kept.isEmpty()) {
                delete(kept.removeFirst(), System.nanoTime());
            }
            poll(TICK.toNanos());
            tick(System.nanoTime());
        }
    }

    private void send(Handshake h, SendDatagram d) {
        boolean marker = d.remote().port() == plan.natTraversalPort();
        byte[] m = d.message();
        ByteBuffer datagram = ByteBuffer.allocate(m.length + (marker ? NonEspMarker.LENGTH : 0));
        if (marker) {
            datagram.put(new byte[NonEspMarker.LENGTH]);
        }
        datagram.put(m).flip();
        try {
            h.channel.send(datagram, d.remote().socketAddress()); // a full buffer drops it: the engine retransmits
        } catch (IOException e) {
            tally("SEND", "sending to " + d.remote() + " failed: " + e.getMessage());
        }
    }

    private List<LoadReport.FailureCount> failures() {
        return failureCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new LoadReport.FailureCount(e.getKey(), e.getValue(), failureExamples.get(e.getKey())))
                .toList();
    }

    private Socket open(InetSocketAddress bind) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER);
            channel.bind(bind);
            channel.configureBlocking(false);
            Socket socket = new Socket(channel, Endpoint.of((InetSocketAddress) channel.getLocalAddress()));
            channel.register(selector, SelectionKey.OP_READ, socket);
            return socket;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind UDP " + new Endpoint(bind.getAddress(), bind.getPort()) + ": " + e.getMessage(), e);
        }
    }

    /** The source address the kernel routes to {@code target} from (a connected UDP socket sends nothing). */
    private static InetAddress routeSource(Endpoint target) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(target.socketAddress());
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        for (Socket s : sockets) {
            s.channel().close();
        }
    }
}
