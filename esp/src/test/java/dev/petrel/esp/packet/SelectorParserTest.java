package dev.petrel.esp.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.policy.PacketSelector;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.wire.iana.IpProtocol;
import org.junit.jupiter.api.Test;

class SelectorParserTest {
    private final SelectorParser parser = new SelectorParser();
    private final PacketSelector selector = new PacketSelector();

    @Test
    void ipv4Udp() {
        byte[] p = Packets.udp("198.51.100.7", 5000, "203.0.113.9", 53, 10);
        assertTrue(parser.parse(p, 0, p.length, selector));
        assertEquals(17, selector.protocol());
        assertEquals(5000, selector.sourcePort());
        assertEquals(53, selector.destinationPort());
        assertFalse(selector.isIpv6());
        assertTrue(selector.matchesSource(TrafficSelector.subnet("198.51.100.7/32")), "the source address is 198.51.100.7");
        assertFalse(selector.matchesSource(TrafficSelector.subnet("198.51.100.6/32")));
        assertFalse(selector.matchesSource(TrafficSelector.subnet("198.51.100.8/32")));
        assertTrue(selector.matchesSource(TrafficSelector.subnet("198.51.100.0/24", 17, 5000, 5000)));
        assertTrue(selector.matchesDestination(TrafficSelector.subnet("203.0.113.0/24", 17, 53, 53)));
    }

    @Test
    void ipv6IcmpTypeAndCodeAfterExtensionHeader() {
        byte[] body = new byte[8 + 8];
        body[0] = 58;
        body[8] = (byte) 128; // echo request
        body[9] = 0;
        byte[] p = Packets.ip("2001:db8::1", "2001:db8:1::2", 60, body);
        assertTrue(parser.parse(p, 0, p.length, selector));
        assertEquals(58, selector.protocol());
        assertEquals(128 << 8, selector.sourcePort());
        assertEquals(128 << 8, selector.destinationPort());
        assertTrue(selector.isIpv6());
    }

    @Test
    void icmpv4AndSctp() {
        byte[] icmp = Packets.ip("192.0.2.1", "192.0.2.2", 1, new byte[] {3, 4, 0, 0, 0, 0, 0, 0});
        assertTrue(parser.parse(icmp, 0, icmp.length, selector));
        assertEquals((3 << 8) | 4, selector.sourcePort());
        byte[] sctp = Packets.ip("192.0.2.1", "192.0.2.2", IpProtocol.SCTP, new byte[] {0x0b, (byte) 0xb8, 0x13, (byte) 0x88, 0, 0, 0, 0, 0, 0, 0, 0});
        assertTrue(parser.parse(sctp, 0, sctp.length, selector));
        assertEquals(3000, selector.sourcePort());
        assertEquals(5000, selector.destinationPort());
    }

    @Test
    void nonFirstFragmentAndShortTransportHeaderHaveNoPorts() {
        byte[] p = Packets.udp("192.0.2.1", 1, "192.0.2.2", 2, 0);
        p[7] = 3; // fragment offset 3
        assertTrue(parser.parse(p, 0, p.length, selector));
        assertEquals(-1, selector.sourcePort());
        assertTrue(selector.matchesSource(TrafficSelector.subnet("192.0.2.0/24")));
        assertFalse(selector.matchesSource(TrafficSelector.subnet("192.0.2.0/24", 17, 1, 1)));
        byte[] shortTcp = Packets.ip("2001:db8::1", "2001:db8::2", 6, new byte[] {0, 80});
        assertTrue(parser.parse(shortTcp, 0, shortTcp.length, selector));
        assertEquals(-1, selector.destinationPort());
        byte[] gre = Packets.ip("192.0.2.1", "192.0.2.2", 47, new byte[8]);
        assertTrue(parser.parse(gre, 0, gre.length, selector));
        assertEquals(-1, selector.sourcePort(), "protocols without ports");
    }

    @Test
    void malformedPacketsAreRejected() {
        byte[] p = Packets.udp("192.0.2.1", 1, "192.0.2.2", 2, 4);
        assertFalse(parser.parse(p, 0, p.length - 1, selector), "truncated below the total length");
        assertFalse(parser.parse(p, 0, 0, selector));
        byte[] v6 = Packets.udp("2001:db8::1", 1, "2001:db8::2", 2, 4);
        v6[6] = 60; // an options header that claims more than the payload
        v6[41] = 9;
        assertFalse(parser.parse(v6, 0, v6.length, selector));
        v6[0] = 0x50;
        assertFalse(parser.parse(v6, 0, v6.length, selector), "version 5");
    }
}
