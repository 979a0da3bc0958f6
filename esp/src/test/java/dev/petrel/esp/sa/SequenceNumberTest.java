package dev.petrel.esp.sa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.esp.Packets;
import dev.petrel.esp.SaPair;
import dev.petrel.esp.Suite;
import dev.petrel.esp.lifetime.LifetimeEvent;
import dev.petrel.esp.lifetime.LimitKind;
import dev.petrel.esp.result.DropReason;
import dev.petrel.wire.esp.EspHeader;
import org.junit.jupiter.api.Test;

/** Outbound sequence numbers never wrap (RFC 4303 §3.3.3); with ESN the receiver infers the high half (Appendix A). */
class SequenceNumberTest {
    private static final byte[] INNER = Packets.udp("198.51.100.7", 4000, "203.0.113.9", 5000, 10);

    private static void assertExhaustion(boolean esn, long last) {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, esn, false);
        pair.outbound.advanceSequenceNumber(last - 2);
        pair.inbound.restoreReplayState(last - 2);
        assertArrayEquals(INNER, pair.open(pair.protect(INNER)));
        byte[] lastPacket = pair.protect(INNER);
        assertEquals(LifetimeEvent.hard(LimitKind.SEQUENCE_NUMBERS), pair.result.lifetimeEvent(), "the last number raises the hard event");
        assertEquals(last, pair.outbound.sequenceNumber());
        assertArrayEquals(INNER, pair.open(lastPacket));
        assertFalse(pair.outbound.encapsulate(pair.framed(INNER), pair.outbound.headroom(), INNER.length, pair.result));
        assertEquals(DropReason.SEQUENCE_EXHAUSTED, pair.result.dropReason());
        assertEquals(last, pair.outbound.sequenceNumber(), "never wraps");
        assertEquals(1, pair.outbound.counters().drops(DropReason.SEQUENCE_EXHAUSTED));
    }

    @Test
    void exhaustionWithout32BitWrap() {
        assertExhaustion(false, 0xffff_ffffL);
    }

    @Test
    void exhaustionWithEsnAt2To64() {
        assertExhaustion(true, -1L);
    }

    @Test
    void softEventBeforeExhaustion() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false);
        long soft = 0xffff_ffffL - (0xffff_ffffL >>> 4);
        pair.outbound.advanceSequenceNumber(soft - 2);
        pair.protect(INNER);
        assertNull(pair.result.lifetimeEvent());
        pair.protect(INNER);
        assertEquals(LifetimeEvent.soft(LimitKind.SEQUENCE_NUMBERS), pair.result.lifetimeEvent());
        pair.protect(INNER);
        assertNull(pair.result.lifetimeEvent(), "raised once");
    }

    @Test
    void theCounterOnlyMovesForward() {
        SaPair pair = SaPair.of(Suite.gcm16(), Mode.TUNNEL, false, false);
        pair.outbound.advanceSequenceNumber(100);
        assertThrows(IllegalArgumentException.class, () -> pair.outbound.advanceSequenceNumber(99));
        assertThrows(IllegalArgumentException.class, () -> pair.outbound.advanceSequenceNumber(1L << 32));
    }

    @Test
    void esnAcrossThe32BitBoundary() {
        for (Suite suite : new Suite[] {Suite.gcm16(), Suite.cbcSha256()}) {
            SaPair pair = SaPair.of(suite, Mode.TUNNEL, true, false, b -> b.replayWindow(64));
            long start = (1L << 32) - 5;
            pair.outbound.advanceSequenceNumber(start);
            pair.inbound.restoreReplayState(start); // as if packets up to start had arrived
            byte[][] packets = new byte[10][];
            for (int i = 0; i < packets.length; i++) {
                packets[i] = pair.protect(INNER);
                assertEquals((int) (start + 1 + i), EspHeader.sequenceNumber(packets[i], 20), "only the low half is sent");
            }
            // Deliver out of order across the wrap: the highest first, then the older ones.
            assertArrayEquals(INNER, pair.open(packets[9]));
            assertEquals(start + 10, pair.inbound.highestSequenceNumber());
            for (int i = 0; i < 9; i++) {
                assertArrayEquals(INNER, pair.open(packets[i]), suite + " packet " + i);
            }
            assertNull(pair.open(packets[3]));
            assertEquals(DropReason.REPLAY, pair.result.dropReason());
            assertEquals(start + 10, pair.inbound.highestSequenceNumber());
        }
    }

    @Test
    void withoutEsnTheHighHalfIsNotAuthenticated() {
        // An ESN receiver that infers a wrong high half fails the ICV: the high half is in the AAD / ICV input.
        SaPair esn = SaPair.of(Suite.cbcSha256(), Mode.TUNNEL, true, false);
        esn.outbound.advanceSequenceNumber((3L << 32) + 10);
        byte[] packet = esn.protect(INNER);
        assertNull(esn.open(packet), "the receiver's window is still in epoch 0");
        assertEquals(DropReason.INTEGRITY, esn.result.dropReason());
        assertEquals(0, esn.inbound.highestSequenceNumber());
        esn.inbound.restoreReplayState((3L << 32) + 5);
        assertArrayEquals(INNER, esn.open(packet));
    }
}
