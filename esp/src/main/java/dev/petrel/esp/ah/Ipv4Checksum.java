package dev.petrel.esp.ah;

/** The IPv4 header checksum (RFC 791 §3.1, RFC 1071): the ones' complement of the ones' complement sum. */
final class Ipv4Checksum {
    private Ipv4Checksum() {}

    /** Computes and stores the checksum of the IPv4 header at {@code off}, of {@code length} octets. */
    static void update(byte[] buf, int off, int length) {
        buf[off + 10] = 0;
        buf[off + 11] = 0;
        int sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += AhLayout.u16(buf, off + i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        AhLayout.putU16(buf, off + 10, ~sum & 0xffff);
    }
}
