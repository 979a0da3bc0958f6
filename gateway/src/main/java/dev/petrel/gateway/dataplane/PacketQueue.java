package dev.petrel.gateway.dataplane;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Whole packets waiting in memory, read as {@link InnerPort#read} reads them: the inner side of the demo and of
 * tests, where there is no TUN device. Bounded: offers beyond the capacity are refused, as a full device queue drops.
 */
public final class PacketQueue {
    private final BlockingQueue<byte[]> packets;

    public PacketQueue(int capacity) {
        this.packets = new ArrayBlockingQueue<>(capacity);
    }

    /** Adds a packet; false when the queue is full. */
    public boolean offer(byte[] packet) {
        return packets.offer(packet);
    }

    /** Waits at most {@code timeoutMillis} for the next packet, or null. */
    public byte[] poll(long timeoutMillis) throws InterruptedException {
        return packets.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Copies the next packet into {@code buf[off...]}, cut to {@code max}; 0 when none came in time. */
    public int read(byte[] buf, int off, int max, int timeoutMillis) {
        try {
            byte[] p = poll(timeoutMillis);
            if (p == null) {
                return 0;
            }
            int len = Math.min(p.length, max);
            System.arraycopy(p, 0, buf, off, len);
            return len;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
