package dev.petrel.gateway.interop;

import dev.petrel.gateway.udp.UdpIkeEndpoint;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.Event;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import dev.petrel.ike.engine.SendDatagram;
import dev.petrel.ike.event.IkeEvent;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.ike.ExchangeType;
import dev.petrel.wire.ike.IkeDecodeException;
import dev.petrel.wire.ike.IkeMessage;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Petrel on the left of a {@link TestNetwork}: an {@link IkeEngine} with one {@link Connection}, behind UDP 500 and
 * 4500 sockets opened inside the left namespace. Every action the engine takes is recorded; the CHILD_SA keys are
 * copied before the endpoint wipes them.
 */
final class PetrelPeer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Connection connection;
    private final UdpIkeEndpoint endpoint;
    private final List<Action> actions;

    private PetrelPeer(Connection connection, UdpIkeEndpoint endpoint, List<Action> actions) {
        this.connection = connection;
        this.endpoint = endpoint;
        this.actions = actions;
    }

    static PetrelPeer start(TestNetwork net, Connection connection, EngineSettings settings) throws Exception {
        IkeEngine engine = new IkeEngine(settings, List.of(connection.petrel()), new SecureRandom());
        var channels = Netns.call(net.left(), () -> UdpIkeEndpoint.bind(List.of(connection.left())));
        List<Action> actions = new CopyOnWriteArrayList<>();
        UdpIkeEndpoint endpoint = new UdpIkeEndpoint(engine, channels,
                a -> actions.add(a instanceof InstallChildSa i ? copy(i) : a));
        return new PetrelPeer(connection, endpoint, actions);
    }

    /** Starts the IKE SA with CHILD_SA "net" inside IKE_AUTH, from UDP 500 to the peer's UDP 500. */
    void initiate() throws Exception {
        act(e -> e.initiate(Connection.NAME, "net", new Endpoint(connection.left(), Endpoint.IKE_PORT),
                new Endpoint(connection.right(), Endpoint.IKE_PORT), Instant.now()));
    }

    /** Waits for the only IKE SA to be established with {@code children} CHILD_SAs. */
    IkeSaView awaitEstablished(int children) throws Exception {
        return await(sas -> sas.size() == 1 && sas.getFirst().state() == IkeSaState.ESTABLISHED
                && sas.getFirst().children().size() == children, "one established IKE SA with " + children + " CHILD_SAs")
                .getFirst();
    }

    /** Waits until the engine holds no IKE SA. */
    void awaitNoSas() throws Exception {
        await(List::isEmpty, "no IKE SA");
    }

    /** Runs {@code call} on the engine's loop thread and waits for it. */
    void act(Function<IkeEngine, List<Action>> call) throws Exception {
        endpoint.act(call).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The IKE SAs now. */
    List<IkeSaView> sas() throws Exception {
        return endpoint.query(IkeEngine::sas).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The CHILD_SA installed last under our inbound SPI {@code spi}, keys included. */
    InstallChildSa installed(int inboundSpi) {
        return of(InstallChildSa.class).stream().filter(i -> i.inboundSpi() == inboundSpi).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no CHILD_SA installed with inbound SPI " + inboundSpi + ": " + actions));
    }

    /** Actions of one type (events are unwrapped), in order. */
    <T> List<T> of(Class<T> type) {
        return actions.stream().map(a -> a instanceof Event(IkeEvent e) ? e : a).filter(type::isInstance).map(type::cast).toList();
    }

    /** The requests or responses Petrel sent that are not protected (IKE_SA_INIT), decoded. */
    List<IkeMessage> sentInClear() throws IkeDecodeException {
        List<IkeMessage> out = new ArrayList<>();
        for (SendDatagram d : of(SendDatagram.class)) {
            IkeMessage m = IkeMessage.decode(d.message(), 0, d.message().length);
            if (m.header().exchangeType() == ExchangeType.IKE_SA_INIT.value()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The data plane removals asked for, in order. */
    List<RemoveChildSa> removed() {
        return of(RemoveChildSa.class);
    }

    private List<IkeSaView> await(Predicate<List<IkeSaView>> done, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<IkeSaView> sas = sas();
        while (!done.test(sas)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Petrel: not " + what + " within " + WAIT + "; SAs " + sas + "; actions " + actions);
            }
            Thread.sleep(POLL);
            sas = sas();
        }
        return sas;
    }

    private static InstallChildSa copy(InstallChildSa i) {
        return new InstallChildSa(i.ikeSaId(), i.connection(), i.child(), i.protocol(), i.mode(), i.inboundSpi(),
                i.outboundSpi(), i.encryption(), i.keyBits(), i.integrity(), i.extendedSequenceNumbers(),
                i.inboundEncryptionKey().clone(), i.inboundIntegrityKey().clone(), i.outboundEncryptionKey().clone(),
                i.outboundIntegrityKey().clone(), i.localTs(), i.remoteTs(), i.local(), i.remote(), i.udpEncapsulation(),
                i.replayWindow(), i.limits(), i.replaces(), i.outboundActive());
    }

    @Override
    public void close() throws Exception {
        endpoint.close();
    }
}
