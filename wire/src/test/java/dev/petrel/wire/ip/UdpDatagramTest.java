package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {
    @Test
    void ipv4DatagramMatchesAHandChecksummedPacket() throws Exception {
        byte[] p = UdpDatagram.packet(InetAddress.getByName("192.0.2.1").getAddress(), 1234,
                InetAddress.getByName("192.0.2.2").getAddress(), 80, "hi".getBytes());
        assertEquals(30, p.length);
        assertEquals(0, InternetChecksum.compute(p, 0, 20), "IPv4 header checksum verifies");
        assertEquals(0, UdpDatagram.checksum(p, 12, 4, 20, 10), "UDP checksum verifies");
    }

    @Test
    void ipv6DatagramChecksumVerifies() throws Exception {
        byte[] p = UdpDatagram.packet(InetAddress.getByName("2001:db8::1").getAddress(), 53,
                InetAddress.getByName("2001:db8::2").getAddress(), 5353, new byte[] {1, 2, 3});
        assertEquals(40 + 8 + 3, p.length);
        assertEquals(11, Ipv6Header.payloadLength(p, 0));
        assertEquals(0, UdpDatagram.checksum(p, 8, 16, 40, 11), "UDP checksum verifies: " + HexFormat.of().formatHex(p));
    }
}
