package dev.petrel.esp.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayWindowTest {
    /** Checks and, when accepted, records {@code seq}, as the SA does once the ICV verified. */
    private static boolean receive(ReplayWindow w, long seq) {
        if (!w.check(seq)) {
            return false;
        }
        w.update(seq);
        return true;
    }

    @Test
    void sizesRoundUpToWholeBlocks() {
        assertEquals(0, new ReplayWindow(0).size());
        assertEquals(64, new ReplayWindow(32).size());
        assertEquals(64, new ReplayWindow(64).size());
        assertEquals(128, new ReplayWindow(65).size());
        assertEquals(1024, new ReplayWindow(1000).size());
        assertEquals(4096, new ReplayWindow(4096).size());
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(-1));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(ReplayWindow.MAX_SIZE + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 64, 1024, 4096})
    void duplicatesTooOldAndOutOfOrder(int requested) {
        ReplayWindow w = new ReplayWindow(requested);
        int size = w.size();
        assertFalse(w.check(0), "sequence number 0 is never sent");
        assertTrue(receive(w, 1));
        assertFalse(receive(w, 1), "duplicate");
        assertTrue(receive(w, 5));
        assertTrue(receive(w, 3), "out of order within the window");
        assertFalse(receive(w, 3));
        assertTrue(receive(w, 2));
        long top = 10L * size;
        assertTrue(receive(w, top));
        assertFalse(receive(w, top - size), "just below the window");
        assertTrue(receive(w, top - size + 1), "the oldest still in the window");
        assertFalse(receive(w, top - size + 1));
        assertTrue(receive(w, top - 1));
        assertEquals(top, w.top());
    }

    @Test
    void zeroSizeTurnsTheCheckOff() {
        ReplayWindow w = new ReplayWindow(0);
        assertTrue(receive(w, 7));
        assertTrue(receive(w, 7));
        assertTrue(receive(w, 1));
        assertEquals(7, w.top(), "the top is still tracked for ESN");
    }

    /** Random traffic against a plain set of everything seen: the ring must agree with the definition. */
    @ParameterizedTest
    @ValueSource(ints = {64, 128, 1024})
    void agreesWithTheDefinition(int size) {
        ReplayWindow w = new ReplayWindow(size);
        BitSet seen = new BitSet();
        Random random = new Random(size);
        long top = 0;
        for (int i = 0; i < 100_000; i++) {
            long seq = Math.max(1, top + random.nextInt(size * 3) - size * 2 + (random.nextInt(50) == 0 ? size * 4 : 0));
            boolean expected = !seen.get((int) seq) && seq > top - size;
            assertEquals(expected, receive(w, seq), "seq " + seq + " top " + top);
            if (expected) {
                seen.set((int) seq);
                top = Math.max(top, seq);
            }
        }
    }

    @Test
    void esnInferenceFollowsRfc4303AppendixA() {
        ReplayWindow w = new ReplayWindow(64);
        w.restore((5L << 32) | 1000);
        assertEquals((5L << 32) | 1001, w.inferSequenceNumber(1001), "case A, ahead");
        assertEquals((5L << 32) | 950, w.inferSequenceNumber(950), "case A, in the window");
        assertEquals((6L << 32) | 900, w.inferSequenceNumber(900), "case A, below the window: the low bits wrapped");
        w.restore((6L << 32) | 10);
        assertEquals((6L << 32) | 20, w.inferSequenceNumber(20), "case B, ahead");
        assertEquals((5L << 32) | 0xffff_fff0L, w.inferSequenceNumber(0xfffffff0), "case B, window spans the wrap");
        assertEquals((6L << 32) | 0x8000_0000L, w.inferSequenceNumber(0x80000000), "case B, far ahead");
        ReplayWindow fresh = new ReplayWindow(64);
        assertEquals(0xffff_fff0L, fresh.inferSequenceNumber(0xfffffff0), "no epoch before the first");
    }

    @Test
    void restoreOnlyMovesForward() {
        ReplayWindow w = new ReplayWindow(64);
        receive(w, 100);
        assertThrows(IllegalArgumentException.class, () -> w.restore(99));
        w.restore(1000);
        assertTrue(receive(w, 990), "below the restored top, in the window, unseen");
        assertFalse(receive(w, 900));
    }
}
