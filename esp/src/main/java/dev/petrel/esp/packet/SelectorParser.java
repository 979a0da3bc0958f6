package dev.petrel.esp.packet;

import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;

/**
 * Reads the selector fields of an IP packet (RFC 4301 §4.4.1.1) into a {@link PacketSelector} without allocating.
 * Ports come from TCP, UDP and SCTP; ICMP and ICMPv6 give (type << 8) | code as both "ports" (RFC 4301
 * §4.4.1.3). Ports are -1 (OPAQUE, RFC 4301 §7) for non-first fragments, for other protocols, and when a first
 * fragment is too short to hold them. Holds a reused {@link IpLayout} cursor: one instance per thread.
 */
public final class SelectorParser {
    private final IpLayout layout = new IpLayout();

    /**
     * Fills {@code out} from the IP packet {@code buf[off, off+len)}.
     *
     * @return false when the packet is not a well-formed IPv4 or IPv6 packet; {@code out} is then unchanged
     */
    public boolean parse(byte[] buf, int off, int len, PacketSelector out) {
        if (!layout.parse(buf, off, len)) {
            return false;
        }
        read(layout, buf, out);
        return true;
    }

    /** Fills {@code out} from the packet in {@code buf} that {@code parsed} has just parsed, without parsing it again. */
    public static void read(IpLayout parsed, byte[] buf, PacketSelector out) {
        setWithPorts(out, buf, parsed.sourceOffset(), parsed.destinationOffset(), parsed.addressLength(),
                parsed.upperLayerProtocol(), parsed.isNonFirstFragment(), parsed.upperLayerOffset(),
                parsed.offset() + parsed.packetLength());
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
