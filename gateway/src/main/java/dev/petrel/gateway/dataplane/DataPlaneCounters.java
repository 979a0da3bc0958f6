package dev.petrel.gateway.dataplane;

import java.util.concurrent.atomic.LongAdder;

/** What the data plane dropped or handled outside any SA; per-SA counts live in each SA's own counters. */
public final class DataPlaneCounters {
    final LongAdder malformed = new LongAdder();
    final LongAdder noPolicy = new LongAdder();
    final LongAdder tooBig = new LongAdder();
    final LongAdder held = new LongAdder();
    final LongAdder heldDropped = new LongAdder();
    final LongAdder unknownSpi = new LongAdder();
    final LongAdder keepalivesReceived = new LongAdder();
    final LongAdder keepalivesSent = new LongAdder();
    final LongAdder ioErrors = new LongAdder();

    /** Packets that were not IP, not ESP or AH, or cut short. */
    public long malformed() {
        return malformed.sum();
    }

    /** Inner packets no PROTECT policy matched (RFC 4301 §5.1: discarded). */
    public long noPolicy() {
        return noPolicy.sum();
    }

    /** Inner packets too big for the tunnel, answered with ICMP. */
    public long tooBig() {
        return tooBig.sum();
    }

    /** Inner packets a trap policy held while its CHILD_SA was negotiated. */
    public long held() {
        return held.sum();
    }

    /** Inner packets a trap policy dropped because it already held as many as it holds. */
    public long heldDropped() {
        return heldDropped.sum();
    }

    /** Protected packets for an SPI without SA. */
    public long unknownSpi() {
        return unknownSpi.sum();
    }

    public long keepalivesReceived() {
        return keepalivesReceived.sum();
    }

    public long keepalivesSent() {
        return keepalivesSent.sum();
    }

    /** Sends and deliveries the operating system refused. */
    public long ioErrors() {
        return ioErrors.sum();
    }

    @Override
    public String toString() {
        return "DataPlaneCounters[malformed " + malformed() + ", no policy " + noPolicy() + ", too big " + tooBig()
                + ", held " + held() + " dropped " + heldDropped()
                + ", unknown SPI " + unknownSpi() + ", keepalives in " + keepalivesReceived() + " out " + keepalivesSent()
                + ", I/O errors " + ioErrors() + "]";
    }
}
