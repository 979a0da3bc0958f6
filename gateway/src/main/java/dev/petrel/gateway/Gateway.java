package dev.petrel.gateway;

import dev.petrel.gateway.dataplane.ChildOptions;
import dev.petrel.gateway.dataplane.DataPlane;
import dev.petrel.gateway.dataplane.IkeLink;
import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.gateway.udp.UdpIkeEndpoint;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One IPsec gateway without its configuration and devices: the IKE engine on its UDP sockets, and the data plane
 * that the engine's CHILD_SAs are installed into as they are negotiated and removed from as they die. Every action
 * also goes to the observer (on the IKE loop thread, after the data plane has it), e.g. for routes and logs.
 */
public final class Gateway implements AutoCloseable {
    private final DataPlane dataPlane;
    private final UdpIkeEndpoint ike;

    /**
     * @param ikeChannels bound sockets for IKE ports the outer port does not serve (maybe none)
     * @param outer the data plane's network side, which also carries IKE on the ports it serves
     * @param options how the data plane treats each CHILD_SA
     */
    public Gateway(IkeEngine engine, List<DatagramChannel> ikeChannels, OuterPort outer, InnerPort inner,
                   Function<InstallChildSa, ChildOptions> options, Consumer<Action> observer) throws IOException {
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
        });
        this.ike = new UdpIkeEndpoint(engine, ikeChannels, outer, action -> {
            switch (action) {
                case InstallChildSa install -> dataPlane.install(install, options.apply(install));
                case RemoveChildSa remove -> dataPlane.remove(remove);
                default -> { }
            }
            observer.accept(action);
        });
        dataPlane.start();
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
