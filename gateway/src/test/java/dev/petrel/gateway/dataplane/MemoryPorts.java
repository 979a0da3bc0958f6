package dev.petrel.gateway.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Two data planes' outer ports wired to each other in memory, and inner ports that tests write to and read from. */
final class MemoryPorts {
    /** A datagram in flight: what was sent, from which side's address. */
    record Wire(byte[] data, Arrival.Kind kind, InetSocketAddress from) {}

    /** One side's outer port: what it queues lands in the other side's receive queue at flush. */
    static final class Outer implements OuterPort {
        final BlockingQueue<Wire> in = new LinkedBlockingQueue<>();
        final BlockingQueue<Wire> pending = new LinkedBlockingQueue<>();
        final InetSocketAddress self;
        Outer peer;

        Outer(InetSocketAddress self) {
            this.self = self;
        }

        @Override
        public boolean receive(byte[] buf, int off, int max, int timeoutMillis, Arrival out) throws IOException {
            try {
                Wire w = in.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (w == null) {
                    return false;
                }
                System.arraycopy(w.data(), 0, buf, off, w.data().length);
                byte[] a = w.from().getAddress().getAddress();
                out.set(w.data().length, w.kind(), 50, a, 0, a.length, w.from().getPort(), self);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void sendIke(InetSocketAddress from, InetSocketAddress to, byte[] buf, int off, int len) {
            peer.in.add(new Wire(Arrays.copyOfRange(buf, off, off + len), Arrival.Kind.NAT_T_UDP, self));
        }

        @Override
        public void queueUdp(InetAddress from, InetSocketAddress to, byte[] buf, int off, int len) {
            pending.add(new Wire(Arrays.copyOfRange(buf, off, off + len), Arrival.Kind.NAT_T_UDP, self));
        }

        @Override
        public void queueRaw(InetAddress from, InetAddress to, int protocol, byte[] buf, int off, int len) {
            pending.add(new Wire(Arrays.copyOfRange(buf, off, off + len), Arrival.Kind.RAW, self));
        }

        @Override
        public void flush() {
            pending.drainTo(peer.in);
        }
    }

    /** An inner port: tests offer packets to send and take the ones delivered. */
    static final class Inner implements InnerPort {
        final PacketQueue toSend = new PacketQueue(1024);
        final PacketQueue delivered = new PacketQueue(1024);

        @Override
        public int read(byte[] buf, int off, int max, int timeoutMillis) {
            return toSend.read(buf, off, max, timeoutMillis);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            delivered.offer(Arrays.copyOfRange(buf, off, off + len));
        }

        byte[] take() throws InterruptedException {
            return delivered.poll(5_000);
        }
    }

    private MemoryPorts() {}
}
