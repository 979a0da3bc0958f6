package dev.petrel.gateway.os.tun;

/**
 * The {@code struct virtio_net_hdr} in front of every packet of a TUN device opened with IFF_VNET_HDR (Linux
 * include/uapi/linux/virtio_net.h), in host (little-endian) order: flags, GSO type, header length, segment size,
 * and where the checksum the reader must complete starts and sits. Static accessors on the caller's array.
 */
public final class VirtioNetHeader {
    public static final int LENGTH = 10;
    /** The transport checksum holds only the pseudo-header sum: sum from {@code csumStart}, store at + csumOffset. */
    public static final int F_NEEDS_CSUM = 1;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_TCPV6 = 4;
    /** Set on a GSO type when the segments carry ECN's CWR only in the first. */
    public static final int GSO_ECN = 0x80;

    private VirtioNetHeader() {}

    public static int flags(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int gsoType(byte[] b, int off) {
        return b[off + 1] & 0xff;
    }

    public static int gsoSize(byte[] b, int off) {
        return u16(b, off + 4);
    }

    public static int csumStart(byte[] b, int off) {
        return u16(b, off + 6);
    }

    public static int csumOffset(byte[] b, int off) {
        return u16(b, off + 8);
    }

    /** A header that asks nothing of the kernel: a whole packet, its checksums done. */
    public static void writeNone(byte[] b, int off) {
        java.util.Arrays.fill(b, off, off + LENGTH, (byte) 0);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }
}
