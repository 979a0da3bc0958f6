package dev.petrel.gateway.os.tun;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;

/**
 * Completes what a TUN device with offloads hands over: a packet whose transport checksum is partial gets it finished,
 * and a TCP segment of up to 64 KiB (GSO) is cut into segments of the size the header names, each a whole packet with
 * its IP length, IPv4 identification, TCP sequence number, flags and checksums right (what the kernel's own TCP
 * segmentation does: RFC 9293 §3.7; FIN and PSH only on the last, CWR only on the first). One instance per thread.
 */
public final class TcpSegmenter {
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    private byte[] held = new byte[0];
    private int heldLength;
    private int ipLength;
    private int headerLength;
    private int segmentSize;
    private int offset;
    private int index;

    /** Whether segments of the last GSO packet are still to be taken. */
    public boolean pending() {
        return offset < heldLength;
    }

    /**
     * Takes the packet {@code b[off, off+len)} that followed {@code header} at {@code header[headerOff...]}. A whole
     * packet is finished in place and its length returned; a GSO packet is kept, and its segments come from
     * {@link #next}: then 0 is returned. A packet that is not what the header says is returned as it is (the policy
     * and the SA reject what is malformed).
     */
    public int accept(byte[] header, int headerOff, byte[] b, int off, int len) {
        int gso = VirtioNetHeader.gsoType(header, headerOff) & ~VirtioNetHeader.GSO_ECN;
        if (gso == VirtioNetHeader.GSO_NONE || len < 1) {
            if ((VirtioNetHeader.flags(header, headerOff) & VirtioNetHeader.F_NEEDS_CSUM) != 0) {
                finishChecksum(b, off, len, VirtioNetHeader.csumStart(header, headerOff), VirtioNetHeader.csumOffset(header, headerOff));
            }
            return len;
        }
        int ip = ipHeaderLength(b, off, len);
        if (ip < 0 || len < ip + 20 || protocol(b, off) != IpProtocol.TCP) {
            return len;
        }
        int tcpHeader = (b[off + ip + 12] & 0xf0) >>> 2;
        int size = VirtioNetHeader.gsoSize(header, headerOff);
        if (tcpHeader < 20 || len < ip + tcpHeader || size <= 0) {
            return len;
        }
        if (held.length < len) {
            held = new byte[Math.max(len, 65_536 + 256)];
        }
        System.arraycopy(b, off, held, 0, len);
        heldLength = len;
        ipLength = ip;
        headerLength = ip + tcpHeader;
        segmentSize = size;
        offset = headerLength;
        index = 0;
        return 0;
    }

    /** Writes the next segment of the held GSO packet to {@code b[off...]} and returns its length; 0 when none is left. */
    public int next(byte[] b, int off) {
        if (!pending()) {
            return 0;
        }
        int payload = Math.min(segmentSize, heldLength - offset);
        boolean last = offset + payload >= heldLength;
        System.arraycopy(held, 0, b, off, headerLength);
        System.arraycopy(held, offset, b, off + headerLength, payload);
        int length = headerLength + payload;
        int ip = ipLength;
        int tcp = off + ip;
        if (IpPacket.version(b, off, length) == 4) {
            Ipv4Header.setTotalLength(b, off, length);
            Ipv4Header.setIdentification(b, off, Ipv4Header.identification(held, 0) + index);
            Ipv4Header.updateChecksum(b, off);
        } else {
            Ipv6Header.setPayloadLength(b, off, length - Ipv6Header.LENGTH);
        }
        long sequence = (IpPacket.u32(held, ip + 4) + (long) (offset - headerLength)) & 0xffffffffL;
        IpPacket.putU32(b, tcp + 4, (int) sequence);
        int flags = b[tcp + 13] & 0xff;
        if (!last) {
            flags &= ~(FIN | PSH);
        }
        if (index > 0) {
            flags &= ~CWR;
        }
        b[tcp + 13] = (byte) flags;
        IpPacket.putU16(b, tcp + 16, 0);
        IpPacket.putU16(b, tcp + 16, transportChecksum(b, off, tcp, length - ip));
        offset += payload;
        index++;
        return length;
    }

    /** Completes a partial checksum: the field already holds the pseudo-header sum (CHECKSUM_PARTIAL). */
    private static void finishChecksum(byte[] b, int off, int len, int start, int field) {
        if (start + field + 2 > len) {
            return;
        }
        int checksum = InternetChecksum.compute(b, off + start, len - start);
        // RFC 768: a UDP checksum that comes out zero is sent as all ones
        IpPacket.putU16(b, off + start + field, checksum == 0 && protocol(b, off) == IpProtocol.UDP ? 0xffff : checksum);
    }

    private static int transportChecksum(byte[] b, int off, int tcp, int tcpLength) {
        boolean v4 = IpPacket.version(b, off, tcpLength) == 4;
        return InternetChecksum.withPseudoHeader(b, off + (v4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET),
                v4 ? 4 : 16, IpProtocol.TCP, tcp, tcpLength);
    }

    private static int ipHeaderLength(byte[] b, int off, int len) {
        int version = IpPacket.version(b, off, len);
        return version == 4 ? Ipv4Header.headerLength(b, off) : version == 6 ? Ipv6Header.LENGTH : -1;
    }

    private static int protocol(byte[] b, int off) {
        return IpPacket.version(b, off, 1) == 4 ? Ipv4Header.protocol(b, off) : Ipv6Header.nextHeader(b, off);
    }
}
