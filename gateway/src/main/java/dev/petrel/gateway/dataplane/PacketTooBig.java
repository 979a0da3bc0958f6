package dev.petrel.gateway.dataplane;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;

/**
 * The ICMP answer to an inner packet too big for the tunnel, so that path MTU discovery works through it: ICMP
 * "fragmentation needed" with the next-hop MTU (RFC 792, RFC 1191 §4) for IPv4 packets with DF set, ICMPv6
 * "packet too big" (RFC 4443 §3.2) for IPv6. It comes from the packet's destination, as if the far end answered, and
 * goes back into the inner side. Written into a caller's buffer; allocates nothing.
 */
final class PacketTooBig {
    /** RFC 8200 §5: every IPv6 link carries 1280 octets; below that the outer packet is fragmented instead. */
    static final int IPV6_MINIMUM_MTU = 1280;
    private static final int ICMP_HEADER = 8;
    private static final int TTL = 64;
    private static final int ICMP_UNREACHABLE = 3;
    private static final int FRAGMENTATION_NEEDED = 4;
    private static final int ICMPV6_PACKET_TOO_BIG = 2;

    private final byte[] source = new byte[16];
    private final byte[] destination = new byte[16];

    /**
     * Writes the answer to the packet {@code packet[off, off+len)} into {@code out} (at least 1280 octets).
     *
     * @return its length, or 0 when the packet must not be answered (IPv4 without DF: it may be fragmented; an
     *     MTU under IPv6's minimum)
     */
    int answer(byte[] packet, int off, int len, int mtu, byte[] out) {
        int version = IpPacket.version(packet, off, len);
        if (version == 4 && len >= Ipv4Header.MIN_LENGTH && Ipv4Header.dontFragment(packet, off)) {
            return ipv4(packet, off, len, mtu, out);
        }
        if (version == 6 && len >= Ipv6Header.LENGTH && mtu >= IPV6_MINIMUM_MTU) {
            return ipv6(packet, off, len, mtu, out);
        }
        return 0;
    }

    private int ipv4(byte[] packet, int off, int len, int mtu, byte[] out) {
        // RFC 792: the original IP header and the first 64 bits of its data
        int quoted = Math.min(len, Ipv4Header.headerLength(packet, off) + 8);
        int icmp = Ipv4Header.MIN_LENGTH;
        int total = icmp + ICMP_HEADER + quoted;
        System.arraycopy(packet, off + Ipv4Header.DESTINATION_OFFSET, source, 0, 4);
        System.arraycopy(packet, off + Ipv4Header.SOURCE_OFFSET, destination, 0, 4);
        Ipv4Header.write(out, 0, 0, total, 0, false, TTL, IpProtocol.ICMP, source, destination);
        out[icmp] = ICMP_UNREACHABLE;
        out[icmp + 1] = FRAGMENTATION_NEEDED;
        IpPacket.putU16(out, icmp + 2, 0);
        IpPacket.putU16(out, icmp + 4, 0);
        IpPacket.putU16(out, icmp + 6, mtu); // RFC 1191 §4: next-hop MTU
        System.arraycopy(packet, off, out, icmp + ICMP_HEADER, quoted);
        IpPacket.putU16(out, icmp + 2, InternetChecksum.compute(out, icmp, ICMP_HEADER + quoted));
        return total;
    }

    private int ipv6(byte[] packet, int off, int len, int mtu, byte[] out) {
        // RFC 4443 §3.2: as much of the packet as fits in the minimum MTU
        int icmp = Ipv6Header.LENGTH;
        int quoted = Math.min(len, IPV6_MINIMUM_MTU - icmp - ICMP_HEADER);
        int icmpLength = ICMP_HEADER + quoted;
        System.arraycopy(packet, off + Ipv6Header.DESTINATION_OFFSET, source, 0, 16);
        System.arraycopy(packet, off + Ipv6Header.SOURCE_OFFSET, destination, 0, 16);
        Ipv6Header.write(out, 0, 0, 0, icmpLength, IpProtocol.ICMPV6, TTL, source, destination);
        out[icmp] = ICMPV6_PACKET_TOO_BIG;
        out[icmp + 1] = 0;
        IpPacket.putU16(out, icmp + 2, 0);
        IpPacket.putU16(out, icmp + 4, mtu >>> 16);
        IpPacket.putU16(out, icmp + 6, mtu);
        System.arraycopy(packet, off, out, icmp + ICMP_HEADER, quoted);
        IpPacket.putU16(out, icmp + 2, InternetChecksum.withPseudoHeader(out, Ipv6Header.SOURCE_OFFSET, 16, IpProtocol.ICMPV6, icmp, icmpLength));
        return icmp + icmpLength;
    }
}
