package dev.petrel.gateway.dataplane;

import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;

/**
 * Rebuilds the outer IP header of an ESP or AH packet that arrived without one (ESP in UDP, RFC 3948 §3.1; raw IPv6
 * sockets deliver only the payload), with no ECN marks (UDP sockets do not show them), so that the SA processes a whole IP packet as RFC 4303 §3.4 describes it. The
 * addresses are the SA's own, which is also what RFC 3948 §3.1.2 asks of transport mode behind a NAT.
 */
final class OuterHeader {
    private static final int TTL = 64;

    private OuterHeader() {}

    /** Octets the header of this family takes before the payload. */
    static int length(byte[] localAddress) {
        return localAddress.length == 4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH;
    }

    /**
     * Writes the header for the payload {@code buf[payloadOff, +payloadLength)} just before it.
     *
     * @return the offset of the header, the start of the whole packet
     */
    static int prepend(byte[] buf, int payloadOff, int payloadLength, byte[] source, byte[] destination, int protocol) {
        int off = payloadOff - length(destination);
        if (destination.length == 4) {
            Ipv4Header.write(buf, off, 0, payloadLength + Ipv4Header.MIN_LENGTH, 0, false, TTL, protocol,
                    source, destination);
        } else {
            Ipv6Header.write(buf, off, 0, 0, payloadLength, protocol, TTL, source, destination);
        }
        return off;
    }
}
