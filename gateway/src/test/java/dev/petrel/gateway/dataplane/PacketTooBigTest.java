package dev.petrel.gateway.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ip.InternetChecksum;
import dev.petrel.wire.ip.IpPacket;
import dev.petrel.wire.ip.Ipv4Header;
import dev.petrel.wire.ip.Ipv6Header;
import dev.petrel.wire.ip.UdpDatagram;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketTooBigTest {
    private final PacketTooBig tooBig = new PacketTooBig();
    private final byte[] out = new byte[1280];

    @Test
    void ipv4WithDontFragmentGetsFragmentationNeededWithTheMtu() throws Exception {
        byte[] src = InetAddress.getByName("198.51.100.10").getAddress();
        byte[] dst = InetAddress.getByName("203.0.113.20").getAddress();
        byte[] packet = UdpDatagram.packet(src, 40_000, dst, 5201, new byte[1472]); // DF set
        int n = tooBig.answer(packet, 0, packet.length, 1418, out);
        assertEquals(20 + 8 + 28, n, "IP header, ICMP header, and the packet's header plus 8 octets");
        assertEquals(0, Ipv4Header.verifyChecksum(out, 0) ? 0 : 1);
        assertArrayEquals(dst, Arrays.copyOfRange(out, 12, 16), "from the packet's destination");
        assertArrayEquals(src, Arrays.copyOfRange(out, 16, 20), "to its source");
        assertEquals(IpProtocol.ICMP, out[9]);
        assertEquals(3, out[20]);
        assertEquals(4, out[21]);
        assertEquals(1418, IpPacket.u16(out, 26));
        assertEquals(0, InternetChecksum.compute(out, 20, n - 20));
        assertArrayEquals(Arrays.copyOf(packet, 28), Arrays.copyOfRange(out, 28, 56));
    }

    @Test
    void ipv4WithoutDontFragmentIsNotAnswered() throws Exception {
        byte[] packet = UdpDatagram.packet(InetAddress.getByName("198.51.100.10").getAddress(), 1,
                InetAddress.getByName("203.0.113.20").getAddress(), 2, new byte[1472]);
        IpPacket.putU16(packet, 6, 0); // clear DF
        Ipv4Header.updateChecksum(packet, 0);
        assertEquals(0, tooBig.answer(packet, 0, packet.length, 1418, out));
    }

    @Test
    void ipv6GetsPacketTooBigQuotingUpToTheMinimumMtu() throws Exception {
        byte[] src = InetAddress.getByName("2001:db8:1::10").getAddress();
        byte[] dst = InetAddress.getByName("2001:db8:2::20").getAddress();
        byte[] packet = UdpDatagram.packet(src, 40_000, dst, 5201, new byte[1452]);
        int n = tooBig.answer(packet, 0, packet.length, 1398, out);
        assertEquals(1280, n);
        assertEquals(IpProtocol.ICMPV6, Ipv6Header.nextHeader(out, 0));
        assertEquals(2, out[40]);
        assertEquals(1398, IpPacket.u16(out, 46));
        assertEquals(0, InternetChecksum.withPseudoHeader(out, 8, 16, IpProtocol.ICMPV6, 40, n - 40));
        assertEquals(0, tooBig.answer(packet, 0, packet.length, 1200, out), "no MTU under IPv6's 1280");
    }
}
