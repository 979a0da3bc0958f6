package dev.petrel.esp.ah;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import dev.petrel.wire.ip.IpHeaderChain;

/**
 * Where things are in one IP packet for AH processing: the IP header, the end of the packet, where AH sits (inbound)
 * or goes (outbound transport mode), the next-header octet that names AH, and the IPv6 routing header before AH.
 * Validates every header it walks over, IPv4 options and the IPv6 options and routing headers before AH included,
 * so that the ICV input can be produced without further checks. The results stay valid until the next call.
 * Not thread-safe.
 */
final class AhLayout {
    private final IpHeaderChain chain = new IpHeaderChain();
    int ipOffset;
    /** The end of the packet: its IP length, which may be less than the buffer region (link-layer padding). */
    int end;
    boolean ipv6;
    /** The first octet after the IPv4 header, or after the IPv6 base header. */
    int headerEnd;
    /** Offset of AH (inbound) or of its insertion point (outbound transport). */
    int ahOffset;
    /** Offset of the next-header octet that names (or will name) AH: IPv4 protocol, IPv6 next header, or an extension header's. */
    int nextHeaderOffset;
    /** IPv6: offset of the address the packet will carry as destination at its final destination (RFC 4302 §3.3.3.1.2.2). */
    int finalDestinationOffset;
    /** Offset of an IPv6 routing header before AH whose state at the destination differs from the present one, else -1. */
    int pendingRoutingOffset;

    /** Checks the IP header of the unfragmented packet at {@code buf[off, off+len)}. */
    AhStatus parseIp(byte[] buf, int off, int len) {
        ipOffset = off;
        pendingRoutingOffset = -1;
        switch (IpPacket.version(buf, off, len)) {
            case 4 -> {
                ipv6 = false;
                int total = Ipv4Header.validate(buf, off, len);
                if (total < 0) {
                    return AhStatus.MALFORMED_IP;
                }
                if (Ipv4Header.isFragment(buf, off)) {
                    return AhStatus.FRAGMENT;
                }
                end = off + total;
                headerEnd = off + Ipv4Header.headerLength(buf, off);
                if (!ipv4OptionsWellFormed(buf, off + Ipv4Header.MIN_LENGTH, headerEnd)) {
                    return AhStatus.MALFORMED_IP;
                }
                ahOffset = headerEnd;
                nextHeaderOffset = off + 9; // the protocol field
                return AhStatus.OK;
            }
            case 6 -> {
                ipv6 = true;
                int total = Ipv6Header.validate(buf, off, len);
                if (total <= Ipv6Header.LENGTH) {
                    return AhStatus.MALFORMED_IP; // malformed, or no payload at all (a jumbogram, RFC 2675, is unsupported)
                }
                end = off + total;
                headerEnd = off + Ipv6Header.LENGTH;
                ahOffset = headerEnd;
                nextHeaderOffset = off + Ipv6Header.NEXT_HEADER_OFFSET;
                finalDestinationOffset = off + Ipv6Header.DESTINATION_OFFSET;
                return AhStatus.OK;
            }
            default -> {
                return AhStatus.MALFORMED_IP;
            }
        }
    }

    /** Inbound, after {@link #parseIp}: finds the AH header behind the IP header and any IPv6 extension headers before it. */
    AhStatus findAh(byte[] buf) {
        if (!ipv6) {
            return Ipv4Header.protocol(buf, ipOffset) == IpProtocol.AH ? AhStatus.OK : AhStatus.NOT_AH;
        }
        return walkIpv6(buf, -1);
    }

    /**
     * Outbound transport mode, after {@link #parseIp}: where AH goes. IPv4: right after the header. IPv6: after
     * hop-by-hop, routing and any destination options that precede a routing header (RFC 4302 §3.1.1), as
     * {@link IpHeaderChain#insertOffset()} finds it.
     */
    AhStatus findInsertionPoint(byte[] buf) {
        if (!ipv6) {
            return AhStatus.OK;
        }
        if (!chain.parse(buf, ipOffset, end - ipOffset)) {
            return AhStatus.MALFORMED_IP;
        }
        if (chain.isFragment()) {
            return AhStatus.FRAGMENT;
        }
        AhStatus s = walkIpv6(buf, chain.insertOffset());
        ahOffset = chain.insertOffset();
        nextHeaderOffset = chain.insertNextHeaderField();
        return s;
    }

    /**
     * Walks and validates the hop-by-hop, destination options and routing headers from the base header up to AH
     * ({@code stopAt} < 0, inbound) or up to {@code stopAt} (outbound), recording where AH is named.
     */
    private AhStatus walkIpv6(byte[] buf, int stopAt) {
        int next = Ipv6Header.nextHeader(buf, ipOffset);
        int pos = headerEnd;
        nextHeaderOffset = ipOffset + Ipv6Header.NEXT_HEADER_OFFSET;
        while (stopAt < 0 ? next != IpProtocol.AH : pos < stopAt) {
            if (next == IpProtocol.IPV6_FRAG) {
                return AhStatus.FRAGMENT;
            }
            boolean options = next == IpProtocol.IPV6_OPTS || (next == IpProtocol.HOPOPT && pos == headerEnd);
            if (!options && next != IpProtocol.IPV6_ROUTE) {
                return AhStatus.NOT_AH; // an upper layer, or hop-by-hop out of place (RFC 8200 §4.1)
            }
            if (pos + 8 > end) {
                return AhStatus.TRUNCATED;
            }
            int length = ((buf[pos + 1] & 0xff) + 1) * 8;
            if (pos + length > end) {
                return AhStatus.TRUNCATED;
            }
            AhStatus s = options ? ipv6OptionsWellFormed(buf, pos + 2, pos + length) : routingHeader(buf, pos, length);
            if (s != AhStatus.OK) {
                return s;
            }
            nextHeaderOffset = pos;
            next = buf[pos] & 0xff;
            pos += length;
        }
        ahOffset = pos;
        return AhStatus.OK;
    }

    /**
     * A routing header is mutable but predictable (RFC 4302 §3.3.3.1.2.2, Appendix A.2): with segments left, types 0
     * (RFC 2460 §4.4) and 2 (RFC 6275 §6.4) will have swapped the remaining addresses into the destination field by
     * the time the packet arrives, so the ICV covers that final state. Other types are only accepted once used up.
     */
    private AhStatus routingHeader(byte[] buf, int pos, int length) {
        if (pendingRoutingOffset >= 0) {
            return AhStatus.MALFORMED_IP; // a second routing header still in use (RFC 8200 §4.1 allows one)
        }
        int type = buf[pos + 2] & 0xff;
        int segmentsLeft = buf[pos + 3] & 0xff;
        if (segmentsLeft == 0) {
            return AhStatus.OK;
        }
        if (type != 0 && type != 2) {
            return AhStatus.UNSUPPORTED_ROUTING_HEADER;
        }
        int hdrExtLen = buf[pos + 1] & 0xff;
        int addresses = hdrExtLen / 2;
        if (hdrExtLen % 2 != 0 || segmentsLeft > addresses || (type == 2 && addresses != 1)) {
            return AhStatus.MALFORMED_IP;
        }
        pendingRoutingOffset = pos;
        finalDestinationOffset = pos + length - Ipv6Header.ADDRESS_LENGTH;
        return AhStatus.OK;
    }

    /** IPv4 options (RFC 791 §3.1): EOL ends the list, NOP is one octet, all others have a length of at least 2. */
    private static boolean ipv4OptionsWellFormed(byte[] buf, int p, int end) {
        while (p < end && buf[p] != 0) {
            if (buf[p] == 1) {
                p++;
                continue;
            }
            if (p + 2 > end || (buf[p + 1] & 0xff) < 2 || p + (buf[p + 1] & 0xff) > end) {
                return false;
            }
            p += buf[p + 1] & 0xff;
        }
        return true;
    }

    /** IPv6 options (RFC 8200 §4.2): Pad1 is one octet, all others are type, data length and data. */
    private static AhStatus ipv6OptionsWellFormed(byte[] buf, int p, int end) {
        while (p < end) {
            if (buf[p] == 0) {
                p++;
                continue;
            }
            if (p + 2 > end || p + 2 + (buf[p + 1] & 0xff) > end) {
                return AhStatus.MALFORMED_IP;
            }
            p += 2 + (buf[p + 1] & 0xff);
        }
        return AhStatus.OK;
    }

    /** Sets the IPv4 total length or the IPv6 payload length for a packet of {@code total} octets at {@link #ipOffset}'s family. */
    static void setIpLength(byte[] buf, int ipOffset, int total, boolean ipv6) {
        if (ipv6) {
            Ipv6Header.setPayloadLength(buf, ipOffset, total - Ipv6Header.LENGTH);
        } else {
            Ipv4Header.setTotalLength(buf, ipOffset, total);
        }
    }
}
