package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.Arrival;
import dev.petrel.gateway.dataplane.OuterPort;
import dev.petrel.gateway.os.linux.SockAddr;
import dev.petrel.gateway.os.socket.BatchSocket;
import dev.petrel.gateway.os.socket.DatagramBatch;
import dev.petrel.gateway.os.socket.RawIpSocket;
import dev.petrel.gateway.os.socket.SocketSet;
import dev.petrel.gateway.os.socket.UdpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's outer side: the {@link LocalSockets} of each local address. The inbound worker receives from all of
 * them in batches (recvmmsg), waiting on them at once and taking turns; the outbound worker queues bursts per socket
 * and sends each with one sendmmsg.
 */
final class LinuxOuterPort implements OuterPort, AutoCloseable {
    private static final int BATCH = 32;
    private static final int MAX_DATAGRAM = 65_535;
    private static final int MAX_CACHED_PEERS = 4096;

    private final List<LocalSockets> locals;
    private final Map<InetAddress, LocalSockets> byAddress = new ConcurrentHashMap<>();
    private final SocketSet sockets;
    /** Which sockets the last poll found readable and have not been drained since. */
    private final boolean[] ready;
    private final Arrival.Kind[] kinds;
    private final int[] protocols;
    private final InetSocketAddress[] addresses;
    private final DatagramBatch[] batches;
    private final int[] next;
    private final int[] count;
    private final Map<InetSocketAddress, SockAddr> udpPeers = new ConcurrentHashMap<>();
    private final Map<InetAddress, SockAddr> rawPeers = new ConcurrentHashMap<>();
    private final byte[] address = new byte[16];
    private final Duration poll;
    private int turn;

    LinuxOuterPort(List<LocalSockets> locals, Duration poll) {
        this.locals = List.copyOf(locals);
        this.poll = poll;
        List<BatchSocket> all = new ArrayList<>();
        List<Arrival.Kind> k = new ArrayList<>();
        List<Integer> p = new ArrayList<>();
        for (LocalSockets l : this.locals) {
            byAddress.put(l.address, l);
            all.addAll(l.all());
            k.addAll(List.of(Arrival.Kind.IKE_UDP, Arrival.Kind.NAT_T_UDP, Arrival.Kind.RAW,
                    l.ah.includesHeader() ? Arrival.Kind.RAW_IPV4 : Arrival.Kind.RAW));
            p.addAll(List.of(0, RawIpSocket.IPPROTO_ESP, RawIpSocket.IPPROTO_ESP, RawIpSocket.IPPROTO_AH));
        }
        this.sockets = new SocketSet(all);
        this.ready = new boolean[all.size()];
        java.util.Arrays.fill(ready, true);
        this.kinds = k.toArray(Arrival.Kind[]::new);
        this.protocols = p.stream().mapToInt(Integer::intValue).toArray();
        this.addresses = new InetSocketAddress[all.size()];
        this.batches = new DatagramBatch[all.size()];
        for (int i = 0; i < all.size(); i++) {
            addresses[i] = all.get(i).localAddress().toInetSocketAddress();
            batches[i] = new DatagramBatch(BATCH, MAX_DATAGRAM);
        }
        this.next = new int[all.size()];
        this.count = new int[all.size()];
    }

    @Override
    public boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException {
        int n = sockets.size();
        for (int round = 0; round < 2; round++) {
            // take turns, so that a busy socket cannot starve the others; receive only from those poll found readable
            for (int k = 0; k < n; k++) {
                int s = turn;
                turn = (turn + 1) % n;
                if (next[s] == count[s] && ready[s]) {
                    batches[s].clear();
                    count[s] = sockets.get(s).receive(batches[s], Duration.ZERO);
                    next[s] = 0;
                    ready[s] = count[s] == BATCH; // a full batch may have left more behind
                }
                if (next[s] < count[s]) {
                    int i = next[s]++;
                    DatagramBatch batch = batches[s];
                    int len = Math.min(batch.copy(i, buf, off), max);
                    int addressLength = batch.peerAddress(i, address);
                    out.set(len, kinds[s], protocols[s], address, 0, addressLength, batch.peerPort(i), addresses[s]);
                    return true;
                }
            }
            if (round == 0 && sockets.poll(timeoutMillis == 0 ? 0 : (int) poll.toMillis(), ready) == 0) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void sendIke(InetSocketAddress local, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        LocalSockets l = sockets(local.getAddress());
        UdpSocket socket = local.getPort() == l.ike.localAddress().port() ? l.ike
                : local.getPort() == l.natT.localAddress().port() ? l.natT : null;
        if (socket == null) {
            throw new IOException("no IKE socket on " + local);
        }
        socket.send(buf, off, len, SockAddr.of(peer)); // not cached: anyone may send us IKE_SA_INIT
    }

    @Override
    public void queueUdp(InetAddress local, InetSocketAddress peer, byte[] buf, int off, int len) throws IOException {
        queue(sockets(local).udpOut, buf, off, len, cached(udpPeers, peer, SockAddr::of));
    }

    @Override
    public void queueRaw(InetAddress local, InetAddress peer, int protocol, byte[] buf, int off, int len) throws IOException {
        LocalSockets l = sockets(local);
        DatagramBatch batch = switch (protocol) {
            case RawIpSocket.IPPROTO_ESP -> l.espOut;
            case RawIpSocket.IPPROTO_AH -> l.ahOut;
            default -> throw new IOException("raw IP protocol " + protocol + " is not supported");
        };
        queue(batch, buf, off, len, cached(rawPeers, peer, RawIpSocket::peer));
    }

    /**
     * The encoded address of an SA's peer, made once: peers come from installed SAs only, and the cache starts over
     * beyond {@value #MAX_CACHED_PEERS} (peers of SAs long gone), so it cannot grow without bound.
     */
    private static <K> SockAddr cached(Map<K, SockAddr> cache, K peer, java.util.function.Function<K, SockAddr> encode) {
        SockAddr known = cache.get(peer);
        if (known != null) {
            return known;
        }
        if (cache.size() >= MAX_CACHED_PEERS) {
            cache.clear();
        }
        return cache.computeIfAbsent(peer, encode);
    }

    private void queue(DatagramBatch batch, byte[] buf, int off, int len, SockAddr to) throws IOException {
        if (batch.count() == batch.capacity()) {
            flush();
        }
        batch.add(buf, off, len, to);
    }

    private LocalSockets sockets(InetAddress local) throws IOException {
        LocalSockets l = byAddress.get(local);
        if (l == null) {
            throw new IOException("no sockets on " + local.getHostAddress());
        }
        return l;
    }

    /** sendmmsg(2) of each queued burst; datagrams the kernel refused (no route, too long) are reported once. */
    @Override
    public void flush() throws IOException {
        int refused = 0;
        for (LocalSockets l : locals) {
            refused += l.flush();
        }
        if (refused > 0) {
            throw new IOException(refused + " protected packets refused by the kernel");
        }
    }

    @Override
    public void close() throws IOException {
        for (LocalSockets l : locals) {
            l.close();
        }
    }
}
