package dev.petrel.wire.esp;

import dev.petrel.wire.ip.IpPacket;

/**
 * The ESP header and trailer fields (RFC 4303 §2): SPI and Sequence Number in front, then the IV and the
 * ciphertext, whose last two octets are Pad Length and Next Header, then the ICV. Stateless and allocation-free.
 */
public final class EspHeader {
    /** SPI and Sequence Number. */
    public static final int LENGTH = 8;
    /** Pad Length and Next Header. */
    public static final int TRAILER_LENGTH = 2;
    /** The largest Pad Length (RFC 4303 §2.4). */
    public static final int MAX_PAD_LENGTH = 255;

    private EspHeader() {}

    public static int spi(byte[] buf, int off) {
        return (IpPacket.u16(buf, off) << 16) | IpPacket.u16(buf, off + 2);
    }

    /** The 32 bits of the Sequence Number field: the low-order half when ESN is in use (RFC 4303 §2.2.1). */
    public static int sequenceNumber(byte[] buf, int off) {
        return (IpPacket.u16(buf, off + 4) << 16) | IpPacket.u16(buf, off + 6);
    }

    public static void write(byte[] buf, int off, int spi, int sequenceNumberLow) {
        IpPacket.putU16(buf, off, spi >>> 16);
        IpPacket.putU16(buf, off + 2, spi);
        IpPacket.putU16(buf, off + 4, sequenceNumberLow >>> 16);
        IpPacket.putU16(buf, off + 6, sequenceNumberLow);
    }

    /**
     * The ciphertext length for {@code payloadLength} octets of payload: payload, the fewest pad octets, Pad Length
     * and Next Header, filling whole {@code alignment}-octet blocks (RFC 4303 §2.4).
     */
    public static int ciphertextLength(int payloadLength, int alignment) {
        return payloadLength + TRAILER_LENGTH + Math.floorMod(-(payloadLength + TRAILER_LENGTH), alignment);
    }

    /**
     * Writes the padding, Pad Length and Next Header after {@code payloadLength} octets of payload at
     * {@code payloadOff}: pad octets 1, 2, 3… (RFC 4303 §2.4), so that payload and trailer fill whole
     * {@code alignment}-octet blocks.
     *
     * @return the length of payload, padding and trailer
     */
    public static int writeTrailer(byte[] buf, int payloadOff, int payloadLength, int alignment, int nextHeader) {
        int padLength = ciphertextLength(payloadLength, alignment) - payloadLength - TRAILER_LENGTH;
        int pos = payloadOff + payloadLength;
        for (int i = 1; i <= padLength; i++) {
            buf[pos++] = (byte) i;
        }
        buf[pos++] = (byte) padLength;
        buf[pos++] = (byte) nextHeader;
        return pos - payloadOff;
    }
}
