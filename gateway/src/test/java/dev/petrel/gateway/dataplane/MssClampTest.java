package dev.petrel.gateway.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class MssClampTest {
    private final MssClamp clamp = new MssClamp();

    /** An IPv4 or IPv6 TCP segment with flags and options (NOP, NOP, MSS, window scale, NOP) and a valid checksum. */
    static byte[] tcp(String source, String destination, int flags, int mss) throws Exception {
        byte[] s = InetAddress.getByName(source).getAddress();
        byte[] d = InetAddress.getByName(destination).getAddress();
        boolean v4 = s.length == 4;
        int ip = v4 ? 20 : 40;
        byte[] options = {1, 1, 2, 4, (byte) (mss >>> 8), (byte) mss, 3, 3, 7, 1, 0, 0};
        int tcpLength = 20 + options.length;
        byte[] p = new byte[ip + tcpLength];
        if (v4) {
            Ipv4Header.write(p, 0, 0, p.length, 1, true, 64, IpProtocol.TCP, s, d);
        } else {
            Ipv6Header.write(p, 0, 0, 0, tcpLength, IpProtocol.TCP, 64, s, d);
        }
        IpPacket.putU16(p, ip, 40_000);
        IpPacket.putU16(p, ip + 2, 443);
        p[ip + 12] = (byte) ((tcpLength / 4) << 4);
        p[ip + 13] = (byte) flags;
        IpPacket.putU16(p, ip + 14, 64_240);
        System.arraycopy(options, 0, p, ip + 20, options.length);
        IpPacket.putU16(p, ip + 16, checksum(p, ip, tcpLength));
        return p;
    }

    static int checksum(byte[] p, int ip, int tcpLength) {
        boolean v4 = ip == 20;
        return InternetChecksum.withPseudoHeader(p, v4 ? 12 : 8, v4 ? 4 : 16, IpProtocol.TCP, ip, tcpLength);
    }

    @Test
    void clampsTheMssOfIpv4AndIpv6SynsAndKeepsTheChecksumValid() throws Exception {
        for (String[] pair : new String[][] {{"198.51.100.10", "203.0.113.20"}, {"2001:db8:1::10", "2001:db8:2::20"}}) {
            for (int flags : new int[] {0x02, 0x12}) {
                byte[] p = tcp(pair[0], pair[1], flags, 1460);
                int ip = pair[0].contains(":") ? 40 : 20;
                assertTrue(clamp.clamp(p, 0, p.length, 1360));
                assertEquals(1360, IpPacket.u16(p, ip + 24));
                assertEquals(0, checksum(p, ip, p.length - ip), "the checksum still verifies");
            }
        }
    }

    @Test
    void leavesSmallerMssesAndNonSynSegmentsAlone() throws Exception {
        byte[] small = tcp("198.51.100.10", "203.0.113.20", 0x02, 1200);
        assertFalse(clamp.clamp(small, 0, small.length, 1360));
        byte[] ack = tcp("198.51.100.10", "203.0.113.20", 0x10, 1460);
        assertFalse(clamp.clamp(ack, 0, ack.length, 1360));
        assertEquals(1460, IpPacket.u16(ack, 44));
    }
}
