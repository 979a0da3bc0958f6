package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.DataPlane;
import dev.petrel.gateway.os.socket.BatchSocket;
import dev.petrel.gateway.os.socket.DatagramBatch;
import dev.petrel.gateway.os.socket.RawIpSocket;
import dev.petrel.gateway.os.socket.UdpSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's four sockets on one local address: the IKE port, the NAT-T port (ESP in UDP, RFC 3948, and IKE after
 * the float), raw ESP and raw AH, all bound to the device that holds the address, so that the tunnels' routes never
 * capture the gateway's own packets; and the bursts the outbound worker queues for them.
 */
final class LocalSockets implements AutoCloseable {
    private static final int MAX_DATAGRAM = 65_535;

    final InetAddress address;
    final UdpSocket ike;
    final UdpSocket natT;
    final RawIpSocket esp;
    final RawIpSocket ah;
    final DatagramBatch udpOut = new DatagramBatch(DataPlane.BURST, MAX_DATAGRAM);
    final DatagramBatch espOut = new DatagramBatch(DataPlane.BURST, MAX_DATAGRAM);
    final DatagramBatch ahOut = new DatagramBatch(DataPlane.BURST, MAX_DATAGRAM);

    private LocalSockets(InetAddress address, UdpSocket ike, UdpSocket natT, RawIpSocket esp, RawIpSocket ah) {
        this.address = address;
        this.ike = ike;
        this.natT = natT;
        this.esp = esp;
        this.ah = ah;
    }

    /** Opens the four on {@code address}, bound to {@code device}, with socket buffers of {@code buffer} octets. */
    static LocalSockets open(InetAddress address, String device, int ikePort, int natTPort, int buffer) throws IOException {
        List<BatchSocket> opened = new ArrayList<>();
        try {
            UdpSocket ike = keep(opened, UdpSocket.bind(new InetSocketAddress(address, ikePort)));
            UdpSocket natT = keep(opened, UdpSocket.bind(new InetSocketAddress(address, natTPort)));
            RawIpSocket esp = keep(opened, RawIpSocket.esp(address));
            RawIpSocket ah = keep(opened, RawIpSocket.ah(address));
            for (BatchSocket s : opened) {
                s.bindToDevice(device);
                s.bufferSizes(buffer);
            }
            return new LocalSockets(address, ike, natT, esp, ah);
        } catch (IOException | RuntimeException e) {
            for (BatchSocket s : opened) {
                try {
                    s.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static <S extends BatchSocket> S keep(List<BatchSocket> opened, S socket) {
        opened.add(socket);
        return socket;
    }

    List<BatchSocket> all() {
        return List.of(ike, natT, esp, ah);
    }

    /** Sends each queued burst; returns how many datagrams the kernel refused. */
    int flush() throws IOException {
        return send(natT, udpOut) + send(esp, espOut) + send(ah, ahOut);
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
        for (BatchSocket s : all()) {
            s.close();
        }
    }
}
