package dev.petrel.gateway;

import dev.petrel.gateway.dataplane.ChildEvents;
import dev.petrel.gateway.dataplane.ChildOptions;
import dev.petrel.gateway.dataplane.DataPlane;
import dev.petrel.gateway.dataplane.IkeLink;
import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.gateway.udp.UdpIkeEndpoint;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.ActivateChildSa;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One IPsec gateway without its configuration and devices: the IKE engine on its UDP sockets, and the data plane
 * that the engine's CHILD_SAs are installed into, activated in and removed from as they are negotiated, rekeyed and
 * die. Every second the engine learns which CHILD_SAs reached a byte or packet lifetime and which received traffic
 * (so that no liveness check is due). Every action also goes to the observer (on the IKE loop thread, after the data
 * plane has it), e.g. for routes and logs; trap policies that fire go to the acquirer.
 */
public final class Gateway implements AutoCloseable {
    private final DataPlane dataPlane;
    private final UdpIkeEndpoint ike;

    /** Negotiates the CHILD_SA a trap policy held a packet for (RFC 4301 §5.1), on the IKE loop thread. */
    @FunctionalInterface
    public interface Acquirer {
        List<Action> acquire(IkeEngine engine, String connection, String child, Instant now);
    }

    /**
     * @param ikeChannels bound sockets for IKE ports the outer port does not serve (maybe none)
     * @param outer the data plane's network side, which also carries IKE on the ports it serves
     * @param options how the data plane treats each CHILD_SA
     */
    public Gateway(IkeEngine engine, List<DatagramChannel> ikeChannels, OuterPort outer, InnerPort inner,
                   Function<InstallChildSa, ChildOptions> options, Consumer<Action> observer, Acquirer acquirer)
            throws IOException {
        // the data plane's workers start last, once the endpoint they hand IKE messages to exists
        this.dataPlane = new DataPlane(inner, outer, new IkeLink() {
            @Override
            public void ikeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message) {
                ike.ikeDatagram(local, remote, message);
            }

            @Override
            public void unknownSpi(InetAddress source, int spi) {
                ike.unknownSpi(source, spi);
            }

            @Override
            public void acquire(String connection, String child) {
                ike.actBounded(e -> acquirer.acquire(e, connection, child, Instant.now()));
            }
        });
        this.ike = new UdpIkeEndpoint(engine, ikeChannels, outer, action -> {
            switch (action) {
                case InstallChildSa install -> dataPlane.install(install, options.apply(install));
                case ActivateChildSa activate -> dataPlane.activate(activate);
                case RemoveChildSa remove -> dataPlane.remove(remove);
                default -> { }
            }
            observer.accept(action);
        });
        ike.periodically(this::poll);
        dataPlane.start();
    }

    /** What the data plane counted since the last second, told to the engine. */
    private List<Action> poll(IkeEngine engine) {
        Instant now = Instant.now();
        List<Action> actions = new ArrayList<>();
        dataPlane.poll(new ChildEvents() {
            @Override
            public void lifetime(int inboundSpi, boolean hard) {
                actions.addAll(engine.onLifetime(inboundSpi, hard, now));
            }

            @Override
            public void inboundActivity(int inboundSpi) {
                engine.inboundActivity(inboundSpi, now);
            }
        });
        return actions;
    }

    public UdpIkeEndpoint ike() {
        return ike;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public void close() throws IOException {
        ike.close();
        dataPlane.close();
    }
}
