package dev.petrel.wire.ike;

import dev.petrel.wire.ike.IkeDecodeException.Kind;
import java.util.Objects;

/**
 * The IKE header (RFC 7296 §3.1). The Message ID is an unsigned 32-bit number held in an {@code int}, and so is the
 * Length. Encoding writes version 2.0; decoding rejects a major version other than 2, ignores the minor version and
 * the Version flag, and leaves checking the length to {@link IkeMessage#decode}.
 */
public record IkeHeader(long initiatorSpi, long responderSpi, int nextPayload, int exchangeType, boolean initiator,
        boolean response, int messageId, int length) {
    public static final int LENGTH = 28;
    private static final int VERSION_2_0 = 0x20;
    private static final int FLAG_INITIATOR = 0x08;
    private static final int FLAG_RESPONSE = 0x20;

    public IkeHeader {
        Checks.u8("next payload", nextPayload);
        Checks.u8("exchange type", exchangeType);
    }

    /**
     * Decodes the header at the start of {@code b[off, off + len)}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code b}: the caller's mistake, not the peer's
     */
    public static IkeHeader decode(byte[] b, int off, int len) throws IkeDecodeException {
        return decode(b, off, len, true);
    }

    /**
     * Decodes a header of any major version, so that a request of a newer IKE version can be answered with
     * INVALID_MAJOR_VERSION from its SPIs and Message ID (RFC 7296 §1.5, §2.5). Returns the header fields only.
     */
    public static IkeHeader decodeAnyVersion(byte[] b, int off, int len) throws IkeDecodeException {
        return decode(b, off, len, false);
    }

    /** The major version of the header at {@code b[off]}, which must hold at least {@link #LENGTH} octets. */
    public static int majorVersion(byte[] b, int off) {
        Objects.checkFromIndexSize(off, LENGTH, b.length);
        return (b[off + 17] & 0xff) >>> 4;
    }

    private static IkeHeader decode(byte[] b, int off, int len, boolean version2) throws IkeDecodeException {
        Objects.checkFromIndexSize(off, len, b.length);
        Reader r = new Reader(b, off, len);
        long initiatorSpi = (long) r.u32("header.initiatorSpi") << 32 | Integer.toUnsignedLong(r.u32("header.initiatorSpi"));
        long responderSpi = (long) r.u32("header.responderSpi") << 32 | Integer.toUnsignedLong(r.u32("header.responderSpi"));
        int nextPayload = r.u8("header.nextPayload");
        int version = r.u8("header.version");
        if (version2 && version >>> 4 != 2) {
            throw new IkeDecodeException(Kind.INVALID_MAJOR_VERSION, "header.version", 0, "major version " + (version >>> 4));
        }
        int exchangeType = r.u8("header.exchangeType");
        int flags = r.u8("header.flags");
        return new IkeHeader(initiatorSpi, responderSpi, nextPayload, exchangeType, (flags & FLAG_INITIATOR) != 0,
                (flags & FLAG_RESPONSE) != 0, r.u32("header.messageId"), r.u32("header.length"));
    }

    /** Writes the header as it is, including {@link #nextPayload} and {@link #length}, at {@code off}. */
    public void encode(byte[] out, int off) {
        Objects.checkFromIndexSize(off, LENGTH, out.length);
        putU32(out, off, (int) (initiatorSpi >>> 32));
        putU32(out, off + 4, (int) initiatorSpi);
        putU32(out, off + 8, (int) (responderSpi >>> 32));
        putU32(out, off + 12, (int) responderSpi);
        out[off + 16] = (byte) nextPayload;
        out[off + 17] = VERSION_2_0;
        out[off + 18] = (byte) exchangeType;
        out[off + 19] = (byte) ((initiator ? FLAG_INITIATOR : 0) | (response ? FLAG_RESPONSE : 0));
        putU32(out, off + 20, messageId);
        putU32(out, off + 24, length);
    }

    /** The Message ID as the unsigned number it is. */
    public long messageIdUnsigned() {
        return Integer.toUnsignedLong(messageId);
    }

    /** The SPIs in hex and the Message ID unsigned. */
    @Override
    public String toString() {
        return "IkeHeader[initiatorSpi=%016x, responderSpi=%016x, nextPayload=%d, exchangeType=%d, initiator=%b, response=%b, messageId=%d, length=%d]"
                .formatted(initiatorSpi, responderSpi, nextPayload, exchangeType, initiator, response, messageIdUnsigned(), Integer.toUnsignedLong(length));
    }

    private static void putU32(byte[] out, int off, int v) {
        out[off] = (byte) (v >>> 24);
        out[off + 1] = (byte) (v >>> 16);
        out[off + 2] = (byte) (v >>> 8);
        out[off + 3] = (byte) v;
    }
}
