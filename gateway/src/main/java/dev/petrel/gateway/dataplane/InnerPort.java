package dev.petrel.gateway.dataplane;

import java.io.IOException;

/**
 * The inner side of the data plane: where cleartext IP packets come from and go to. A TUN device in the daemon,
 * memory in the demo. {@link #read} is called by the outbound worker only; {@link #write} by the inbound worker, and by
 * the outbound one for ICMP answers. The workers leave {@link DataPlane#HEADROOM} octets before the packets they pass,
 * which a port may use for a header of its own.
 */
public interface InnerPort {
    /**
     * Reads one IP packet into {@code buf[off, off+max)}, waiting at most {@code timeoutMillis}.
     *
     * @return its length, or 0 when none came in time
     */
    int read(byte[] buf, int off, int max, int timeoutMillis) throws IOException;

    /** Writes the IP packet {@code buf[off, off+len)} at once. */
    void write(byte[] buf, int off, int len) throws IOException;

    /**
     * Delivers a packet that came out of the tunnel; a port may hold it to join the next ones of its flow until
     * {@link #flush}. Inbound worker only.
     */
    default void deliver(byte[] buf, int off, int len) throws IOException {
        write(buf, off, len);
    }

    /** Writes what {@link #deliver} held: the inbound worker calls it before it waits for more. */
    default void flush() throws IOException {
    }
}
