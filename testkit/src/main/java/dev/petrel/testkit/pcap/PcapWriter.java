package dev.petrel.testkit.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes classic pcap files (microsecond timestamps, little-endian) that {@link PcapReader}, tshark and tcpdump
 * read. Link types are {@link PcapReader}'s constants or e.g. {@link #IPV4}/{@link #IPV6}; with
 * {@link PcapReader#RAW} each record is one IPv4 or IPv6 packet, told apart by its version nibble.
 */
public final class PcapWriter {
    /** LINKTYPE_IPV4: every record is an IPv4 packet. */
    public static final int IPV4 = 228;
    /** LINKTYPE_IPV6: every record is an IPv6 packet. */
    public static final int IPV6 = 229;
    private static final int SNAPLEN = 262_144;

    private PcapWriter() {}

    /** Writes {@code frames} as records one millisecond apart, starting at the Unix epoch (deterministic output). */
    public static void write(Path file, int linkType, List<byte[]> frames) throws IOException {
        int size = 24;
        for (byte[] f : frames) {
            if (f.length > SNAPLEN) {
                throw new IllegalArgumentException("a frame of " + f.length + " octets exceeds the snapshot length " + SNAPLEN);
            }
            size += 16 + f.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(linkType);
        long micros = 0;
        for (byte[] f : frames) {
            out.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(f.length).putInt(f.length).put(f);
            micros += 1_000;
        }
        Files.write(file, out.array());
    }

    /** Writes IP packets with LINKTYPE_RAW. */
    public static void writeIp(Path file, List<byte[]> packets) throws IOException {
        write(file, PcapReader.RAW, packets);
    }
}
