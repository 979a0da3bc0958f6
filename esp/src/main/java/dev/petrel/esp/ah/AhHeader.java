package dev.petrel.esp.ah;

import java.util.Arrays;

/**
 * The Authentication Header's wire layout (RFC 4302 §2): next header (1), payload length (1), reserved (2), SPI (4),
 * sequence number (4), then the ICV with padding, so that the whole header is a multiple of 32 bits in IPv4 and
 * of 64 bits in IPv6 (§2.6, §3.3.3.2.1). Static accessors on a caller's buffer; nothing is allocated.
 */
public final class AhHeader {
    /** Octets before the ICV. */
    public static final int FIXED_LENGTH = 12;
    static final int NEXT_HEADER = 0;
    static final int PAYLOAD_LENGTH = 1;
    static final int SPI = 4;
    static final int SEQUENCE_NUMBER = 8;
    static final int ICV = 12;

    private AhHeader() {}

    /** The header length in octets for an ICV of {@code icvLength} octets, with the padding IPv4 or IPv6 needs. */
    public static int length(int icvLength, boolean ipv6) {
        int align = ipv6 ? 8 : 4;
        return (FIXED_LENGTH + icvLength + align - 1) / align * align;
    }

    /** The header length in octets that a payload length field states: (field + 2) 32-bit words (§2.2). */
    public static int lengthFromField(byte[] buf, int off) {
        return ((buf[off + PAYLOAD_LENGTH] & 0xff) + 2) * 4;
    }

    public static int nextHeader(byte[] buf, int off) {
        return buf[off + NEXT_HEADER] & 0xff;
    }

    public static int spi(byte[] buf, int off) {
        return readInt(buf, off + SPI);
    }

    /** The low-order 32 bits of the sequence number, as sent (§2.5). */
    public static int sequenceNumber(byte[] buf, int off) {
        return readInt(buf, off + SEQUENCE_NUMBER);
    }

    /** Writes a header of {@code length} octets (see {@link #length}) with its ICV field and padding zeroed. */
    public static void write(byte[] buf, int off, int nextHeader, int length, int spi, int sequenceNumber) {
        buf[off + NEXT_HEADER] = (byte) nextHeader;
        buf[off + PAYLOAD_LENGTH] = (byte) (length / 4 - 2);
        buf[off + 2] = 0;
        buf[off + 3] = 0;
        writeInt(buf, off + SPI, spi);
        writeInt(buf, off + SEQUENCE_NUMBER, sequenceNumber);
        Arrays.fill(buf, off + ICV, off + length, (byte) 0);
    }

    static int readInt(byte[] buf, int off) {
        return (buf[off] & 0xff) << 24 | (buf[off + 1] & 0xff) << 16 | (buf[off + 2] & 0xff) << 8 | buf[off + 3] & 0xff;
    }

    static void writeInt(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
