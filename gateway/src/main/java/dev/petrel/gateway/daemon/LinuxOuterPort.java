package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.Arrival;
import dev.petrel.gateway.dataplane.DataPlane;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.gateway.os.linux.SockAddr;
import dev.petrel.gateway.os.socket.BatchSocket;
import dev.petrel.gateway.os.socket.DatagramBatch;
import dev.petrel.gateway.os.socket.RawIpSocket;
import dev.petrel.gateway.os.socket.UdpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's outer side on one local address: the IKE port's UDP socket, the NAT-T port's (ESP in UDP, RFC 3948,
 * and IKE after the float), and raw ESP and AH sockets (IP protocols 50 and 51). The inbound worker receives from
 * all four in batches (recvmmsg), waiting on them at once; the outbound worker sends its bursts with sendmmsg. All are
 * bound to the device that holds the local address, so the tunnels' routes never capture the gateway's own packets.
 */
final class LinuxOuterPort implements OuterPort, AutoCloseable {
    private static final int BATCH = 32;
    private static final int MAX_DATAGRAM = 65_535;

    private final UdpSocket ike;
    private final UdpSocket natT;
    private final RawIpSocket esp;
    private final RawIpSocket ah;
    private final BatchSocket[] sockets;
    private final Arrival.Kind[] kinds;
    private final int[] protocols = {0, RawIpSocket.IPPROTO_ESP, RawIpSocket.IPPROTO_ESP, RawIpSocket.IPPROTO_AH};
    private final InetSocketAddress[] locals;
    private final DatagramBatch[] batches = new DatagramBatch[4];
    private final int[] next = new int[4];
    private final int[] count = new int[4];
    private final Map<InetSocketAddress, SockAddr> udpPeers = new ConcurrentHashMap<>();
    private final Map<InetAddress, SockAddr> rawPeers = new ConcurrentHashMap<>();
    private final DatagramBatch udpOut = new DatagramBatch(DataPlane.BURST, MAX_DATAGRAM);
    private final DatagramBatch espOut = new DatagramBatch(DataPlane.BURST, MAX_DATAGRAM);
    private final DatagramBatch ahOut = new DatagramBatch(DataPlane.BURST, MAX_DATAGRAM);
    private final byte[] address = new byte[16];
    private final Duration poll;
    private int turn;

    LinuxOuterPort(UdpSocket ike, UdpSocket natT, RawIpSocket esp, RawIpSocket ah, Duration poll) {
        this.ike = ike;
        this.natT = natT;
        this.esp = esp;
        this.ah = ah;
        this.sockets = new BatchSocket[] {ike, natT, esp, ah};
        this.kinds = new Arrival.Kind[] {Arrival.Kind.IKE_UDP, Arrival.Kind.NAT_T_UDP, Arrival.Kind.RAW,
            ah.includesHeader() ? Arrival.Kind.RAW_IPV4 : Arrival.Kind.RAW};
        this.locals = new InetSocketAddress[sockets.length];
        for (int i = 0; i < sockets.length; i++) {
            locals[i] = sockets[i].localAddress().toInetSocketAddress();
        }
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new DatagramBatch(BATCH, MAX_DATAGRAM);
        }
        this.poll = poll;
    }

    @Override
    public boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException {
        for (int round = 0; round < 2; round++) {
            // take turns, so that a busy socket cannot starve the others
            for (int k = 0; k < sockets.length; k++) {
                int s = turn;
                turn = (turn + 1) % sockets.length;
                if (next[s] == count[s]) {
                    batches[s].clear();
                    count[s] = sockets[s].receive(batches[s], Duration.ZERO);
                    next[s] = 0;
                }
                if (next[s] < count[s]) {
                    int i = next[s]++;
                    DatagramBatch batch = batches[s];
                    int len = Math.min(batch.copy(i, buf, off), max);
                    int addressLength = batch.peerAddress(i, address);
                    out.set(len, kinds[s], protocols[s], address, 0, addressLength, batch.peerPort(i), locals[s]);
                    return true;
                }
            }
            if (round == 0 && !BatchSocket.awaitReadable(sockets, poll)) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void sendIke(int localPort, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        UdpSocket socket = localPort == locals[0].getPort() ? ike : localPort == locals[1].getPort() ? natT : null;
        if (socket == null) {
            throw new IOException("no IKE socket on port " + localPort);
        }
        socket.send(buf, off, len, udpPeers.computeIfAbsent(peer, SockAddr::of));
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
        DatagramBatch batch = switch (protocol) {
            case RawIpSocket.IPPROTO_ESP -> espOut;
            case RawIpSocket.IPPROTO_AH -> ahOut;
            default -> throw new IOException("raw IP protocol " + protocol + " is not supported");
        };
        if (batch.count() == batch.capacity()) {
            flush();
        }
        batch.add(buf, off, len, rawPeers.computeIfAbsent(peer, RawIpSocket::peer));
    }

    /** sendmmsg(2) of each queued burst; datagrams the kernel refused (no route, too long) are reported once. */
    @Override
    public void flush() throws IOException {
        int refused = send(natT, udpOut) + send(esp, espOut) + send(ah, ahOut);
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
        for (BatchSocket socket : sockets) {
            socket.close();
        }
    }
}
