package dev.petrel.testkit.relay;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One port of a relay, as a NAT with a fixed port would do it: one socket bound to the listen address at the port,
 * which sends what a client sends to the target at the same port, and what the target sends back to the client the
 * port heard from last. A datagram from the target's address and port goes back; any other comes from a client.
 */
final class PortRelay implements AutoCloseable {
    /** The largest UDP payload the socket reads whole; a larger one cannot be sent over IPv4 or IPv6 without jumbograms. */
    static final int MAX_DATAGRAM = 65_535;
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Link link;
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress target;
    private final Map<Direction, RandomGenerator> random;
    private final Thread thread;
    private volatile InetSocketAddress client;

    private PortRelay(Link link, DatagramChannel channel, InetSocketAddress local, InetSocketAddress target,
            Map<Direction, RandomGenerator> random) {
        this.link = link;
        this.channel = channel;
        this.local = local;
        this.target = target;
        this.random = random;
        this.thread = Thread.ofPlatform().name("relay-port-" + local.getPort()).daemon().unstarted(this::run);
    }

    /**
     * Binds {@code local} and starts receiving; {@code random} gives each direction its own generator, used only by
     * this port's thread. Fails naming the address when it cannot be bound.
     */
    static PortRelay open(Link link, InetSocketAddress local, InetSocketAddress target, Map<Direction, RandomGenerator> random)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                local.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(local);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind " + local + ": " + e.getMessage(), e);
        }
        PortRelay port = new PortRelay(link, channel, local, target, new EnumMap<>(random));
        port.thread.start();
        return port;
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (true) {
                buffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
                byte[] payload = Arrays.copyOf(buffer.array(), buffer.position());
                if (from.equals(target)) {
                    InetSocketAddress to = client;
                    if (to == null) {
                        link.unrouted();
                    } else {
                        link.pass(Direction.BACKWARD, channel, to, payload, random.get(Direction.BACKWARD));
                    }
                } else {
                    client = from;
                    link.pass(Direction.FORWARD, channel, target, payload, random.get(Direction.FORWARD));
                }
            }
        } catch (ClosedChannelException e) {
            // closed by close()
        } catch (IOException e) {
            System.err.println("FaultRelay: receiving on " + local + " failed, the port stops relaying: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
