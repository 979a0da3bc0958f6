package dev.petrel.testkit.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A test's UDP socket on one side of a relay: sends numbered datagrams and receives with bounded waits. */
final class Peer implements AutoCloseable {
    private static final int BUFFER = 4 << 20;

    private final DatagramChannel channel;

    private Peer(DatagramChannel channel) {
        this.channel = channel;
    }

    /** A socket bound to {@code address} (port 0: one the system picks). */
    static Peer bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER);
            channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new Peer(channel);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    int port() throws IOException {
        return address().getPort();
    }

    /** Sends a datagram that holds {@code number}. */
    void send(InetSocketAddress to, int number) throws IOException {
        send(to, ByteBuffer.allocate(Integer.BYTES).putInt(0, number).array());
    }

    void send(InetSocketAddress to, byte[] payload) throws IOException {
        channel.send(ByteBuffer.wrap(payload), to);
    }

    /** The next datagram, or empty when none comes within {@code wait}. */
    Optional<Received> receive(Duration wait) throws IOException {
        channel.socket().setSoTimeout(Math.toIntExact(Math.max(1, wait.toMillis())));
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        try {
            channel.socket().receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(new Received((InetSocketAddress) packet.getSocketAddress(),
                Arrays.copyOf(packet.getData(), packet.getLength())));
    }

    /** Datagrams until {@code count} have come or none comes for {@code quiet}. */
    List<Received> receive(int count, Duration quiet) throws IOException {
        List<Received> all = new ArrayList<>();
        while (all.size() < count) {
            Optional<Received> next = receive(quiet);
            if (next.isEmpty()) {
                break;
            }
            all.add(next.get());
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A datagram and where it came from. */
    record Received(InetSocketAddress from, byte[] payload) {
        /** The number a datagram from {@link #send(InetSocketAddress, int)} holds. */
        int number() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }
}
