package dev.petrel.gateway.udp;

import dev.petrel.gateway.dataplane.Arrival;
import dev.petrel.gateway.dataplane.OuterPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * An {@link OuterPort} on one JDK datagram channel bound to the NAT-T port: ESP in UDP only, no raw sockets, so it
 * needs no privileges (the demo runs on it). One datagram per system call; the daemon uses the batched Linux port.
 */
public final class ChannelOuterPort implements OuterPort, AutoCloseable {
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Selector selector;
    private final ByteBuffer receive = ByteBuffer.allocateDirect(65_535);

    public ChannelOuterPort(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException {
        receive.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(receive);
        if (from == null) {
            if (timeoutMillis == 0) {
                return false; // select(0) would wait for ever
            }
            selector.select(timeoutMillis);
            selector.selectedKeys().clear();
            from = (InetSocketAddress) channel.receive(receive);
            if (from == null) {
                return false;
            }
        }
        receive.flip();
        int len = Math.min(receive.remaining(), max);
        receive.get(buf, off, len);
        byte[] address = from.getAddress().getAddress();
        out.set(len, Arrival.Kind.NAT_T_UDP, 0, address, 0, address.length, from.getPort(), local);
        return true;
    }

    @Override
    public void sendIke(InetSocketAddress from, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        if (!from.equals(local)) {
            throw new IOException("this port sends from " + local + " only, not " + from);
        }
        channel.send(ByteBuffer.wrap(buf, off, len), peer);
    }

    /** Sends at once: a channel has no batches. */
    @Override
    public void queueUdp(InetAddress from, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        channel.send(ByteBuffer.wrap(buf, off, len), peer);
    }

    @Override
    public void queueRaw(InetAddress from, InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException {
        throw new IOException("raw IP protocol " + protocol + " needs a raw socket; this port carries ESP in UDP only");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
