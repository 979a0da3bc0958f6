package dev.petrel.gateway.daemon;

import dev.petrel.gateway.dataplane.InnerPort;
import dev.petrel.gateway.os.tun.TcpCoalescer;
import dev.petrel.gateway.os.tun.TcpSegmenter;
import dev.petrel.gateway.os.tun.TunQueue;
import dev.petrel.gateway.os.tun.VirtioNetHeader;
import java.io.IOException;
import java.time.Duration;

/**
 * The data plane's inner side on a TUN queue: packets straight between the kernel and the workers' arrays. With
 * offloads, every packet carries a {@link VirtioNetHeader} in the headroom the workers leave before it; a read may bring
 * a TCP segment of up to 64 KiB, whose MTU-sized segments the following reads return without a system call.
 */
final class TunPort implements InnerPort {
    private static final int HEADER = VirtioNetHeader.LENGTH;

    private final TunQueue queue;
    private final Duration poll;
    private final boolean offloads;
    private final TcpSegmenter segmenter = new TcpSegmenter();
    private final TcpCoalescer coalescer = new TcpCoalescer();
    private final byte[] header = new byte[HEADER];

    TunPort(TunQueue queue, Duration poll, boolean offloads) {
        this.queue = queue;
        this.poll = poll;
        this.offloads = offloads;
    }

    @Override
    public int read(byte[] buf, int off, int max, int timeoutMillis) throws IOException {
        Duration wait = timeoutMillis == 0 ? Duration.ZERO : poll;
        if (!offloads) {
            return queue.read(buf, off, max, wait);
        }
        if (segmenter.pending()) {
            return segmenter.next(buf, off);
        }
        int n = queue.read(buf, off - HEADER, max + HEADER, wait);
        if (n < HEADER) {
            return 0;
        }
        System.arraycopy(buf, off - HEADER, header, 0, HEADER);
        int len = segmenter.accept(header, 0, buf, off, n - HEADER);
        return len > 0 ? len : segmenter.next(buf, off);
    }

    /** With offloads, joins consecutive segments of a TCP flow into one write (GRO); else writes at once. */
    @Override
    public void deliver(byte[] buf, int off, int len) throws IOException {
        if (!offloads) {
            queue.write(buf, off, len);
            return;
        }
        if (coalescer.add(buf, off, len)) {
            return;
        }
        flush();
        if (!coalescer.add(buf, off, len)) {
            write(buf, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        int n = coalescer.take();
        if (n > 0) {
            queue.write(coalescer.buffer(), 0, n);
        }
    }

    /** Writes a whole packet; with offloads behind a header that asks nothing (the workers leave room for it). */
    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (!offloads) {
            queue.write(buf, off, len);
        } else if (off >= HEADER) {
            VirtioNetHeader.writeNone(buf, off - HEADER);
            queue.write(buf, off - HEADER, len + HEADER);
        } else {
            byte[] framed = new byte[HEADER + len]; // only the ICMP answers, which start at 0: rare
            System.arraycopy(buf, off, framed, HEADER, len);
            queue.write(framed, 0, framed.length);
        }
    }
}
