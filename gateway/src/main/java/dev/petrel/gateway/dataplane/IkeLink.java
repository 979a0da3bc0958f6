package dev.petrel.gateway.dataplane;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What the data plane hands to the control plane: IKE messages from the NAT-T port, ESP for SPIs it does not know,
 * and acquires from trap policies. Called on data-plane threads; none may block.
 */
public interface IkeLink {
    /** An IKE message that arrived on the NAT-T port, its non-ESP marker removed (RFC 3948 §2.2). */
    void ikeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message);

    /** A protected packet for an SPI without an SA, for INVALID_SPI (RFC 7296 §2.21.4). */
    void unknownSpi(InetAddress source, int spi);

    /** A packet matched the trap of {@code child} of {@code connection}: negotiate that CHILD_SA (RFC 4301 §5.1). */
    void acquire(String connection, String child);
}
