package dev.petrel.cli.demo;

import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.dataplane.PacketQueue;
import dev.petrel.wire.ip.UdpDatagram;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The near host of the demo, as an inner port: it sends numbered UDP probes, each stamped with its send time, and
 * takes the echoes back, measuring their round trips.
 */
final class ProbePort implements InnerPort {
    private static final int SOURCE_PORT = 40_000;
    private static final int DESTINATION_PORT = 7; // echo

    private final PacketQueue outgoing = new PacketQueue(4096);
    private final ConcurrentHashMap<Long, Long> rttNanos = new ConcurrentHashMap<>();
    private final AtomicLong bytesBack = new AtomicLong();
    private final byte[] source;
    private final byte[] destination;
    private final int payload;
    private volatile CountDownLatch pending = new CountDownLatch(0);

    ProbePort(byte[] source, byte[] destination, int payload) {
        this.source = source;
        this.destination = destination;
        this.payload = Math.max(16, payload);
    }

    /** Sends {@code count} probes, at most {@code window} unanswered at a time; waits at most {@code timeoutMillis}. */
    void probe(int count, int window, long timeoutMillis) throws InterruptedException {
        pending = new CountDownLatch(count);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (long seq = 0; seq < count && System.nanoTime() < deadline; seq++) {
            while (seq - (count - pending.getCount()) >= window && System.nanoTime() < deadline) {
                Thread.sleep(0, 200_000);
            }
            byte[] data = new byte[payload];
            ByteBuffer.wrap(data).putLong(seq).putLong(System.nanoTime());
            byte[] packet = UdpDatagram.packet(source, SOURCE_PORT, destination, DESTINATION_PORT, data);
            while (!outgoing.offer(packet) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        pending.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public int read(byte[] buf, int off, int max, int timeoutMillis) {
        return outgoing.read(buf, off, max, timeoutMillis);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        int data = off + ((buf[off] & 0xf0) == 0x40 ? (buf[off] & 0x0f) * 4 : 40) + UdpDatagram.HEADER_LENGTH;
        if (data + 16 > off + len) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, data, 16);
        long seq = b.getLong();
        long sent = b.getLong();
        if (rttNanos.putIfAbsent(seq, System.nanoTime() - sent) == null) {
            bytesBack.addAndGet(len);
            pending.countDown();
        }
    }

    /** Round trips of the probes that came back, in nanoseconds, sorted. */
    long[] roundTrips() {
        return rttNanos.values().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    long bytesBack() {
        return bytesBack.get();
    }
}
