package dev.petrel.esp.policy;

import java.util.List;

/**
 * The selector fields of one IP packet (RFC 4301 §4.4.1.1): addresses, next-layer protocol and ports. A mutable
 * flyweight, reused per packet so that policy lookups allocate nothing; not thread-safe. For ICMP and ICMPv6
 * both "ports" are the 16-bit value (type << 8) | code (RFC 4301 §4.4.1.3); ports are -1 when the packet carries
 * none that can be read (non-first fragments: OPAQUE).
 */
public final class PacketSelector {
    private final byte[] source = new byte[16];
    private final byte[] destination = new byte[16];
    private int addressLength;
    private int protocol;
    private int sourcePort = -1;
    private int destinationPort = -1;

    /** Copies the fields in; addresses are 4 or 16 octets long. */
    public PacketSelector set(byte[] packet, int srcOff, int dstOff, int addressLength, int protocol, int sourcePort, int destinationPort) {
        if (addressLength != 4 && addressLength != 16) {
            throw new IllegalArgumentException("address length must be 4 or 16, got " + addressLength);
        }
        System.arraycopy(packet, srcOff, source, 0, addressLength);
        System.arraycopy(packet, dstOff, destination, 0, addressLength);
        this.addressLength = addressLength;
        this.protocol = protocol;
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        return this;
    }

    public boolean matchesSource(TrafficSelector ts) {
        return ts.containsAddress(source, 0, addressLength) && ts.containsProtocolAndPort(protocol, sourcePort);
    }

    public boolean matchesDestination(TrafficSelector ts) {
        return ts.containsAddress(destination, 0, addressLength) && ts.containsProtocolAndPort(protocol, destinationPort);
    }

    /** True when some selector of {@code selectors} covers the source (a set of selectors, RFC 7296 §2.9). Allocation-free. */
    public boolean matchesAnySource(List<TrafficSelector> selectors) {
        for (int i = 0; i < selectors.size(); i++) {
            if (matchesSource(selectors.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when some selector of {@code selectors} covers the destination. Allocation-free. */
    public boolean matchesAnyDestination(List<TrafficSelector> selectors) {
        for (int i = 0; i < selectors.size(); i++) {
            if (matchesDestination(selectors.get(i))) {
                return true;
            }
        }
        return false;
    }

    public boolean isIpv6() {
        return addressLength == 16;
    }

    public int protocol() {
        return protocol;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }
}
