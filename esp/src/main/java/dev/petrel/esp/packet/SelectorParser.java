package dev.petrel.esp.packet;

import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import dev.petrel.wire.ip.Ipv6HeaderChain;

/**
 * Reads the selector fields of an IP packet (RFC 4301 §4.4.1.1) into a {@link PacketSelector} without allocating.
 * Ports come from TCP, UDP and SCTP; ICMP and ICMPv6 give (type << 8) | code as both "ports" (RFC 4301
 * §4.4.1.3). Ports are -1 (OPAQUE, RFC 4301 §7) for non-first fragments, for other protocols, and when a first
 * fragment is too short to hold them. Holds a reused extension-header cursor: one instance per thread.
 */
public final class SelectorParser {
    private final Ipv6HeaderChain chain = new Ipv6HeaderChain();

    /**
     * Fills {@code out} from the IP packet {@code buf[off, off+len)}.
     *
     * @return false when the packet is not a well-formed IPv4 or IPv6 packet; {@code out} is then unchanged
     */
    public boolean parse(byte[] buf, int off, int len, PacketSelector out) {
        return switch (IpPacket.version(buf, off, len)) {
            case 4 -> parseIpv4(buf, off, len, out);
            case 6 -> parseIpv6(buf, off, len, out);
            default -> false;
        };
    }

    private static boolean parseIpv4(byte[] buf, int off, int len, PacketSelector out) {
        int total = Ipv4Header.validate(buf, off, len);
        if (total < 0) {
            return false;
        }
        int protocol = Ipv4Header.protocol(buf, off);
        int upper = off + Ipv4Header.headerLength(buf, off);
        boolean opaque = Ipv4Header.fragmentOffset(buf, off) != 0;
        setWithPorts(out, buf, off + Ipv4Header.SOURCE_OFFSET, off + Ipv4Header.DESTINATION_OFFSET, Ipv4Header.ADDRESS_LENGTH,
                protocol, opaque, upper, off + total);
        return true;
    }

    private boolean parseIpv6(byte[] buf, int off, int len, PacketSelector out) {
        int total = Ipv6Header.validate(buf, off, len);
        if (total < 0 || !chain.parse(buf, off, total)) {
            return false;
        }
        setWithPorts(out, buf, off + Ipv6Header.SOURCE_OFFSET, off + Ipv6Header.DESTINATION_OFFSET, Ipv6Header.ADDRESS_LENGTH,
                chain.upperLayerProtocol(), chain.isNonFirstFragment(), chain.upperLayerOffset(), off + total);
        return true;
    }

    private static void setWithPorts(PacketSelector out, byte[] buf, int src, int dst, int addressLength, int protocol,
                                     boolean opaque, int upper, int end) {
        int sourcePort = -1;
        int destinationPort = -1;
        if (!opaque) {
            switch (protocol) {
                case IpProtocol.TCP, IpProtocol.UDP, IpProtocol.SCTP -> {
                    if (upper + 4 <= end) {
                        sourcePort = IpPacket.u16(buf, upper);
                        destinationPort = IpPacket.u16(buf, upper + 2);
                    }
                }
                case IpProtocol.ICMP, IpProtocol.ICMPV6 -> {
                    if (upper + 2 <= end) {
                        sourcePort = IpPacket.u16(buf, upper);
                        destinationPort = sourcePort;
                    }
                }
                default -> { }
            }
        }
        out.set(buf, src, dst, addressLength, protocol, sourcePort, destinationPort);
    }
}
