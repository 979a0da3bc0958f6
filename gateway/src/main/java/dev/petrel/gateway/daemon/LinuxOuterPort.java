package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.Arrival;
import dev.petrel.gateway.dataplane.DataPlane;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.gateway.os.linux.SockAddr;
import dev.petrel.gateway.os.socket.BatchSocket;
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
 * The daemon's outer side on one local address: the NAT-T UDP socket (ESP in UDP, RFC 3948, and IKE after the
 * float) and a raw ESP socket (IP protocol 50), both received in batches (recvmmsg) by the inbound worker, which
 * waits on the two at once.
 */
final class LinuxOuterPort implements OuterPort, AutoCloseable {
    private static final int BATCH = 32;

    private final UdpSocket udp;
    private final RawEspSocket raw;
    private final BatchSocket[] sockets;
    private final InetSocketAddress udpLocal;
    private final InetSocketAddress rawLocal;
    private final Map<InetSocketAddress, SockAddr> udpPeers = new ConcurrentHashMap<>();
    private final Map<InetAddress, SockAddr> rawPeers = new ConcurrentHashMap<>();
    private final DatagramBatch[] batches = {new DatagramBatch(BATCH, 65_535), new DatagramBatch(BATCH, 65_535)};
    private final int[] next = new int[2];
    private final int[] count = new int[2];
    private final DatagramBatch udpOut = new DatagramBatch(DataPlane.BURST, 65_535);
    private final DatagramBatch rawOut = new DatagramBatch(DataPlane.BURST, 65_535);
    private final Duration poll;
    private int turn;

    LinuxOuterPort(UdpSocket udp, RawEspSocket raw, Duration poll) {
        this.udp = udp;
        this.raw = raw;
        this.sockets = new BatchSocket[] {udp, raw};
        this.udpLocal = udp.localAddress().toInetSocketAddress();
        this.rawLocal = raw.localAddress().toInetSocketAddress();
        this.poll = poll;
    }

    @Override
    public boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException {
        for (int round = 0; round < 2; round++) {
            // take turns, so that a busy socket cannot starve the other
            for (int k = 0; k < sockets.length; k++) {
                int s = turn;
                turn = (turn + 1) % sockets.length;
                if (next[s] == count[s]) {
                    batches[s].clear();
                    count[s] = sockets[s].receive(batches[s], Duration.ZERO);
                    next[s] = 0;
                }
                if (next[s] < count[s]) {
                    deliver(s, next[s]++, buf, off, max, out);
                    return true;
                }
            }
            if (round == 0 && !BatchSocket.awaitReadable(sockets, poll)) {
                return false;
            }
        }
        return false;
    }

    private void deliver(int s, int i, byte[] buf, int off, int max, Arrival out) {
        DatagramBatch batch = batches[s];
        int len = Math.min(batch.copy(i, buf, off), max);
        SockAddr peer = batch.peer(i);
        byte[] a = peer.address().getAddress();
        if (sockets[s] == udp) {
            out.set(len, Arrival.Kind.NAT_T_UDP, 0, a, 0, a.length, peer.port(), udpLocal);
        } else {
            out.set(len, Arrival.Kind.RAW, RawEspSocket.IPPROTO_ESP, a, 0, a.length, 0, rawLocal);
        }
    }

    @Override
    public void sendUdp(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        udp.send(buf, off, len, udpPeers.computeIfAbsent(peer, SockAddr::of));
    }

    @Override
    public void sendRaw(InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException {
        if (protocol != RawEspSocket.IPPROTO_ESP) {
            throw new IOException("raw IP protocol " + protocol + " is not supported");
        }
        raw.send(buf, off, len, rawPeers.computeIfAbsent(peer, RawEspSocket::peer));
    }

    @Override
    public void queueUdp(InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        if (udpOut.count() == udpOut.capacity()) {
            flush();
        }
        udpOut.add(buf, off, len, udpPeers.computeIfAbsent(peer, SockAddr::of));
    }

    @Override
    public void queueRaw(InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException {
        if (protocol != RawEspSocket.IPPROTO_ESP) {
            throw new IOException("raw IP protocol " + protocol + " is not supported");
        }
        if (rawOut.count() == rawOut.capacity()) {
            flush();
        }
        rawOut.add(buf, off, len, rawPeers.computeIfAbsent(peer, RawEspSocket::peer));
    }

    /** sendmmsg(2) of each queued burst; datagrams the kernel refused (no route, too long) are reported once. */
    @Override
    public void flush() throws IOException {
        int refused = send(udp, udpOut) + send(raw, rawOut);
        if (refused > 0) {
            throw new IOException(refused + " protected packets refused by the kernel");
        }
    }

    private static int send(BatchSocket socket, DatagramBatch batch) throws IOException {
        if (batch.count() == 0) {
            return 0;
        }
        int refused = batch.count() - socket.send(batch);
        batch.clear();
        return refused;
    }

    @Override
    public void close() throws IOException {
        udp.close();
        raw.close();
    }
}
