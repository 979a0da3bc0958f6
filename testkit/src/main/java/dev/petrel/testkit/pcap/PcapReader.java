package dev.petrel.testkit.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads classic pcap files (not pcapng) and returns each frame's IP packet. */
public final class PcapReader {
    /** LINKTYPE_ETHERNET. */
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: the frame is an IPv4 or IPv6 packet. */
    public static final int RAW = 101;
    /** LINKTYPE_LINUX_SLL ("any" interface captures). */
    public static final int LINUX_SLL = 113;

    private PcapReader() {}

    /** The IP packets of every frame, link-layer header removed; frames that carry no IP are left out. */
    public static List<byte[]> ipPackets(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException(file + " is not a classic pcap file (pcapng? write it with -F pcap)");
        }
        int linkType = in.getInt(20);
        in.position(24);
        List<byte[]> packets = new ArrayList<>();
        while (in.remaining() >= 16) {
            in.position(in.position() + 8);
            int captured = in.getInt();
            in.getInt();
            if (captured < 0 || captured > in.remaining()) {
                throw new IOException(file + ": truncated record");
            }
            byte[] frame = new byte[captured];
            in.get(frame);
            int ipOffset = switch (linkType) {
                case RAW -> 0;
                case ETHERNET -> isIp(frame, 12) ? 14 : -1;
                case LINUX_SLL -> isIp(frame, 14) ? 16 : -1;
                default -> throw new IOException(file + ": unsupported link type " + linkType);
            };
            if (ipOffset >= 0) {
                packets.add(Arrays.copyOfRange(frame, ipOffset, frame.length));
            }
        }
        return packets;
    }

    private static boolean isIp(byte[] frame, int etherTypeOffset) {
        if (frame.length < etherTypeOffset + 2) {
            return false;
        }
        int etherType = (frame[etherTypeOffset] & 0xff) << 8 | (frame[etherTypeOffset + 1] & 0xff);
        return etherType == 0x0800 || etherType == 0x86dd;
    }
}
