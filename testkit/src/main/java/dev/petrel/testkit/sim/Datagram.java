package dev.petrel.testkit.sim;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One UDP datagram in flight. The payload is copied on construction, so a sender may reuse its buffer; receivers get
 * the datagram's own array and must not modify it.
 */
public record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] payload) {

    public Datagram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        payload = payload.clone();
    }

    /** The same datagram with its own copy of the payload (a duplicate on the wire). */
    Datagram copy() {
        return new Datagram(source, destination, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && source.equals(d.source) && destination.equals(d.destination)
                && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, Arrays.hashCode(payload));
    }

    /** Addresses, length and a short digest of the payload (enough to tell datagrams apart in a trace). */
    @Override
    public String toString() {
        return source + " -> " + destination + " " + payload.length + "B #"
                + HexFormat.of().toHexDigits(Arrays.hashCode(payload));
    }
}
