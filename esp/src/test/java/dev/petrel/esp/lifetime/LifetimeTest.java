package dev.petrel.esp.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.result.DropReason;
import dev.petrel.esp.sa.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Soft then hard lifetime events by packets and by bytes, on both ends of an SA. */
class LifetimeTest {
    /** 49 octets of inner packet: 49 + 2 + 1 pad = 52 octets of ESP payload per packet with AES-GCM. */
    private static final byte[] INNER = Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5000, 21);
    private static final int ESP_PAYLOAD = 52;

    @Test
    void byPackets() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false, b -> b.lifetime(LifetimeLimits.packets(3, 5)));
        List<LifetimeEvent> sent = new ArrayList<>();
        List<LifetimeEvent> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] esp = pair.protect(INNER);
            sent.add(pair.result.lifetimeEvent());
            assertArrayEquals(INNER, pair.open(esp));
            received.add(pair.result.lifetimeEvent());
        }
        List<LifetimeEvent> expected = Arrays.asList(null, null, LifetimeEvent.soft(LimitKind.PACKETS), null, LifetimeEvent.hard(LimitKind.PACKETS));
        assertEquals(expected, sent);
        assertEquals(expected, received);
        assertTrue(pair.outbound.hardExpired());
        assertFalse(pair.outbound.encapsulate(pair.framed(INNER), pair.outbound.headroom(), INNER.length, pair.result));
        assertEquals(DropReason.SA_EXPIRED, pair.result.dropReason());
    }

    @Test
    void byBytes() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false,
                b -> b.lifetime(LifetimeLimits.bytes(2 * ESP_PAYLOAD, 4 * ESP_PAYLOAD - 1)));
        byte[] first = pair.protect(INNER);
        assertNull(pair.result.lifetimeEvent());
        pair.open(first);
        byte[] second = pair.protect(INNER);
        assertEquals(LifetimeEvent.soft(LimitKind.BYTES), pair.result.lifetimeEvent());
        assertTrue(pair.outbound.softExpired());
        pair.open(second);
        assertEquals(LifetimeEvent.soft(LimitKind.BYTES), pair.result.lifetimeEvent());
        byte[] third = pair.protect(INNER);
        assertNull(pair.result.lifetimeEvent());
        byte[] fourth = pair.protect(INNER);
        assertEquals(LifetimeEvent.hard(LimitKind.BYTES), pair.result.lifetimeEvent(), "the packet crossing the limit still goes");
        assertArrayEquals(INNER, pair.open(third));
        assertArrayEquals(INNER, pair.open(fourth));
        assertEquals(LifetimeEvent.hard(LimitKind.BYTES), pair.result.lifetimeEvent());
        assertFalse(pair.outbound.encapsulate(pair.framed(INNER), pair.outbound.headroom(), INNER.length, pair.result));
        assertEquals(DropReason.SA_EXPIRED, pair.result.dropReason());
    }

    @Test
    void theInboundSideRefusesPacketsAfterItsHardLimit() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false, b -> b.lifetime(LifetimeLimits.packets(1, 2)));
        byte[] a = pair.protect(INNER);
        byte[] b = pair.protect(INNER);
        pair.open(a);
        pair.open(b);
        assertTrue(pair.inbound.hardExpired());
        assertNull(pair.open(a));
        assertEquals(DropReason.SA_EXPIRED, pair.result.dropReason());
    }

    @Test
    void forgedPacketsDoNotCount() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false, b -> b.lifetime(LifetimeLimits.packets(1, 2)));
        byte[] esp = pair.protect(INNER);
        esp[esp.length - 1] ^= 1;
        for (int i = 0; i < 10; i++) {
            assertNull(pair.open(esp));
        }
        assertFalse(pair.inbound.softExpired());
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> LifetimeLimits.packets(10, 5));
        assertThrows(IllegalArgumentException.class, () -> LifetimeLimits.bytes(0, 5));
    }
}
