package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.Arrival;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.gateway.os.linux.SockAddr;
import dev.petrel.gateway.os.socket.DatagramBatch;
import dev.petrel.gateway.os.socket.RawEspSocket;
import dev.petrel.gateway.os.socket.UdpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's outer side: the NAT-T UDP socket of one local address, received in batches (recvmmsg), and raw ESP
 * for sending. Receiving raw ESP needs a wait on two descriptors, which comes with the raw ESP path; until then
 * the daemon forces UDP encapsulation (see {@link Daemon}).
 */
final class LinuxOuterPort implements OuterPort, AutoCloseable {
    private static final int BATCH = 32;

    private final UdpSocket udp;
    private final InetSocketAddress local;
    private final Map<InetSocketAddress, SockAddr> peers = new ConcurrentHashMap<>();
    private final DatagramBatch batch = new DatagramBatch(BATCH, 65_535);
    private final Duration poll;
    private final byte[] address = new byte[16];
    private RawEspSocket raw;
    private int next;
    private int count;

    LinuxOuterPort(UdpSocket udp, Duration poll) {
        this.udp = udp;
        this.local = udp.localAddress().toInetSocketAddress();
        this.poll = poll;
    }

    @Override
    public boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException {
        if (next == count) {
            batch.clear();
            count = udp.receive(batch, poll);
            next = 0;
            if (count == 0) {
                return false;
            }
        }
        int i = next++;
        int len = Math.min(batch.copy(i, buf, off), max);
        SockAddr peer = batch.peer(i);
        byte[] a = peer.address().getAddress();
        System.arraycopy(a, 0, address, 0, a.length);
        out.set(len, Arrival.Kind.NAT_T_UDP, 0, address, 0, a.length, peer.port(), local);
        return true;
    }

    @Override
    public void sendUdp(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        udp.send(buf, off, len, peers.computeIfAbsent(peer, SockAddr::of));
    }

    @Override
    public synchronized void sendRaw(InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException {
        if (protocol != RawEspSocket.IPPROTO_ESP) {
            throw new IOException("raw IP protocol " + protocol + " is not supported");
        }
        if (raw == null) {
            raw = RawEspSocket.bind(local.getAddress());
        }
        raw.send(buf, off, len, RawEspSocket.peer(peer));
    }

    @Override
    public void close() throws IOException {
        udp.close();
        if (raw != null) {
            raw.close();
        }
    }
}
