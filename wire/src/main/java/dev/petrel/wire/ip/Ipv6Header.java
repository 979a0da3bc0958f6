package dev.petrel.wire.ip;

/** Accessors for the fixed IPv6 header (RFC 8200 §3) at an offset in a byte array. Stateless and allocation-free. */
public final class Ipv6Header {
    public static final int LENGTH = 40;
    public static final int SOURCE_OFFSET = 8;
    public static final int DESTINATION_OFFSET = 24;
    public static final int ADDRESS_LENGTH = 16;
    /** Offset of the Next Header field. */
    public static final int NEXT_HEADER_OFFSET = 6;

    private static final int PAYLOAD_LENGTH = 4;
    private static final int HOP_LIMIT = 7;

    private Ipv6Header() {}

    /**
     * Checks that {@code buf[off, off+len)} starts with an IPv6 header whose payload fits in {@code len}
     * (octets after it are not part of the packet). Jumbograms (payload length 0, RFC 2675) are not accepted.
     *
     * @return the packet length (40 + payload length), or -1 when malformed
     */
    public static int validate(byte[] buf, int off, int len) {
        if (len < LENGTH || IpPacket.version(buf, off, len) != 6) {
            return -1;
        }
        int total = LENGTH + payloadLength(buf, off);
        return total > len ? -1 : total;
    }

    /** The Traffic Class octet: DSCP (upper 6 bits) and ECN (lower 2 bits). */
    public static int trafficClass(byte[] buf, int off) {
        return ((buf[off] & 0x0f) << 4) | ((buf[off + 1] & 0xff) >>> 4);
    }

    /** The ECN field: the low 2 bits of the Traffic Class (RFC 3168 §5). */
    public static int ecn(byte[] buf, int off) {
        return ((buf[off + 1] & 0xff) >>> 4) & 0x03;
    }

    /** Sets the ECN field (the low 2 bits of the Traffic Class, RFC 3168 §5), keeping the DSCP; {@code ecn} is taken modulo 4. */
    public static void setEcn(byte[] buf, int off, int ecn) {
        buf[off + 1] = (byte) ((buf[off + 1] & 0xcf) | ((ecn & 0x03) << 4));
    }

    public static int flowLabel(byte[] buf, int off) {
        return ((buf[off + 1] & 0x0f) << 16) | IpPacket.u16(buf, off + 2);
    }

    public static int payloadLength(byte[] buf, int off) {
        return IpPacket.u16(buf, off + PAYLOAD_LENGTH);
    }

    public static void setPayloadLength(byte[] buf, int off, int payloadLength) {
        IpPacket.putU16(buf, off + PAYLOAD_LENGTH, payloadLength);
    }

    public static int nextHeader(byte[] buf, int off) {
        return buf[off + NEXT_HEADER_OFFSET] & 0xff;
    }

    public static void setNextHeader(byte[] buf, int off, int nextHeader) {
        buf[off + NEXT_HEADER_OFFSET] = (byte) nextHeader;
    }

    public static int hopLimit(byte[] buf, int off) {
        return buf[off + HOP_LIMIT] & 0xff;
    }

    public static void setHopLimit(byte[] buf, int off, int hopLimit) {
        buf[off + HOP_LIMIT] = (byte) hopLimit;
    }

    /** Writes a fixed header. */
    public static void write(byte[] buf, int off, int trafficClass, int flowLabel, int payloadLength, int nextHeader,
                             int hopLimit, byte[] source, byte[] destination) {
        buf[off] = (byte) (0x60 | (trafficClass >>> 4));
        buf[off + 1] = (byte) (((trafficClass & 0x0f) << 4) | ((flowLabel >>> 16) & 0x0f));
        IpPacket.putU16(buf, off + 2, flowLabel);
        IpPacket.putU16(buf, off + PAYLOAD_LENGTH, payloadLength);
        buf[off + NEXT_HEADER_OFFSET] = (byte) nextHeader;
        buf[off + HOP_LIMIT] = (byte) hopLimit;
        System.arraycopy(source, 0, buf, off + SOURCE_OFFSET, ADDRESS_LENGTH);
        System.arraycopy(destination, 0, buf, off + DESTINATION_OFFSET, ADDRESS_LENGTH);
    }
}
