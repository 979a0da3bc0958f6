package dev.petrel.gateway.os.tun;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.util.Arrays;

/**
 * The receiving half of TUN offloads: consecutive segments of one TCP flow, as they come out of the tunnel, joined
 * into one packet of up to 64 KiB that a single write hands to the kernel with a {@link VirtioNetHeader} saying how
 * to cut it again (generic receive offload, as the kernel's own GRO does it). Only what GRO would join is joined: no IP
 * options or IPv6 extension headers, plain ACK segments (PSH allowed on the last), one size but the last, the next
 * sequence number, the same acknowledgement, window, options and IP fields. Confined to the inbound worker.
 */
public final class TcpCoalescer {
    private static final int MAX = 65_535;
    private static final int TCP_HEADER = 20;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final int HEADER = VirtioNetHeader.LENGTH;

    private final byte[] held = new byte[HEADER + MAX];
    /** Octets of the held packet after the virtio header; 0 when none is held. */
    private int length;
    private int ipLength;
    private int headerLength;
    private int segmentSize;
    private int segments;
    private long nextSequence;
    private boolean closed;

    /** Whether a packet is held. */
    public boolean holding() {
        return length > 0;
    }

    /**
     * Joins the packet {@code b[off, off+len)} to the held one when it continues it; starts holding it when nothing is
     * held and it could be continued. False when it neither joins nor can be held: the caller then {@link #take}s what
     * is held (if anything) and writes this packet itself.
     */
    public boolean add(byte[] b, int off, int len) {
        int ip = joinableIpHeader(b, off, len);
        if (ip < 0) {
            return false;
        }
        int tcp = off + ip;
        int tcpHeader = (b[tcp + 12] & 0xf0) >>> 2;
        int payload = len - ip - tcpHeader;
        int flags = b[tcp + 13] & 0xff;
        if (tcpHeader < TCP_HEADER || payload <= 0 || (flags & ~(ACK | PSH)) != 0 || (flags & ACK) == 0) {
            return false;
        }
        long sequence = IpPacket.u32(b, tcp + 4);
        if (length == 0) {
            if (HEADER + len > held.length) {
                return false;
            }
            System.arraycopy(b, off, held, HEADER, len);
            length = len;
            ipLength = ip;
            headerLength = ip + tcpHeader;
            segmentSize = payload;
            segments = 1;
            nextSequence = (sequence + payload) & 0xffffffffL;
            closed = (flags & PSH) != 0;
            return true;
        }
        if (closed || ip != ipLength || ip + tcpHeader != headerLength || payload > segmentSize
                || sequence != nextSequence || length + payload > MAX || !sameFlow(b, off, tcp)) {
            return false;
        }
        System.arraycopy(b, off + headerLength, held, HEADER + length, payload);
        length += payload;
        segments++;
        nextSequence = (sequence + payload) & 0xffffffffL;
        if ((flags & PSH) != 0) {
            held[HEADER + ipLength + 13] |= PSH;
        }
        closed = payload < segmentSize || (flags & PSH) != 0; // a short segment or PSH ends what GRO would join
        return true;
    }

    /**
     * Finishes the held packet for writing: its header, IP length and checksums; returns its length from offset 0 of
     * {@link #buffer()}, header included, and holds nothing afterwards. 0 when nothing was held.
     */
    public int take() {
        if (length == 0) {
            return 0;
        }
        int out = HEADER + length;
        Arrays.fill(held, 0, HEADER, (byte) 0);
        if (segments > 1) {
            boolean v4 = IpPacket.version(held, HEADER, length) == 4;
            if (v4) {
                Ipv4Header.setTotalLength(held, HEADER, length);
                Ipv4Header.updateChecksum(held, HEADER);
            } else {
                Ipv6Header.setPayloadLength(held, HEADER, length - Ipv6Header.LENGTH);
            }
            held[0] = VirtioNetHeader.F_NEEDS_CSUM;
            held[1] = (byte) (v4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6);
            putLittle(held, 2, headerLength);
            putLittle(held, 4, segmentSize);
            putLittle(held, 6, ipLength);
            putLittle(held, 8, 16); // the TCP checksum field
            // CHECKSUM_PARTIAL: the field holds the pseudo-header sum, uncomplemented, for the kernel to finish
            int tcp = HEADER + ipLength;
            int tcpLength = length - ipLength;
            int pseudo = ~InternetChecksum.withPseudoHeader(held, HEADER + (v4 ? Ipv4Header.SOURCE_OFFSET : Ipv6Header.SOURCE_OFFSET),
                    v4 ? 4 : 16, IpProtocol.TCP, tcp, 0) & 0xffff;
            IpPacket.putU16(held, tcp + 16, pseudoWithLength(pseudo, tcpLength));
        }
        length = 0;
        return out;
    }

    /** The array {@link #take} finished the packet in. */
    public byte[] buffer() {
        return held;
    }

    /** The pseudo-header sum of addresses and protocol, with the TCP length added, folded. */
    private static int pseudoWithLength(int sum, int tcpLength) {
        int s = sum + tcpLength;
        s = (s & 0xffff) + (s >>> 16);
        return (s & 0xffff) + (s >>> 16);
    }

    /** The IP header's length when the packet is TCP without IP options or extension headers, else -1. */
    private static int joinableIpHeader(byte[] b, int off, int len) {
        int version = IpPacket.version(b, off, len);
        int ip;
        if (version == 4 && len >= Ipv4Header.MIN_LENGTH && Ipv4Header.headerLength(b, off) == Ipv4Header.MIN_LENGTH
                && Ipv4Header.protocol(b, off) == IpProtocol.TCP && !Ipv4Header.isFragment(b, off)) {
            ip = Ipv4Header.MIN_LENGTH;
        } else if (version == 6 && len >= Ipv6Header.LENGTH && Ipv6Header.nextHeader(b, off) == IpProtocol.TCP) {
            ip = Ipv6Header.LENGTH;
        } else {
            return -1;
        }
        return len >= ip + TCP_HEADER ? ip : -1;
    }

    /** Same addresses, traffic class, TTL, ports, acknowledgement, window and options as the held packet. */
    private boolean sameFlow(byte[] b, int off, int tcp) {
        int h = HEADER;
        boolean v4 = ipLength == Ipv4Header.MIN_LENGTH;
        // IPv4: TOS, flags (DF), TTL, protocol, addresses; IPv6: version, class and flow label, next header, hop limit, addresses
        boolean ipSame = v4
                ? b[off + 1] == held[h + 1] && (b[off + 6] & 0xe0) == (held[h + 6] & 0xe0)
                        && Arrays.equals(b, off + 8, off + 10, held, h + 8, h + 10)
                        && Arrays.equals(b, off + 12, off + 20, held, h + 12, h + 20)
                : Arrays.equals(b, off, off + 4, held, h, h + 4) && Arrays.equals(b, off + 6, off + 40, held, h + 6, h + 40);
        int t = h + ipLength;
        return ipSame
                && Arrays.equals(b, tcp, tcp + 4, held, t, t + 4) // ports
                && Arrays.equals(b, tcp + 8, tcp + 12, held, t + 8, t + 12) // acknowledgement
                && b[tcp + 12] == held[t + 12] // data offset
                && Arrays.equals(b, tcp + 14, tcp + 16, held, t + 14, t + 16) // window
                && Arrays.equals(b, tcp + TCP_HEADER, tcp + headerLength - ipLength, held, t + TCP_HEADER, t + headerLength - ipLength);
    }

    private static void putLittle(byte[] b, int off, int value) {
        b[off] = (byte) value;
        b[off + 1] = (byte) (value >>> 8);
    }
}
