package dev.petrel.gateway.os.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the TUN offloads hand over is cut into valid segments, and consecutive segments join back into one. */
class TcpOffloadTest {
    private static final int MSS = 1388;
    private static final long SEQ = 0xfffff000L; // wraps within the packet
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;

    /** A TCP packet with timestamps (12 octets of options) and {@code payload} octets, its checksum as the kernel leaves it. */
    static byte[] tcp(boolean v6, int payload, int flags, boolean partialChecksum, long seq) {
        byte[] src = InetAddress.ofLiteral(v6 ? "2001:db8:1::1" : "198.51.100.1").getAddress();
        byte[] dst = InetAddress.ofLiteral(v6 ? "2001:db8:2::1" : "203.0.113.1").getAddress();
        int ip = v6 ? 40 : 20;
        int tcpLength = 32 + payload;
        byte[] p = new byte[ip + tcpLength];
        if (v6) {
            Ipv6Header.write(p, 0, 0, 0x12345, tcpLength, IpProtocol.TCP, 64, src, dst);
        } else {
            Ipv4Header.write(p, 0, 0, p.length, 777, true, 64, IpProtocol.TCP, src, dst);
        }
        IpPacket.putU16(p, ip, 5201);
        IpPacket.putU16(p, ip + 2, 40000);
        IpPacket.putU32(p, ip + 4, (int) seq);
        IpPacket.putU32(p, ip + 8, 0x01020304);
        p[ip + 12] = (byte) (8 << 4);
        p[ip + 13] = (byte) flags;
        IpPacket.putU16(p, ip + 14, 502);
        byte[] options = {1, 1, 8, 10, 0, 0, 0, 42, 0, 0, 0, 7};
        System.arraycopy(options, 0, p, ip + 20, options.length);
        byte[] data = new byte[payload];
        new Random(payload).nextBytes(data);
        System.arraycopy(data, 0, p, ip + 32, payload);
        int checksum = InternetChecksum.withPseudoHeader(p, v6 ? 8 : 12, v6 ? 16 : 4, IpProtocol.TCP, ip, tcpLength);
        if (partialChecksum) {
            // CHECKSUM_PARTIAL: the pseudo-header sum, uncomplemented
            int pseudo = ~InternetChecksum.withPseudoHeader(p, v6 ? 8 : 12, v6 ? 16 : 4, IpProtocol.TCP, ip, 0) & 0xffff;
            int s = pseudo + tcpLength;
            s = (s & 0xffff) + (s >>> 16);
            IpPacket.putU16(p, ip + 16, (s & 0xffff) + (s >>> 16));
        } else {
            IpPacket.putU16(p, ip + 16, checksum);
        }
        return p;
    }

    private static byte[] header(int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
        byte[] h = new byte[VirtioNetHeader.LENGTH];
        h[0] = (byte) flags;
        h[1] = (byte) gsoType;
        h[2] = (byte) hdrLen;
        h[3] = (byte) (hdrLen >>> 8);
        h[4] = (byte) gsoSize;
        h[5] = (byte) (gsoSize >>> 8);
        h[6] = (byte) csumStart;
        h[8] = (byte) csumOffset;
        return h;
    }

    private static boolean checksumsVerify(byte[] p, int len) {
        boolean v6 = IpPacket.version(p, 0, len) == 6;
        int ip = v6 ? 40 : 20;
        return (v6 || Ipv4Header.verifyChecksum(p, 0))
                && InternetChecksum.withPseudoHeader(p, v6 ? 8 : 12, v6 ? 16 : 4, IpProtocol.TCP, ip, len - ip) == 0;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aGsoPacketIsCutIntoValidSegmentsThatJoinBackIntoIt(boolean v6) {
        int ip = v6 ? 40 : 20;
        int payload = 10 * MSS + 500;
        byte[] gso = tcp(v6, payload, ACK | PSH, true, SEQ);
        TcpSegmenter segmenter = new TcpSegmenter();
        byte[] h = header(VirtioNetHeader.F_NEEDS_CSUM, v6 ? VirtioNetHeader.GSO_TCPV6 : VirtioNetHeader.GSO_TCPV4, ip + 32, MSS, ip, 16);
        assertEquals(0, segmenter.accept(h, 0, gso, 0, gso.length));
        List<byte[]> segments = new ArrayList<>();
        byte[] out = new byte[2000];
        for (int n; (n = segmenter.next(out, 0)) > 0; ) {
            segments.add(Arrays.copyOf(out, n));
        }
        assertEquals(11, segments.size());
        long expectedSeq = SEQ;
        for (int i = 0; i < segments.size(); i++) {
            byte[] s = segments.get(i);
            boolean last = i == segments.size() - 1;
            assertEquals(ip + 32 + (last ? 500 : MSS), s.length);
            assertTrue(checksumsVerify(s, s.length), "segment " + i + " checksums");
            assertEquals(expectedSeq, IpPacket.u32(s, ip + 4), "sequence of segment " + i);
            assertEquals(last ? ACK | PSH : ACK, s[ip + 13] & 0xff, "flags of segment " + i);
            if (!v6) {
                assertEquals(777 + i, Ipv4Header.identification(s, 0));
            }
            assertArrayEquals(Arrays.copyOfRange(gso, ip + 32 + i * MSS, ip + 32 + i * MSS + s.length - ip - 32),
                    Arrays.copyOfRange(s, ip + 32, s.length));
            expectedSeq = (expectedSeq + s.length - ip - 32) & 0xffffffffL;
        }

        TcpCoalescer coalescer = new TcpCoalescer();
        for (byte[] s : segments) {
            assertTrue(coalescer.add(s, 0, s.length));
        }
        int n = coalescer.take();
        byte[] joined = coalescer.buffer();
        int h0 = VirtioNetHeader.LENGTH;
        assertEquals(h0 + gso.length, n);
        assertEquals(VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.flags(joined, 0));
        assertEquals(v6 ? VirtioNetHeader.GSO_TCPV6 : VirtioNetHeader.GSO_TCPV4, VirtioNetHeader.gsoType(joined, 0));
        assertEquals(MSS, VirtioNetHeader.gsoSize(joined, 0));
        assertEquals(ip, VirtioNetHeader.csumStart(joined, 0));
        assertEquals(16, VirtioNetHeader.csumOffset(joined, 0));
        byte[] packet = Arrays.copyOfRange(joined, h0, n);
        assertArrayEquals(Arrays.copyOfRange(gso, ip + 32, gso.length), Arrays.copyOfRange(packet, ip + 32, packet.length), "payload");
        assertEquals(IpPacket.u16(gso, ip + 16), IpPacket.u16(packet, ip + 16), "the partial checksum the kernel finishes");
        assertEquals(ACK | PSH, packet[ip + 13] & 0xff);
        assertFalse(coalescer.holding());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aPartialChecksumWithoutGsoIsFinished(boolean v6) {
        byte[] p = tcp(v6, 300, ACK, true, 1);
        int ip = v6 ? 40 : 20;
        assertEquals(p.length, new TcpSegmenter().accept(header(VirtioNetHeader.F_NEEDS_CSUM, 0, 0, 0, ip, 16), 0, p, 0, p.length));
        assertTrue(checksumsVerify(p, p.length));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void onlyWhatContinuesTheFlowJoins(boolean v6) {
        TcpCoalescer coalescer = new TcpCoalescer();
        byte[] first = tcp(v6, MSS, ACK, false, 1000);
        assertTrue(coalescer.add(first, 0, first.length));
        assertFalse(coalescer.add(tcp(v6, MSS, ACK, false, 5000), 0, first.length), "a gap in the sequence");
        byte[] syn = tcp(v6, 0, 0x02, false, 1000 + MSS);
        assertFalse(coalescer.add(syn, 0, syn.length), "no payload, SYN");
        assertFalse(coalescer.add(tcp(v6, MSS + 1, ACK, false, 1000 + MSS), 0, first.length + 1), "a larger segment");
        byte[] next = tcp(v6, 100, ACK, false, 1000 + MSS);
        assertTrue(coalescer.add(next, 0, next.length), "a short last segment");
        byte[] after = tcp(v6, MSS, ACK, false, 1000 + MSS + 100);
        assertFalse(coalescer.add(after, 0, after.length), "nothing after a short segment");
        int n = coalescer.take();
        assertEquals(VirtioNetHeader.LENGTH + first.length + 100, n);
        // one packet alone goes without GSO and with its own checksum
        assertTrue(coalescer.add(after, 0, after.length));
        byte[] single = Arrays.copyOfRange(coalescer.buffer(), VirtioNetHeader.LENGTH, coalescer.take());
        assertEquals(VirtioNetHeader.GSO_NONE, VirtioNetHeader.gsoType(coalescer.buffer(), 0));
        assertArrayEquals(after, single);
    }
}
