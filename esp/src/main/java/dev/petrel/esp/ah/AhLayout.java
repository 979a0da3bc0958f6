package dev.petrel.esp.ah;

import dev.petrel.wire.iana.IpProtocol;

/**
 * Where things are in one IP packet for AH processing: the IP header, the end of the packet, where AH sits (inbound)
 * or goes (outbound transport mode), the next-header octet that names AH, and the IPv6 routing header before AH.
 * Validates every length it walks over, IPv4 options and IPv6 options before AH included, so that the ICV input
 * can be produced without further checks. The results stay valid until the next call. Not thread-safe.
 */
final class AhLayout {
    int ipOffset;
    int end;
    boolean ipv6;
    /** The first octet after the IPv4 header, or after the IPv6 base header. */
    int headerEnd;
    /** Offset of AH (inbound) or of its insertion point (outbound transport). */
    int ahOffset;
    /** Offset of the next-header octet that names (or will name) AH: IPv4 protocol, IPv6 next header, or an extension header's. */
    int nextHeaderOffset;
    /** Offset of the 16-octet address the packet will carry as destination at its final destination (RFC 4302 §3.3.3.1.2.2). */
    int finalDestinationOffset;
    /** Offset of an IPv6 routing header before AH whose state at the destination differs from the present one, else -1. */
    int pendingRoutingOffset;

    /** Checks the IP header of {@code buf[off, off+len)}, which must be exactly one whole, unfragmented packet. */
    AhStatus parseIp(byte[] buf, int off, int len) {
        if (len < 1) {
            return AhStatus.TRUNCATED;
        }
        ipOffset = off;
        end = off + len;
        pendingRoutingOffset = -1;
        switch ((buf[off] & 0xff) >>> 4) {
            case 4 -> {
                ipv6 = false;
                if (len < 20) {
                    return AhStatus.TRUNCATED;
                }
                int ihl = (buf[off] & 0x0f) * 4;
                if (ihl < 20) {
                    return AhStatus.MALFORMED_IP;
                }
                int total = u16(buf, off + 2);
                if (ihl > len || total > len) {
                    return AhStatus.TRUNCATED;
                }
                if (total != len) {
                    return AhStatus.MALFORMED_IP;
                }
                if ((u16(buf, off + 6) & 0x3fff) != 0) {
                    return AhStatus.FRAGMENT; // MF set or a non-zero offset
                }
                if (!ipv4OptionsWellFormed(buf, off + 20, off + ihl)) {
                    return AhStatus.MALFORMED_IP;
                }
                headerEnd = off + ihl;
                ahOffset = headerEnd;
                nextHeaderOffset = off + 9;
                finalDestinationOffset = -1; // IPv4: found by the canonical form from the source route option
                return AhStatus.OK;
            }
            case 6 -> {
                ipv6 = true;
                if (len < 40) {
                    return AhStatus.TRUNCATED;
                }
                int payload = u16(buf, off + 4);
                if (40 + payload > len) {
                    return AhStatus.TRUNCATED;
                }
                if (40 + payload != len || payload == 0) {
                    return AhStatus.MALFORMED_IP; // trailing octets, or a jumbogram (unsupported)
                }
                headerEnd = off + 40;
                ahOffset = headerEnd;
                nextHeaderOffset = off + 6;
                finalDestinationOffset = off + 24;
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
            return (buf[nextHeaderOffset] & 0xff) == IpProtocol.AH ? AhStatus.OK : AhStatus.NOT_AH;
        }
        AhStatus s = walkIpv6(buf, true);
        if (s != AhStatus.OK) {
            return s;
        }
        return (buf[nextHeaderOffset] & 0xff) == IpProtocol.AH ? AhStatus.OK : AhStatus.NOT_AH;
    }

    /**
     * Outbound transport mode, after {@link #parseIp}: where AH goes. IPv4: right after the header. IPv6: after
     * hop-by-hop, routing and any destination options that precede a routing header; destination options meant
     * for the final destination only stay after AH (RFC 4302 §3.1.1).
     */
    AhStatus findInsertionPoint(byte[] buf) {
        return ipv6 ? walkIpv6(buf, false) : AhStatus.OK;
    }

    /**
     * Walks hop-by-hop, destination options and routing headers from the base header. When {@code toAh}, stops at
     * AH; else at the first other header, leaving {@link #ahOffset} after the last header that must precede AH.
     */
    private AhStatus walkIpv6(byte[] buf, boolean toAh) {
        int next = buf[ipOffset + 6] & 0xff;
        int pos = headerEnd;
        int nextOffset = ipOffset + 6;
        while (true) {
            boolean extension = next == IpProtocol.IPV6_OPTS || next == IpProtocol.IPV6_ROUTE
                    || (next == IpProtocol.HOPOPT && pos == headerEnd); // RFC 8200 §4.1: hop-by-hop only first
            if (next == IpProtocol.IPV6_FRAG) {
                return AhStatus.FRAGMENT;
            }
            if (!extension || (toAh && next == IpProtocol.AH)) {
                if (toAh) {
                    ahOffset = pos;
                    nextHeaderOffset = nextOffset;
                }
                return AhStatus.OK;
            }
            if (pos + 8 > end) {
                return AhStatus.TRUNCATED;
            }
            int length = ((buf[pos + 1] & 0xff) + 1) * 8;
            if (pos + length > end) {
                return AhStatus.TRUNCATED;
            }
            if (next == IpProtocol.IPV6_ROUTE) {
                AhStatus s = routingHeader(buf, pos, length);
                if (s != AhStatus.OK) {
                    return s;
                }
            } else if (!ipv6OptionsWellFormed(buf, pos + 2, pos + length)) {
                return AhStatus.MALFORMED_IP;
            }
            if (!toAh && next != IpProtocol.IPV6_OPTS) {
                // everything up to here precedes AH, including destination options before this routing header
                ahOffset = pos + length;
                nextHeaderOffset = pos;
            }
            nextOffset = pos;
            next = buf[pos] & 0xff;
            pos += length;
        }
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
        finalDestinationOffset = pos + length - 16;
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
    private static boolean ipv6OptionsWellFormed(byte[] buf, int p, int end) {
        while (p < end) {
            if (buf[p] == 0) {
                p++;
                continue;
            }
            if (p + 2 > end || p + 2 + (buf[p + 1] & 0xff) > end) {
                return false;
            }
            p += 2 + (buf[p + 1] & 0xff);
        }
        return true;
    }

    /** Sets the IPv4 total length or the IPv6 payload length for a packet of {@code total} octets. */
    static void setIpLength(byte[] buf, int ipOffset, int total, boolean ipv6) {
        if (ipv6) {
            putU16(buf, ipOffset + 4, total - 40);
        } else {
            putU16(buf, ipOffset + 2, total);
        }
    }

    static int u16(byte[] buf, int off) {
        return (buf[off] & 0xff) << 8 | buf[off + 1] & 0xff;
    }

    static void putU16(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
    }
}
