package dev.petrel.wire.ip;

/** What IPv4 and IPv6 share: the version nibble and 16-bit big-endian fields. */
public final class IpPacket {
    private IpPacket() {}

    /** The version nibble of the packet at {@code off} (4 or 6 for the packets Petrel handles), or -1 if {@code len} is 0. */
    public static int version(byte[] buf, int off, int len) {
        return len < 1 ? -1 : (buf[off] & 0xff) >>> 4;
    }

    /** The unsigned 16-bit big-endian value at {@code off}. */
    public static int u16(byte[] buf, int off) {
        return ((buf[off] & 0xff) << 8) | (buf[off + 1] & 0xff);
    }

    /** Writes the low 16 bits of {@code value} big-endian at {@code off}. */
    public static void putU16(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
    }

    public static long u32(byte[] buf, int off) {
        return ((long) u16(buf, off) << 16) | u16(buf, off + 2);
    }

    public static void putU32(byte[] buf, int off, int value) {
        putU16(buf, off, value >>> 16);
        putU16(buf, off + 2, value);
    }
}
