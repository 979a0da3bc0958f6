package dev.petrel.cli.demo;

import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.dataplane.PacketQueue;
import dev.petrel.wire.ip.IpPacket;
import java.util.Arrays;

/**
 * The far host of the demo, as an inner port: every UDP packet delivered to it comes back with source and
 * destination swapped (addresses and ports; the checksums do not change, the sums being the same).
 */
final class EchoPort implements InnerPort {
    private final PacketQueue replies = new PacketQueue(4096);

    @Override
    public int read(byte[] buf, int off, int max, int timeoutMillis) {
        return replies.read(buf, off, max, timeoutMillis);
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
