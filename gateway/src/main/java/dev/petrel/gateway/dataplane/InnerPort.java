package dev.petrel.gateway.dataplane;

import java.io.IOException;

/**
 * The inner side of the data plane: where cleartext IP packets come from and go to. A TUN device in the daemon,
 * memory in the demo. {@link #read} is called by the outbound worker only, {@link #write} by the inbound worker only.
 */
public interface InnerPort {
    /**
     * Reads one IP packet into {@code buf[off, off+max)}, waiting at most {@code timeoutMillis}.
     *
     * @return its length, or 0 when none came in time
     */
    int read(byte[] buf, int off, int max, int timeoutMillis) throws IOException;

    /** Delivers the IP packet {@code buf[off, off+len)}. */
    void write(byte[] buf, int off, int len) throws IOException;
}
