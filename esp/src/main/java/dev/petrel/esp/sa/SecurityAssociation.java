package dev.petrel.esp.sa;

import java.net.InetAddress;

/**
 * One SA as the SAD sees it (RFC 4301 §4.4.2): its parameters, counters and destination, and its end. Every SA
 * extends {@link AbstractSa}; the sending sides of ESP and AH are {@link OutboundProcessing}, the receiving sides
 * {@link InboundProcessing}.
 */
public interface SecurityAssociation extends AutoCloseable {
    SaParameters parameters();

    SaCounters counters();

    /** The destination address: the local address for an inbound SA, the remote one for an outbound SA. */
    InetAddress destination();

    /** True when {@code address[off, off+len)} is the SA's destination: the local address inbound, the remote one outbound. */
    boolean hasDestination(byte[] address, int off, int len);

    /** Wipes the keys; the SA refuses every packet afterwards. Idempotent. */
    void destroy();

    boolean isDestroyed();

    @Override
    default void close() {
        destroy();
    }
}
