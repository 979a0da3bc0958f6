package dev.petrel.wire.ip;

/**
 * Accessors for an IPv4 header (RFC 791 §3.1) at an offset in a byte array. Stateless and allocation-free; the
 * caller first checks the header with {@link #validate}, after which the getters stay within the header.
 */
public final class Ipv4Header {
    /** Length of a header without options. */
    public static final int MIN_LENGTH = 20;
    /** Offset of the source address in the header. */
    public static final int SOURCE_OFFSET = 12;
    /** Offset of the destination address in the header. */
    public static final int DESTINATION_OFFSET = 16;
    public static final int ADDRESS_LENGTH = 4;

    private static final int TOS = 1;
    private static final int TOTAL_LENGTH = 2;
    private static final int IDENTIFICATION = 4;
    private static final int FLAGS_FRAGMENT = 6;
    private static final int TTL = 8;
    /** Offset of the Protocol field, which names the header that follows. */
    public static final int PROTOCOL_OFFSET = 9;
    private static final int CHECKSUM = 10;
    private static final int DONT_FRAGMENT = 0x4000;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    private Ipv4Header() {}

    /**
     * Checks that {@code buf[off, off+len)} starts with a well-formed IPv4 header: version 4, a header length of at
     * least 20 octets that fits, and a total length between the header length and {@code len} (octets after the
     * total length, e.g. link-layer padding, are not part of the packet).
     *
     * @return the total length, or -1 when the header is malformed
     */
    public static int validate(byte[] buf, int off, int len) {
        if (len < MIN_LENGTH || IpPacket.version(buf, off, len) != 4) {
            return -1;
        }
        int headerLength = headerLength(buf, off);
        int totalLength = totalLength(buf, off);
        if (headerLength < MIN_LENGTH || totalLength < headerLength || totalLength > len) {
            return -1;
        }
        return totalLength;
    }

    /** The header length in octets: IHL × 4 (RFC 791 §3.1). */
    public static int headerLength(byte[] buf, int off) {
        return (buf[off] & 0x0f) * 4;
    }

    /** The Type of Service octet: DSCP (upper 6 bits, RFC 2474) and ECN (lower 2 bits, RFC 3168). */
    public static int trafficClass(byte[] buf, int off) {
        return buf[off + TOS] & 0xff;
    }

    /** The ECN field: the low 2 bits of the TOS octet (RFC 3168 §5). */
    public static int ecn(byte[] buf, int off) {
        return buf[off + TOS] & 0x03;
    }

    /**
     * Sets the ECN field (the low 2 bits of the TOS octet, RFC 3168 §5), keeping the DSCP, and updates the header
     * checksum incrementally (RFC 1624 eqn. 3), so that a correct checksum stays correct and an incorrect one stays
     * incorrect. Allocation-free; {@code ecn} is taken modulo 4.
     */
    public static void setEcn(byte[] buf, int off, int ecn) {
        int before = IpPacket.u16(buf, off);
        buf[off + TOS] = (byte) ((buf[off + TOS] & 0xfc) | (ecn & 0x03));
        IpPacket.putU16(buf, off + CHECKSUM, InternetChecksum.adjust(checksum(buf, off), before, IpPacket.u16(buf, off)));
    }

    public static int totalLength(byte[] buf, int off) {
        return IpPacket.u16(buf, off + TOTAL_LENGTH);
    }

    public static void setTotalLength(byte[] buf, int off, int totalLength) {
        IpPacket.putU16(buf, off + TOTAL_LENGTH, totalLength);
    }

    public static int identification(byte[] buf, int off) {
        return IpPacket.u16(buf, off + IDENTIFICATION);
    }

    public static void setIdentification(byte[] buf, int off, int identification) {
        IpPacket.putU16(buf, off + IDENTIFICATION, identification);
    }

    public static boolean dontFragment(byte[] buf, int off) {
        return (IpPacket.u16(buf, off + FLAGS_FRAGMENT) & DONT_FRAGMENT) != 0;
    }

    public static boolean moreFragments(byte[] buf, int off) {
        return (IpPacket.u16(buf, off + FLAGS_FRAGMENT) & MORE_FRAGMENTS) != 0;
    }

    /** The fragment offset in 8-octet units; non-zero for every fragment but the first. */
    public static int fragmentOffset(byte[] buf, int off) {
        return IpPacket.u16(buf, off + FLAGS_FRAGMENT) & FRAGMENT_OFFSET_MASK;
    }

    /** True for any fragment, first or not: MF set or a non-zero offset. */
    public static boolean isFragment(byte[] buf, int off) {
        return (IpPacket.u16(buf, off + FLAGS_FRAGMENT) & (MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0;
    }

    public static int ttl(byte[] buf, int off) {
        return buf[off + TTL] & 0xff;
    }

    public static void setTtl(byte[] buf, int off, int ttl) {
        buf[off + TTL] = (byte) ttl;
    }

    public static int protocol(byte[] buf, int off) {
        return buf[off + PROTOCOL_OFFSET] & 0xff;
    }

    public static void setProtocol(byte[] buf, int off, int protocol) {
        buf[off + PROTOCOL_OFFSET] = (byte) protocol;
    }

    public static int checksum(byte[] buf, int off) {
        return IpPacket.u16(buf, off + CHECKSUM);
    }

    /** Recomputes the header checksum (RFC 791 §3.1, RFC 1071) over the header length the header states. */
    public static void updateChecksum(byte[] buf, int off) {
        IpPacket.putU16(buf, off + CHECKSUM, 0);
        IpPacket.putU16(buf, off + CHECKSUM, InternetChecksum.compute(buf, off, headerLength(buf, off)));
    }

    /** True when the header checksum is correct. */
    public static boolean verifyChecksum(byte[] buf, int off) {
        return InternetChecksum.compute(buf, off, headerLength(buf, off)) == 0;
    }

    /**
     * Writes a 20-octet header without options, checksum included.
     *
     * @param dontFragment sets the DF flag (RFC 791 §3.1)
     */
    public static void write(byte[] buf, int off, int tos, int totalLength, int identification, boolean dontFragment,
                             int ttl, int protocol, byte[] source, byte[] destination) {
        buf[off] = 0x45;
        buf[off + TOS] = (byte) tos;
        IpPacket.putU16(buf, off + TOTAL_LENGTH, totalLength);
        IpPacket.putU16(buf, off + IDENTIFICATION, identification);
        IpPacket.putU16(buf, off + FLAGS_FRAGMENT, dontFragment ? DONT_FRAGMENT : 0);
        buf[off + TTL] = (byte) ttl;
        buf[off + PROTOCOL_OFFSET] = (byte) protocol;
        System.arraycopy(source, 0, buf, off + SOURCE_OFFSET, ADDRESS_LENGTH);
        System.arraycopy(destination, 0, buf, off + DESTINATION_OFFSET, ADDRESS_LENGTH);
        updateChecksum(buf, off);
    }
}
