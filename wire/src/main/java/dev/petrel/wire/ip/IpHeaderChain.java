package dev.petrel.wire.ip;

import dev.petrel.wire.iana.IpProtocol;

/**
 * A walk over the headers of an IPv4 or IPv6 packet that finds the upper-layer protocol and where it starts, and
 * where ESP or AH goes in transport mode. A mutable cursor, reused per packet so that the walk allocates nothing;
 * not thread-safe.
 *
 * <p>IPv4: the chain is the one header, options included; the upper layer, and the insertion point, follow it, named
 * by its Protocol field. IPv6 (RFC 8200 §4): the walk knows the hop-by-hop (0), routing (43), fragment (44), destination options (60) and AH (51) headers;
 * any other value, ESP (50) and No Next Header (59) included, ends it as the upper layer. It stops after a fragment
 * header whose offset is non-zero, since what follows is the middle of the fragmentable part. Every length is
 * checked against the packet, at most {@value #MAX_EXTENSION_HEADERS} extension headers are walked, and a
 * hop-by-hop header anywhere but first (RFC 8200 §4.3) or a second fragment header makes the packet malformed.
 */
public final class IpHeaderChain {
    /** More extension headers than this make the packet malformed (RFC 8200 §4.1 expects at most about eight). */
    public static final int MAX_EXTENSION_HEADERS = 16;

    private int upperLayerProtocol;
    private int upperLayerOffset;
    private int upperLayerNextHeaderField;
    private int insertOffset;
    private int insertNextHeaderField;
    private boolean fragment;
    private int fragmentOffset;

    /**
     * Walks the IPv4 or IPv6 packet {@code buf[off, off+len)}, whose header is valid and {@code len} its packet length
     * (see {@link Ipv4Header#validate} and {@link Ipv6Header#validate}).
     *
     * @return false when an IPv6 extension header is malformed or runs past the packet; the getters are then undefined
     */
    public boolean parse(byte[] buf, int off, int len) {
        return IpPacket.version(buf, off, len) == 4 ? parseIpv4(buf, off) : parseIpv6(buf, off, len);
    }

    private boolean parseIpv4(byte[] buf, int off) {
        int protocolField = off + Ipv4Header.PROTOCOL_OFFSET;
        insertOffset = off + Ipv4Header.headerLength(buf, off);
        insertNextHeaderField = protocolField;
        fragment = Ipv4Header.isFragment(buf, off);
        fragmentOffset = Ipv4Header.fragmentOffset(buf, off);
        return upperLayer(buf[protocolField] & 0xff, insertOffset, protocolField);
    }

    private boolean parseIpv6(byte[] buf, int off, int len) {
        int end = off + len;
        int nextHeaderField = off + Ipv6Header.NEXT_HEADER_OFFSET;
        int nextHeader = buf[nextHeaderField] & 0xff;
        int pos = off + Ipv6Header.LENGTH;
        insertOffset = pos;
        insertNextHeaderField = nextHeaderField;
        fragment = false;
        fragmentOffset = 0;
        for (int count = 0; ; count++) {
            int headerLength = extensionHeaderLength(nextHeader, buf, pos, end);
            if (headerLength == 0) {
                return upperLayer(nextHeader, pos, nextHeaderField);
            }
            if (headerLength < 0 || count == MAX_EXTENSION_HEADERS
                    || (nextHeader == IpProtocol.HOPOPT && pos != off + Ipv6Header.LENGTH)
                    || (nextHeader == IpProtocol.IPV6_FRAG && fragment)) {
                return false;
            }
            int current = nextHeader;
            nextHeaderField = pos;
            nextHeader = buf[pos] & 0xff;
            if (current == IpProtocol.IPV6_FRAG) {
                fragment = true;
                fragmentOffset = IpPacket.u16(buf, pos + 2) >>> 3;
            }
            pos += headerLength;
            if (current == IpProtocol.HOPOPT || current == IpProtocol.IPV6_ROUTE || current == IpProtocol.IPV6_FRAG) {
                insertOffset = pos;
                insertNextHeaderField = nextHeaderField;
            }
            if (current == IpProtocol.IPV6_FRAG && fragmentOffset != 0) {
                return upperLayer(nextHeader, pos, nextHeaderField);
            }
        }
    }

    /** The extension header's length, 0 when {@code nextHeader} is not an extension header, -1 when it does not fit. */
    private static int extensionHeaderLength(int nextHeader, byte[] buf, int pos, int end) {
        int length = switch (nextHeader) {
            case IpProtocol.HOPOPT, IpProtocol.IPV6_ROUTE, IpProtocol.IPV6_OPTS -> pos + 2 > end ? -1 : ((buf[pos + 1] & 0xff) + 1) * 8;
            case IpProtocol.IPV6_FRAG -> 8;
            // RFC 4302 §2.2: the AH Payload Length is in 32-bit words, minus 2.
            case IpProtocol.AH -> pos + 2 > end ? -1 : ((buf[pos + 1] & 0xff) + 2) * 4;
            default -> 0;
        };
        return length > 0 && pos + length > end ? -1 : length;
    }

    private boolean upperLayer(int protocol, int offset, int nextHeaderField) {
        upperLayerProtocol = protocol;
        upperLayerOffset = offset;
        upperLayerNextHeaderField = nextHeaderField;
        return true;
    }

    /** The upper-layer protocol (e.g. TCP, ICMPv6, ESP, 59 for none), or a fragment's next header when {@link #isNonFirstFragment()}. */
    public int upperLayerProtocol() {
        return upperLayerProtocol;
    }

    /** Absolute offset in the buffer where the upper-layer header (or a non-first fragment's data) starts. */
    public int upperLayerOffset() {
        return upperLayerOffset;
    }

    /** Absolute offset of the Next Header field that names the upper-layer protocol. */
    public int upperLayerNextHeaderField() {
        return upperLayerNextHeaderField;
    }

    /**
     * Absolute offset just after the IPv4 header, or after IPv6's hop-by-hop, routing and fragment headers (and any
     * destination options header before a routing header): where ESP or AH goes in transport mode (RFC 4303 §3.1.1,
     * RFC 4302 §3.1.1). Destination options after that point are protected.
     */
    public int insertOffset() {
        return insertOffset;
    }

    /** Absolute offset of the Next Header field that names the header at {@link #insertOffset()}. */
    public int insertNextHeaderField() {
        return insertNextHeaderField;
    }

    /** True for any fragment, first or not: an IPv4 packet with MF set or a non-zero offset, an IPv6 one with a fragment header. */
    public boolean isFragment() {
        return fragment;
    }

    /** True for a fragment other than the first: its upper-layer header is elsewhere (RFC 4301 §7 "OPAQUE" ports). */
    public boolean isNonFirstFragment() {
        return fragmentOffset != 0;
    }
}
