package dev.petrel.cli.demo;

import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.wire.ip.IpPacket;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The far host of the demo, as an inner port: every UDP packet delivered to it comes back with source and
 * destination swapped (addresses and ports; the checksums do not change, the sums being the same).
 */
final class EchoPort implements InnerPort {
    private final BlockingQueue<byte[]> replies = new ArrayBlockingQueue<>(4096);

    @Override
    public int read(byte[] buf, int off, int max, int timeoutMillis) throws java.io.IOException {
        try {
            byte[] p = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (p == null) {
                return 0;
            }
            System.arraycopy(p, 0, buf, off, p.length);
            return p.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        byte[] p = Arrays.copyOfRange(buf, off, off + len);
        boolean v4 = IpPacket.version(p, 0, len) == 4;
        int a = v4 ? 12 : 8;
        int n = v4 ? 4 : 16;
        int udp = v4 ? (p[0] & 0x0f) * 4 : 40;
        swap(p, a, a + n, n);
        swap(p, udp, udp + 2, 2);
        replies.offer(p);
    }

    private static void swap(byte[] p, int x, int y, int n) {
        for (int i = 0; i < n; i++) {
            byte t = p[x + i];
            p[x + i] = p[y + i];
            p[y + i] = t;
        }
    }
}
