package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.os.tun.TunQueue;
import java.io.IOException;
import java.time.Duration;

/** The data plane's inner side on a TUN queue: packets straight between the kernel and the workers' arrays. */
final class TunPort implements InnerPort {
    private final TunQueue queue;
    private final Duration poll;

    TunPort(TunQueue queue, Duration poll) {
        this.queue = queue;
        this.poll = poll;
    }

    @Override
    public int read(byte[] buf, int off, int max, int timeoutMillis) throws IOException {
        return queue.read(buf, off, max, timeoutMillis == 0 ? Duration.ZERO : poll);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        queue.write(buf, off, len);
    }
}
