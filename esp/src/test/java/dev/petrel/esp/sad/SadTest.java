package dev.petrel.esp.sad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.packet.IpLayout;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.result.ProcessResult;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.Mode;
import dev.petrel.esp.sa.SecurityAssociation;
import dev.petrel.wire.esp.EspHeader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SadTest {
    private static final byte[] B4 = SaPair.address(SaPair.GATEWAY_B4);
    private static final byte[] A4 = SaPair.address(SaPair.GATEWAY_A4);

    private static InboundSa inbound(int spi, boolean ipv6) {
        return SaPair.of(SaPair.parameters(Suite.gcm16(), Mode.TUNNEL, false, ipv6).spi(spi).build()).inbound;
    }

    @Test
    void lookupIsBySpiDestinationAndProtocol() {
        Sad sad = new Sad();
        InboundSa sa = inbound(0x1000, false); // destination: the receiver's address, gateway B
        sad.add(sa);
        assertSame(sa, sad.lookup(0x1000, B4, 0, 4, 50));
        assertNull(sad.lookup(0x1001, B4, 0, 4, 50), "other SPI");
        assertNull(sad.lookup(0x1000, A4, 0, 4, 50), "other destination");
        assertNull(sad.lookup(0x1000, B4, 0, 4, 51), "AH");
        byte[] framed = {9, 9, (byte) 192, 0, 2, 2};
        assertSame(sa, sad.lookup(0x1000, framed, 2, 4, 50), "address at an offset");
    }

    @Test
    void sameSpiForDifferentDestinationsCoexists() {
        Sad sad = new Sad();
        InboundSa v4 = inbound(0x2000, false);
        InboundSa v6 = inbound(0x2000, true);
        sad.add(v4);
        sad.add(v6);
        assertEquals(2, sad.size());
        assertSame(v6, sad.lookup(0x2000, SaPair.address(SaPair.GATEWAY_B6), 0, 16, 50));
        assertSame(v4, sad.lookup(0x2000, B4, 0, 4, 50));
        assertThrows(IllegalArgumentException.class, () -> sad.add(inbound(0x2000, false)));
    }

    @Test
    void removeDestroysTheSa() {
        Sad sad = new Sad();
        InboundSa sa = inbound(0x3000, false);
        sad.add(sa);
        assertTrue(sad.remove(0x3000, B4, 0, 4, 50));
        assertTrue(sa.isDestroyed());
        assertNull(sad.lookup(0x3000, B4, 0, 4, 50));
        assertFalse(sad.remove(0x3000, B4, 0, 4, 50));
        assertEquals(0, sad.size());
    }

    @Test
    void manySasSurviveGrowthAndRemoval() {
        Sad sad = new Sad();
        List<InboundSa> sas = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            InboundSa sa = inbound(0x10000 + i * 7919, false);
            sas.add(sa);
            sad.add(sa);
        }
        for (int i = 0; i < 200; i += 2) {
            assertTrue(sad.remove(0x10000 + i * 7919, B4, 0, 4, 50));
        }
        for (int i = 0; i < 200; i++) {
            SecurityAssociation found = sad.lookup(0x10000 + i * 7919, B4, 0, 4, 50);
            assertSame(i % 2 == 0 ? null : sas.get(i), found);
        }
        sad.clear();
        assertTrue(sas.get(1).isDestroyed());
        assertEquals(0, sad.size());
    }

    /** The inbound path of DESIGN.md: SAD by the packet's SPI and destination, then decapsulation. */
    @Test
    void inboundPathFromAPacket() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false);
        Sad sad = new Sad();
        sad.add(pair.inbound);
        byte[] inner = Packets.udp("198.51.100.7", 1, "203.0.113.9", 2, 5);
        byte[] esp = pair.protect(inner);
        IpLayout layout = new IpLayout();
        assertTrue(layout.parse(esp, 0, esp.length));
        SecurityAssociation sa = sad.lookup(EspHeader.spi(esp, layout.upperLayerOffset()), esp, layout.destinationOffset(),
                layout.addressLength(), layout.upperLayerProtocol());
        ProcessResult result = new ProcessResult();
        assertTrue(sa instanceof InboundSa in && in.decapsulate(esp, 0, esp.length, result));
        assertEquals(inner.length, result.length());
        assertNull(sad.lookup(EspHeader.spi(esp, layout.upperLayerOffset()) + 1, esp, layout.destinationOffset(), 4, 50));
        assertEquals(0, pair.inbound.counters().drops(DropReason.UNKNOWN_SPI));
    }
}
