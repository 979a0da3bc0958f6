package dev.petrel.gateway.dataplane;

import dev.petrel.esp.packet.IpLayout;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;

/**
 * Lowers the Maximum Segment Size option (RFC 9293 §3.7.1) of TCP SYN and SYN-ACK segments that cross the tunnel,
 * so that hosts behind the gateways choose segments that fit it even where path MTU discovery is blocked. The TCP
 * checksum is updated incrementally (RFC 1624 eqn. 3). One instance per thread; allocates nothing.
 */
final class MssClamp {
    private static final int TCP_HEADER = 20;
    private static final int SYN = 0x02;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_MSS = 2;

    private final IpLayout layout = new IpLayout();

    /** The MSS a packet of at most {@code maxPacket} octets of IP version {@code version} leaves for TCP payload. */
    static int mssFor(int maxPacket, int version) {
        return maxPacket - (version == 4 ? 20 : 40) - TCP_HEADER;
    }

    /**
     * Clamps the MSS of the packet {@code buf[off, off+len)} to {@code limit} when it is a TCP SYN whose MSS is
     * larger, in place.
     *
     * @return true when the packet was changed
     */
    boolean clamp(byte[] buf, int off, int len, int limit) {
        if (!layout.parse(buf, off, len) || layout.upperLayerProtocol() != IpProtocol.TCP || layout.isFragment()) {
            return false;
        }
        int tcp = layout.upperLayerOffset();
        int end = off + layout.packetLength();
        if (tcp + TCP_HEADER > end || (buf[tcp + 13] & SYN) == 0) {
            return false;
        }
        int headerEnd = Math.min(end, tcp + ((buf[tcp + 12] & 0xf0) >>> 2));
        for (int o = tcp + TCP_HEADER; o < headerEnd; ) {
            int kind = buf[o] & 0xff;
            if (kind == OPTION_END) {
                return false;
            }
            if (kind == OPTION_NOP) {
                o++;
                continue;
            }
            if (o + 1 >= headerEnd || (buf[o + 1] & 0xff) < 2) {
                return false;
            }
            int optionLength = buf[o + 1] & 0xff;
            if (kind == OPTION_MSS && optionLength == 4 && o + 4 <= headerEnd) {
                int mss = IpPacket.u16(buf, o + 2);
                if (mss <= limit) {
                    return false;
                }
                IpPacket.putU16(buf, o + 2, limit);
                IpPacket.putU16(buf, tcp + 16, InternetChecksum.adjust(IpPacket.u16(buf, tcp + 16), mss, limit));
                return true;
            }
            o += optionLength;
        }
        return false;
    }
}
