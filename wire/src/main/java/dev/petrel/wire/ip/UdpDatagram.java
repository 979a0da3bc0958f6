package dev.petrel.wire.ip;

import dev.petrel.wire.iana.IpProtocol;

/** Builds and reads UDP datagrams (RFC 768) inside IPv4 or IPv6 packets. */
public final class UdpDatagram {
    public static final int HEADER_LENGTH = 8;
    private static final int TTL = 64;

    private UdpDatagram() {}

    /**
     * A whole IPv4 or IPv6 packet (by the length of the addresses) carrying {@code payload} from {@code source}:
     * {@code sourcePort} to {@code destination}:{@code destinationPort}, with valid IP and UDP checksums.
     */
    public static byte[] packet(byte[] source, int sourcePort, byte[] destination, int destinationPort, byte[] payload) {
        boolean v4 = source.length == Ipv4Header.ADDRESS_LENGTH;
        int ipLength = v4 ? Ipv4Header.MIN_LENGTH : Ipv6Header.LENGTH;
        int udpLength = HEADER_LENGTH + payload.length;
        byte[] p = new byte[ipLength + udpLength];
        if (v4) {
            Ipv4Header.write(p, 0, 0, p.length, 0, true, TTL, IpProtocol.UDP, source, destination);
        } else {
            Ipv6Header.write(p, 0, 0, 0, udpLength, IpProtocol.UDP, TTL, source, destination);
        }
        IpPacket.putU16(p, ipLength, sourcePort);
        IpPacket.putU16(p, ipLength + 2, destinationPort);
        IpPacket.putU16(p, ipLength + 4, udpLength);
        System.arraycopy(payload, 0, p, ipLength + HEADER_LENGTH, payload.length);
        int checksum = checksum(p, v4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET, source.length, ipLength, udpLength);
        // RFC 768: a computed zero is sent as all ones (zero means "no checksum" in IPv4, and is invalid in IPv6).
        IpPacket.putU16(p, ipLength + 6, checksum == 0 ? 0xffff : checksum);
        return p;
    }

    /**
     * The checksum over the pseudo-header (RFC 768; RFC 8200 §8.1 for IPv6) and the datagram at {@code udpOffset};
     * 0 when a datagram that carries its checksum verifies.
     */
    public static int checksum(byte[] packet, int addressesOffset, int addressLength, int udpOffset, int udpLength) {
        return InternetChecksum.withPseudoHeader(packet, addressesOffset, addressLength, IpProtocol.UDP, udpOffset, udpLength);
    }
}
